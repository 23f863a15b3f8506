package dev.nas.benchmarks;

import dev.nas.core.arch.Architecture;
import dev.nas.core.config.DataConfig;
import dev.nas.core.data.DataRoot;
import dev.nas.core.eval.Evaluator;
import dev.nas.spaces.nb201.Nb201Dataset;
import dev.nas.spaces.nb201.Nb201Macro;
import dev.nas.spaces.nb201.Nb201Space;
import dev.nas.spaces.nb201.Nb201Table;
import dev.nas.supernet.eval.SupernetEvaluator;
import dev.nas.supernet.eval.FewShot;
import dev.nas.supernet.eval.SupernetEvaluatorConfig;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * Is the supernet's ranking of children meaningful? Trains an NB201 supernet (the benchmark's own
 * network, C=16, 5 cells per stage, search-phase BN) on the CIFAR-10 sample by uniform
 * single-path sampling, scores N distinct random cells on the same held-out batches (no per-child
 * fine-tuning), and prints the Kendall tau (and Spearman rho) between those scores and the
 * cells' 200-epoch CIFAR-10 test accuracies in the NB201 table.
 *
 * <pre>
 * NAS_DATA=../shared/data java -Xmx8g -cp benchmarks/target/benchmarks.jar dev.nas.benchmarks.SupernetRanking \
 *     [warm-up steps, default 400] [children, default 20] [seed, default 0] [BN recalibration batches, default 0]
 *     [few-shot gene, e.g. 3<-0, default none] [few-shot steps per sub-supernet, default 100]
 * </pre>
 */
public final class SupernetRanking {

  private SupernetRanking() {}

  public static void main(String[] args) {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 400;
    int children = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 0;
    int recalibration = args.length > 3 ? Integer.parseInt(args[3]) : 0;
    FewShot fewShot = args.length > 4 && !args[4].equals("none")
        ? new FewShot(args[4], args.length > 5 ? Integer.parseInt(args[5]) : 100) : null;
    DataRoot data = DataRoot.resolve(DataConfig.defaults());
    Nb201Space space = Nb201Space.of(Nb201Macro.CIFAR10);
    Nb201Table table = Nb201Table.load(data);
    long t0 = System.nanoTime();
    // 8 validation batches of 64 = 512 held-out images; lr 0.025 (NB201's one-shot recipe), no per-child steps.
    Evaluator base = new SupernetEvaluatorConfig("cifar10", 0.2, 0, 64, 0, 8, 0.025, 0.9, false, 5e-4, 5.0, true,
        false, false, 64, warmup, recalibration, fewShot).create(space, data);
    SupernetEvaluator evaluator = (SupernetEvaluator) base.forRun(seed);
    evaluator.warmUp();
    System.out.printf(Locale.ROOT, "warm-up: %d steps%s in %.0f s; BN recalibration over %d batches%n", warmup,
        fewShot == null ? "" : ", few-shot split on " + fewShot.gene() + " with " + fewShot.steps() + " steps each",
        (System.nanoTime() - t0) / 1e9, recalibration);
    long scoring = System.nanoTime();
    SplittableRandom random = new SplittableRandom(seed + 1);
    Set<Integer> seen = new HashSet<>();
    double[] scores = new double[children];
    double[] truth = new double[children];
    for (int i = 0; i < children; ) {
      Architecture a = space.sample(random);
      int index = space.index(a);
      if (!seen.add(index)) {
        continue;
      }
      scores[i] = evaluator.evaluate(a, i).signal();
      truth[i] = table.record(index, Nb201Dataset.CIFAR10).testAcc200();
      System.out.printf(Locale.ROOT, "%2d %s supernet %.2f table %.2f%n", i, space.format(a), scores[i], truth[i]);
      i++;
    }
    System.out.printf(Locale.ROOT, "Kendall tau %.3f, Spearman rho %.3f over %d cells; %.0f s in all%n",
        new KendallsCorrelation().correlation(scores, truth), new SpearmansCorrelation().correlation(scores, truth),
        children, (System.nanoTime() - t0) / 1e9);
    System.out.printf(Locale.ROOT, "scoring: %.2f s per child%n", (System.nanoTime() - scoring) / 1e9 / children);
  }
}
