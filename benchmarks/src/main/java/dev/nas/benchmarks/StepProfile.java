package dev.nas.benchmarks;

import dev.nas.spaces.darts.DartsMacro;
import dev.nas.spaces.darts.DartsSpace;
import dev.nas.spaces.network.Network;
import dev.nas.supernet.Supernet;
import dev.nas.supernet.SupernetOptions;
import dev.nas.supernet.kernels.Kernels;
import dev.nas.supernet.tape.TapeNetwork;
import dev.nas.supernet.train.SgdMomentum;
import dev.nas.supernet.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where a tape training step's time goes, with the Java kernels ({@link Kernels}) on and off in
 * the same process, rounds interleaved so that both see the same machine: median wall time per
 * step, CPU time, minor page faults (/proc/self/stat), and per op kind and direction the time of
 * profiled steps. The step is {@link TrainingStepBench}'s with {@code path=tape}: batch 64, one
 * fixed random batch, SGD momentum 0.9, lr 0.025, weight decay 3e-4, every array of the step in a
 * reused workspace; or {@code darts_search}: the weight step of a DARTS search on the relaxation
 * (default C=16, 8 cells, batch 64), in lean mode as searches run it. With {@code --lean}, a
 * child's step in its workspace against the same step in lean mode (each array closed as soon as
 * backward is done with it), kernels on in both.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.nas.benchmarks.StepProfile [--lean] nb201|darts_v2|darts_search[:C:CELLS:BATCH] [ROUNDS] [STEPS] [WARMUP]
 * </pre>
 */
public final class StepProfile {

  private static final String OPTIMIZER = "optimizer (SGD momentum)";

  public static void main(String[] args) throws IOException {
    boolean compareLean = args.length > 0 && args[0].equals("--lean");
    if (compareLean) {
      args = java.util.Arrays.copyOfRange(args, 1, args.length);
    }
    String name = args.length > 0 ? args[0] : "nb201";
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int steps = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    Map<String, INDArray> store;
    TapeNetwork tape;
    int batch = TrainingStepBench.BATCH;
    if (name.startsWith("darts_search")) {
      // darts_search[:C:CELLS:BATCH]: the DARTS relaxation (8 ops on every edge), lean mode, as a
      // search's weight step trains it (the architecture weights get gradients too, and SGD).
      String[] p = (name + ":16:8:64").split(":");
      Supernet supernet = new Supernet(new DartsSpace(new DartsMacro(Integer.parseInt(p[1]), Integer.parseInt(p[2]),
          10, 32, false)), 0, SupernetOptions.SEARCH);
      tape = supernet.relaxed();
      store = supernet.store();
      batch = Integer.parseInt(p[3]);
    } else {
      store = new HashMap<>();
      Network net = TrainingStepBench.network(name);
      tape = new TapeNetwork(net, store, 0, DataType.FLOAT);
    }
    Nd4j.getRandom().setSeed(0);
    INDArray x = Nd4j.rand(DataType.FLOAT, batch, 3, 32, 32);
    INDArray y = Nd4j.zeros(DataType.FLOAT, batch, 10);
    for (int i = 0; i < batch; i++) {
      y.putScalar(i, i % 10, 1f);
    }
    SgdMomentum optimizer = new SgdMomentum(TrainingStepBench.MOMENTUM, TrainingStepBench.WEIGHT_DECAY, false);
    if (compareLean && tape.lean()) {
      throw new IllegalArgumentException("--lean compares a child's workspace step with its lean step; " + name
          + " runs lean only (its workspace would hold every activation of the relaxation)");
    }
    Mode[] modes = compareLean
        ? new Mode[] {new Mode("workspace", true, false), new Mode("lean", true, true)}
        : new Mode[] {new Mode("libnd4j ops", false, tape.lean()), new Mode("Java kernels", true, tape.lean())};
    for (Mode mode : modes) {
      mode.apply(tape);
      for (int i = 0; i < warmup; i++) {
        step(tape, optimizer, store, x, y, null);
      }
    }
    for (int r = 0; r < rounds; r++) {
      for (Mode mode : modes) {
        mode.apply(tape);
        long faults = minorFaults();
        long cpu = cpuTicks();
        for (int i = 0; i < steps; i++) {
          long t0 = System.nanoTime();
          step(tape, optimizer, store, x, y, null);
          mode.wall.add((System.nanoTime() - t0) / 1e6);
        }
        mode.faults += minorFaults() - faults;
        mode.cpuTicks += cpuTicks() - cpu;
        // Profiled steps: each op timed on its own.
        tape.profile(true);
        for (int i = 0; i < steps; i++) {
          step(tape, optimizer, store, x, y, mode.ops);
        }
        mode.ops.putAll(merge(mode.ops, tape.profile()));
        tape.resetProfile();
        tape.profile(false);
      }
    }
    int total = rounds * steps;
    System.out.printf("%s, batch %d, %d rounds x %d steps per mode after %d warm-up steps, modes interleaved%n",
        name, batch, rounds, steps, warmup);
    System.out.printf("%-28s %14s %14s %8s%n", "", modes[0].label, modes[1].label, "ratio");
    row("median ms/step", modes[0].median(), modes[1].median());
    row("min ms/step", modes[0].wall.stream().min(Double::compare).orElseThrow(),
        modes[1].wall.stream().min(Double::compare).orElseThrow());
    row("CPU ms/step (all threads)", modes[0].cpuTicks * 10.0 / total, modes[1].cpuTicks * 10.0 / total);
    row("minor page faults/step", modes[0].faults / (double) total, modes[1].faults / (double) total);
    System.out.printf("profiled steps, ms/step per op kind:%n");
    TreeSet<String> kinds = new TreeSet<>(modes[0].ops.keySet());
    kinds.addAll(modes[1].ops.keySet());
    kinds.stream()
        .sorted((a, b) -> Long.compare(modes[0].ops.getOrDefault(b, 0L), modes[0].ops.getOrDefault(a, 0L)))
        .filter(k -> modes[0].ops.getOrDefault(k, 0L) / 1e6 / total >= 0.5 || modes[1].ops.getOrDefault(k, 0L) / 1e6 / total >= 0.5)
        .forEach(k -> row("  " + k, modes[0].ops.getOrDefault(k, 0L) / 1e6 / total,
            modes[1].ops.getOrDefault(k, 0L) / 1e6 / total));
  }

  private static Map<String, Long> merge(Map<String, Long> into, Map<String, Long> more) {
    Map<String, Long> out = new HashMap<>(into);
    more.forEach((k, v) -> out.merge(k, v, Long::sum));
    return out;
  }

  private static void row(String label, double a, double b) {
    System.out.printf("%-28s %14.1f %14.1f %8.2f%n", label, a, b, b / a);
  }

  private static final class Mode {
    final String label;
    final boolean kernels;
    final boolean lean;
    final List<Double> wall = new ArrayList<>();
    final Map<String, Long> ops = new HashMap<>();
    long faults;
    long cpuTicks;

    Mode(String label, boolean kernels, boolean lean) {
      this.label = label;
      this.kernels = kernels;
      this.lean = lean;
    }

    void apply(TapeNetwork tape) {
      Kernels.enable(kernels);
      tape.lean(lean);
    }

    double median() {
      List<Double> sorted = wall.stream().sorted().toList();
      return sorted.get(sorted.size() / 2);
    }
  }

  private static void step(TapeNetwork tape, SgdMomentum optimizer, Map<String, INDArray> store, INDArray x, INDArray y,
      Map<String, Long> timing) {
    // A lean network (the relaxation) frees its own arrays and runs outside any workspace.
    try (MemoryWorkspace ws = tape.lean() ? Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()
        : Nd4j.getWorkspaceManager().getAndActivateWorkspace(Trainer.STEP_WORKSPACE, "tape-step")) {
      tape.forward(x, y);
      Map<String, INDArray> grads = tape.backward();
      long t0 = System.nanoTime();
      optimizer.apply(store, grads, TrainingStepBench.LR);
      if (timing != null) {
        timing.merge(OPTIMIZER, System.nanoTime() - t0, Long::sum);
      }
    }
  }

  /** Field 10 of /proc/self/stat: minor faults of the whole process. */
  static long minorFaults() throws IOException {
    return Long.parseLong(statFields()[9]);
  }

  /** Fields 14 and 15 of /proc/self/stat: user + system CPU time in clock ticks (10 ms). */
  static long cpuTicks() throws IOException {
    String[] f = statFields();
    return Long.parseLong(f[13]) + Long.parseLong(f[14]);
  }

  private static String[] statFields() throws IOException {
    String stat = Files.readString(Path.of("/proc/self/stat"));
    // The command name (field 2) may hold spaces: split after its closing parenthesis.
    String rest = stat.substring(stat.lastIndexOf(')') + 2);
    String[] after = rest.trim().split(" ");
    String[] fields = new String[after.length + 2];
    System.arraycopy(after, 0, fields, 2, after.length);
    return fields;
  }
}
