package dev.nas.benchmarks;

import dev.nas.core.arch.Architecture;
import dev.nas.core.config.DataConfig;
import dev.nas.core.data.DataRoot;
import dev.nas.spaces.nb201.Nb201Dataset;
import dev.nas.spaces.nb201.Nb201Macro;
import dev.nas.spaces.nb201.Nb201Space;
import dev.nas.spaces.nb201.Nb201Table;
import dev.nas.supernet.eval.FewShot;
import dev.nas.supernet.eval.SupernetEvaluator;
import dev.nas.supernet.eval.SupernetEvaluatorConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * Does the supernet rank children, and which scoring protocol ranks best per CPU-hour? Trains an
 * NB201 supernet (the benchmark's own network, C=16, 5 cells per stage, search-phase BN) on the
 * CIFAR-10 sample by uniform single-path sampling, then scores N distinct random cells on the same
 * held-out batches, with no per-child steps, under four protocols from that one warm-up: one-shot
 * with batch statistics, one-shot with BN recalibrated per child, and the same two after a
 * few-shot split on one edge (one sub-supernet per op, warm-started from the one-shot weights).
 * Prints each protocol's Kendall tau and Spearman rho against the cells' 200-epoch CIFAR-10 test
 * accuracy in the NB201 table, and the seconds each stage took.
 *
 * <pre>
 * NAS_DATA=../shared/data java -Xmx8g -cp benchmarks/target/benchmarks.jar dev.nas.benchmarks.SupernetRanking \
 *     [warm-up steps, default 400] [children, default 20] [seed, default 0] [BN recalibration batches, default 4]
 *     [few-shot gene, default 3<-0; none to skip] [few-shot steps per sub-supernet, default 100]
 *     [validation batches of 64, default 8]
 * </pre>
 */
public final class SupernetRanking {

  private SupernetRanking() {}

  private static SupernetEvaluatorConfig config(int warmup, int recalibration, FewShot fewShot, int validBatches) {
    // 20% of the sample held out; lr 0.025 (NB201's one-shot recipe); no per-child steps.
    return new SupernetEvaluatorConfig("cifar10", 0.2, 0, 64, 0, validBatches, 0.025, 0.9, false, 5e-4, 5.0, true,
        false, false, 64, warmup, recalibration, fewShot);
  }

  private static byte[] state(SupernetEvaluator e) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    e.saveState(bytes);
    return bytes.toByteArray();
  }

  private static SupernetEvaluator restored(SupernetEvaluatorConfig config, Nb201Space space, DataRoot data, long seed,
      byte[] state) throws IOException {
    SupernetEvaluator e = ((SupernetEvaluator) config.create(space, data)).forRun(seed);
    e.restoreState(new ByteArrayInputStream(state));
    return e;
  }

  public static void main(String[] args) throws IOException {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 400;
    int children = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 0;
    int recalibration = args.length > 3 ? Integer.parseInt(args[3]) : 4;
    String gene = args.length > 4 ? args[4] : "3<-0";
    int shotSteps = args.length > 5 ? Integer.parseInt(args[5]) : 100;
    int validBatches = args.length > 6 ? Integer.parseInt(args[6]) : 8;
    FewShot fewShot = gene.equals("none") ? null : new FewShot(gene, shotSteps);
    DataRoot data = DataRoot.resolve(DataConfig.defaults());
    Nb201Space space = Nb201Space.of(Nb201Macro.CIFAR10);
    Nb201Table table = Nb201Table.load(data);

    long t0 = System.nanoTime();
    SupernetEvaluator oneShot = ((SupernetEvaluator) config(warmup, 0, null, validBatches).create(space, data))
        .forRun(seed);
    oneShot.warmUp();
    byte[] warm = state(oneShot);
    double warmSeconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "warm-up: %d steps in %.0f s%n", warmup, warmSeconds);
    Map<String, SupernetEvaluator> protocols = new LinkedHashMap<>();
    Map<String, Double> setupSeconds = new LinkedHashMap<>();
    protocols.put("one-shot, batch BN", oneShot);
    setupSeconds.put("one-shot, batch BN", warmSeconds);
    if (recalibration > 0) {
      protocols.put("one-shot, BN recalibrated", restored(config(warmup, recalibration, null, validBatches), space,
          data, seed, warm));
      setupSeconds.put("one-shot, BN recalibrated", warmSeconds);
    }
    if (fewShot != null) {
      long t1 = System.nanoTime();
      SupernetEvaluator split = restored(config(warmup, 0, fewShot, validBatches), space, data, seed, warm);
      split.warmUp();
      double splitSeconds = (System.nanoTime() - t1) / 1e9;
      System.out.printf(Locale.ROOT, "few-shot split on %s: %d steps per sub-supernet in %.0f s%n", gene, shotSteps,
          splitSeconds);
      protocols.put("few-shot, batch BN", split);
      setupSeconds.put("few-shot, batch BN", warmSeconds + splitSeconds);
      if (recalibration > 0) {
        protocols.put("few-shot, BN recalibrated", restored(config(warmup, recalibration, fewShot, validBatches),
            space, data, seed, state(split)));
        setupSeconds.put("few-shot, BN recalibrated", warmSeconds + splitSeconds);
      }
    }

    SplittableRandom random = new SplittableRandom(seed + 1);
    Set<Integer> seen = new HashSet<>();
    Map<String, double[]> scores = new LinkedHashMap<>();
    Map<String, Long> nanos = new LinkedHashMap<>();
    protocols.keySet().forEach(k -> scores.put(k, new double[children]));
    double[] truth = new double[children];
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < children; ) {
      Architecture a = space.sample(random);
      int index = space.index(a);
      if (!seen.add(index)) {
        continue;
      }
      truth[i] = table.record(index, Nb201Dataset.CIFAR10).testAcc200();
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%3d %s table %.2f", i, space.format(a),
          truth[i]));
      for (Map.Entry<String, SupernetEvaluator> p : protocols.entrySet()) {
        long t1 = System.nanoTime();
        double s = p.getValue().evaluate(a, i).signal();
        nanos.merge(p.getKey(), System.nanoTime() - t1, Long::sum);
        scores.get(p.getKey())[i] = s;
        line.append(String.format(Locale.ROOT, " | %.2f", s));
      }
      System.out.println(line);
      lines.add(line.toString());
      i++;
    }
    System.out.printf(Locale.ROOT, "%n%d cells, %d validation images, seed %d%n", children, validBatches * 64, seed);
    System.out.printf(Locale.ROOT, "%-28s %7s %7s %12s %14s%n", "protocol", "tau", "rho", "setup (s)", "s per child");
    for (String k : protocols.keySet()) {
      System.out.printf(Locale.ROOT, "%-28s %7.3f %7.3f %12.0f %14.2f%n", k,
          new KendallsCorrelation().correlation(scores.get(k), truth),
          new SpearmansCorrelation().correlation(scores.get(k), truth), setupSeconds.get(k),
          nanos.get(k) / 1e9 / children);
    }
    System.out.printf(Locale.ROOT, "%.0f s in all%n", (System.nanoTime() - t0) / 1e9);
  }
}
