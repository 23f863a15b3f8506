package dev.nas.benchmarks;

import dev.nas.spaces.darts.DartsMacro;
import dev.nas.spaces.darts.DartsSpace;
import dev.nas.strategies.darts.Architect;
import dev.nas.supernet.Supernet;
import dev.nas.supernet.SupernetOptions;
import dev.nas.supernet.data.BatchIterator;
import dev.nas.supernet.tape.TapeNetwork;
import dev.nas.supernet.train.Adam;
import dev.nas.supernet.train.CosineSchedule;
import dev.nas.supernet.train.SgdMomentum;
import dev.nas.supernet.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Peak memory of DARTS search steps on the relaxed network: {@code DartsMemory C LAYERS BATCH
 * ORDER STEPS} runs STEPS search steps (architecture step, then weight step) and prints the
 * process's peak resident set (VmHWM) and the mean step time. One configuration per JVM, so the
 * peak is that configuration's.
 */
public final class DartsMemory {

  private DartsMemory() {}

  public static void main(String[] args) throws IOException {
    int channels = Integer.parseInt(args[0]);
    int layers = Integer.parseInt(args[1]);
    int batch = Integer.parseInt(args[2]);
    int order = Integer.parseInt(args[3]);
    int steps = Integer.parseInt(args[4]);
    Supernet supernet = new Supernet(new DartsSpace(new DartsMacro(channels, layers, 10, 32, false)), 0,
        SupernetOptions.SEARCH);
    TapeNetwork relaxed = supernet.relaxed();
    Trainer trainer = new Trainer(supernet.store(), new SgdMomentum(0.9, 3e-4, false),
        new CosineSchedule(0.025, 0.025, 1), 5);
    Architect architect = new Architect(relaxed, supernet.store(), Adam.darts(), 3e-4, 0.9, 3e-4, order == 2,
        Architect.REFERENCE_RADIUS);
    BatchIterator.Batch train = DartsStepBench.batch(batch, 1);
    BatchIterator.Batch valid = DartsStepBench.batch(batch, 2);
    long baseline = peakKb();
    long t0 = System.nanoTime();
    for (int i = 0; i < steps; i++) {
      architect.step(train, valid, 0.025);
      trainer.step(relaxed, train);
    }
    double seconds = (System.nanoTime() - t0) / 1e9 / steps;
    System.out.printf(Locale.ROOT, "C=%d layers=%d batch=%d order=%d: peak RSS %.2f GB (%.2f GB before the first"
        + " step), %.1f s per search step%n", channels, layers, batch, order, peakKb() / 1048576.0,
        baseline / 1048576.0, seconds);
  }

  /** The process's peak resident set (VmHWM of /proc/self/status), in kB. */
  static long peakKb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }
}
