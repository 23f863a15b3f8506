package dev.nas.benchmarks;

import dev.nas.spaces.network.Network;
import dev.nas.supernet.train.SgdMomentum;
import dev.nas.supernet.train.Trainer;
import dev.nas.supernet.tape.TapeNetwork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where a tape training step's time goes: per op kind and direction (forward/backward), the
 * optimizer, and the minor page faults and CPU time of the process per step. Same step as
 * {@link TrainingStepBench} with {@code path=tape} (batch 64, one fixed random batch, SGD momentum
 * 0.9, lr 0.025, weight decay 3e-4, every array of the step in a reused workspace).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.nas.benchmarks.StepProfile nb201|darts_v2 [STEPS] [WARMUP]
 * </pre>
 *
 * Profiled steps time each op on its own, so their sum exceeds an unprofiled step a little; the
 * unprofiled median is printed first, from the same process.
 */
public final class StepProfile {

  public static void main(String[] args) throws IOException {
    String name = args.length > 0 ? args[0] : "nb201";
    int steps = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Network net = TrainingStepBench.network(name);
    Map<String, INDArray> store = new HashMap<>();
    Nd4j.getRandom().setSeed(0);
    INDArray x = Nd4j.rand(DataType.FLOAT, TrainingStepBench.BATCH, 3, 32, 32);
    INDArray y = Nd4j.zeros(DataType.FLOAT, TrainingStepBench.BATCH, 10);
    for (int i = 0; i < TrainingStepBench.BATCH; i++) {
      y.putScalar(i, i % 10, 1f);
    }
    TapeNetwork tape = new TapeNetwork(net, store, 0, DataType.FLOAT);
    SgdMomentum optimizer = new SgdMomentum(TrainingStepBench.MOMENTUM, TrainingStepBench.WEIGHT_DECAY, false);
    for (int i = 0; i < warmup; i++) {
      step(tape, optimizer, store, x, y);
    }
    List<Long> plain = new ArrayList<>();
    long faults0 = minorFaults();
    long cpu0 = cpuTicks();
    for (int i = 0; i < steps; i++) {
      long t0 = System.nanoTime();
      step(tape, optimizer, store, x, y);
      plain.add(System.nanoTime() - t0);
    }
    double faultsPerStep = (minorFaults() - faults0) / (double) steps;
    double cpuMsPerStep = (cpuTicks() - cpu0) * 10.0 / steps;
    plain.sort(Comparator.naturalOrder());
    double median = plain.get(steps / 2) / 1e6;
    long pageBytes = 4096;
    System.out.printf("%s: %d steps after %d warm-up: median %.1f ms/step (min %.1f, max %.1f); "
            + "CPU %.0f ms/step (%.2f cores); %.0f minor faults/step (%.1f MB of fresh pages)%n",
        name, steps, warmup, median, plain.get(0) / 1e6, plain.get(steps - 1) / 1e6, cpuMsPerStep,
        cpuMsPerStep / median, faultsPerStep, faultsPerStep * pageBytes / 1e6);

    tape.profile(true);
    long optimizerNanos = 0;
    long total0 = System.nanoTime();
    for (int i = 0; i < steps; i++) {
      try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(Trainer.STEP_WORKSPACE, "tape-step")) {
        tape.forward(x, y);
        Map<String, INDArray> grads = tape.backward();
        long t0 = System.nanoTime();
        optimizer.apply(store, grads, TrainingStepBench.LR);
        optimizerNanos += System.nanoTime() - t0;
      }
    }
    double profiledStep = (System.nanoTime() - total0) / 1e6 / steps;
    Map<String, Long> profile = new HashMap<>(tape.profile());
    profile.put("optimizer (SGD momentum, all weights)", optimizerNanos);
    long accounted = profile.values().stream().mapToLong(Long::longValue).sum();
    System.out.printf("profiled: %.1f ms/step, %.1f ms of it in the rows below%n", profiledStep, accounted / 1e6 / steps);
    System.out.printf("%-40s %10s %7s%n", "op kind", "ms/step", "share");
    profile.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).forEach(e ->
        System.out.printf("%-40s %10.1f %6.1f%%%n", e.getKey(), e.getValue() / 1e6 / steps,
            100.0 * e.getValue() / (profiledStep * 1e6 * steps)));
  }

  private static void step(TapeNetwork tape, SgdMomentum optimizer, Map<String, INDArray> store, INDArray x, INDArray y) {
    try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(Trainer.STEP_WORKSPACE, "tape-step")) {
      tape.forward(x, y);
      optimizer.apply(store, tape.backward(), TrainingStepBench.LR);
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
