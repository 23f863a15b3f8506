package dev.nas.benchmarks;

import dev.nas.core.arch.Architecture;
import dev.nas.core.config.ConfigLoader;
import dev.nas.core.config.ExperimentConfig;
import dev.nas.core.data.DataRoot;
import dev.nas.core.eval.Evaluator;
import dev.nas.core.eval.Metrics;
import dev.nas.core.eval.StatefulEvaluator;
import dev.nas.core.experiment.Experiment;
import dev.nas.core.experiment.RunSeeds;
import dev.nas.core.experiment.RunSetup;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * Is the search's ranking meaningful on a given experiment config (by default
 * configs/cifar10-quick.yaml), for a supernet or a zero-cost evaluator? Builds the run exactly as {@code nas search} does (same supernet
 * seed, warm-up, per-child steps), scores N distinct random children in turn as a search would,
 * then scores each again on the final shared weights without further steps (the supernet's own
 * ranking, free of the order effect), then trains each child stand-alone with the config's
 * {@code retrain:} evaluator. Prints both Kendall taus (and Spearman rhos) against the stand-alone
 * validation and test accuracies.
 *
 * <pre>
 * NAS_DATA=../shared/data java -cp benchmarks/target/benchmarks.jar dev.nas.benchmarks.OneShotRanking \
 *     [config, default configs/cifar10-quick.yaml] [children, default 20] [seed, default 0]
 * </pre>
 */
public final class OneShotRanking {

  private OneShotRanking() {}

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args.length > 0 ? args[0] : "configs/cifar10-quick.yaml");
    int children = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 0;
    ConfigLoader loader = ConfigLoader.withInstalledTypes();
    ExperimentConfig config = loader.load(file, List.of());
    RunSetup setup = Experiment.prepare(config, loader, DataRoot.resolve(config.data())).setup();
    // Scores that train the supernet per child are also taken on the final shared weights; other
    // evaluators (zero-cost) score each child independently, so their in-search score is all there is.
    boolean perChildSteps = config.evaluator() instanceof dev.nas.supernet.eval.SupernetEvaluatorConfig;
    RunSetup stillSetup = null;
    if (perChildSteps) {
      ExperimentConfig still = loader.load(file, List.of("evaluator.steps=0", "evaluator.warmup_steps=0"));
      stillSetup = Experiment.prepare(still, loader, DataRoot.resolve(still.data())).setup();
    }
    if (setup.retraining() == null) {
      throw new IllegalArgumentException(file + " has no retrain: section to train children stand-alone with");
    }
    long t0 = System.nanoTime();
    RunSeeds seeds = RunSeeds.of(seed);
    Evaluator search = setup.evaluator().forRun(seeds.evaluator());
    SplittableRandom random = new SplittableRandom(seed + 1);
    Set<String> seen = new HashSet<>();
    List<Architecture> archs = new ArrayList<>();
    while (archs.size() < children) {
      Architecture a = setup.space().sample(random);
      if (seen.add(a.hash())) {
        archs.add(a);
      }
    }
    double[] inSearch = new double[children];
    for (int i = 0; i < children; i++) {
      inSearch[i] = search.evaluate(archs.get(i), seeds.trial(i)).signal();
    }
    System.out.printf(Locale.ROOT, "warm-up and %d children scored as in a search: %.0f s%n", children,
        (System.nanoTime() - t0) / 1e9);

    // The final shared weights, scored without further steps.
    StatefulEvaluator frozen = null;
    if (perChildSteps) {
      ByteArrayOutputStream state = new ByteArrayOutputStream();
      ((StatefulEvaluator) search).saveState(state);
      frozen = (StatefulEvaluator) stillSetup.evaluator().forRun(seeds.evaluator());
      frozen.restoreState(new ByteArrayInputStream(state.toByteArray()));
    }
    double[] finalWeights = new double[children];
    double[] valid = new double[children];
    double[] test = new double[children];
    Evaluator standalone = setup.retraining().evaluator().forRun(seeds.retrainEvaluator());
    for (int i = 0; i < children; i++) {
      finalWeights[i] = frozen == null ? inSearch[i] : frozen.evaluate(archs.get(i), 0).signal();
      long t1 = System.nanoTime();
      Metrics m = standalone.evaluate(archs.get(i), seeds.retrain(i));
      valid[i] = m.signal();
      test[i] = m.value(standalone.reportedMetric());
      System.out.printf(Locale.ROOT, "%2d %s in-search %.2f final-weights %.2f stand-alone valid %.2f test %.2f"
              + " (%.0f s)%n", i, archs.get(i).hash(), inSearch[i], finalWeights[i], valid[i], test[i],
          (System.nanoTime() - t1) / 1e9);
    }
    KendallsCorrelation tau = new KendallsCorrelation();
    SpearmansCorrelation rho = new SpearmansCorrelation();
    System.out.printf(Locale.ROOT, "in-search scores   vs stand-alone valid: tau %.3f rho %.3f; vs test: tau %.3f rho %.3f%n",
        tau.correlation(inSearch, valid), rho.correlation(inSearch, valid), tau.correlation(inSearch, test),
        rho.correlation(inSearch, test));
    if (perChildSteps) {
      System.out.printf(Locale.ROOT, "final-weight scores vs stand-alone valid: tau %.3f rho %.3f; vs test: tau %.3f"
              + " rho %.3f%n", tau.correlation(finalWeights, valid), rho.correlation(finalWeights, valid),
          tau.correlation(finalWeights, test), rho.correlation(finalWeights, test));
    }
    System.out.printf(Locale.ROOT, "stand-alone valid vs test: tau %.3f; %d children, %.0f s in all%n",
        tau.correlation(valid, test), children, (System.nanoTime() - t0) / 1e9);
  }
}
