package dev.nas.core.experiment;

import dev.nas.core.InputException;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.config.ConfigException;
import dev.nas.core.config.ConfigLoader;
import dev.nas.core.config.DataConfig;
import dev.nas.core.config.ExperimentConfig;
import dev.nas.core.config.RetrainConfig;
import dev.nas.core.data.DataRoot;
import dev.nas.core.eval.Evaluator;
import dev.nas.core.grade.Grader;
import dev.nas.core.json.Json;
import dev.nas.core.objective.Objectives;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/**
 * An experiment built from its config: the space, the evaluator and the strategy config, checked
 * together before anything is written. {@link #start} runs it in a new directory, {@link #resume}
 * continues one; both run the repeats in order and write {@code summary.json} at the end.
 *
 * <p>Directory: {@code config.yaml} (resolved, every default filled in), {@code provenance.json},
 * {@code summary.json}, and the run files ({@code journal.jsonl}, {@code state/},
 * {@code result.json}) in the directory itself for one repeat, else in {@code seed-N/}.
 */
public final class Experiment {

  public static final String CONFIG_FILE = "config.yaml";

  private final ExperimentConfig config;
  private final ConfigLoader loader;
  private final RunSetup setup;
  private final DataRoot dataRoot;
  private final Clock clock;

  private Experiment(ExperimentConfig config, ConfigLoader loader, RunSetup setup, DataRoot dataRoot, Clock clock) {
    this.config = config;
    this.loader = loader;
    this.setup = setup;
    this.dataRoot = dataRoot;
    this.clock = clock;
  }

  /**
   * Builds every component, which is where incompatible sections and missing data are found.
   * Throws {@link InputException} (config or data) without touching the file system.
   */
  public static Experiment prepare(ExperimentConfig config, ConfigLoader loader, DataRoot dataRoot) {
    SearchSpace space = section("space", () -> config.space().create());
    Evaluator evaluator = section("evaluator", () -> config.evaluator().create(space, dataRoot));
    // Building one strategy now reports an incompatible strategy before the directory exists.
    Objectives objectives = config.objectives().isEmpty() && config.constraints().isEmpty() ? Objectives.NONE
        : Objectives.of(config.objectives(), config.constraints(), loader.measures(space), evaluator.signalMetric());
    section("strategy", () -> config.strategy().create(space, 0L, evaluator, objectives));
    if (config.budget().cost() != null && evaluator.costMetric() == null) {
      throw new ConfigException("budget", "cost needs an evaluator whose evaluations have a simulated cost"
          + " (nb201-table: training epochs); evaluator '" + ConfigLoader.typeName(config.evaluator())
          + "' has none: limit it with budget.trials or budget.time instead");
    }
    RunSetup.Retraining retraining = config.retrain() == null ? null
        : section("retrain", () -> retraining(config.retrain(), space, dataRoot));
    Grader grader = config.grading()
        ? section("grading", () -> loader.grader(space, config.evaluator().dataset(), dataRoot)).orElse(null)
        : null;
    RunSetup setup = new RunSetup(space, evaluator, config.strategy(),
        ConfigLoader.typeName(config.strategy()), ConfigLoader.typeName(config.evaluator()), config.budget(),
        retraining, objectives, ConfigIdentity.hash(Json.tree(resolved(config, dataRoot))), grader);
    return new Experiment(config, loader, setup, dataRoot, Clock.systemUTC());
  }

  /** Reads {@code dir/config.yaml} and prepares the experiment it describes. */
  public static Experiment load(Path dir, ConfigLoader loader) {
    Path file = dir.resolve(CONFIG_FILE);
    if (!Files.isRegularFile(file)) {
      throw new InputException("not a run directory: " + dir.toAbsolutePath() + " has no " + CONFIG_FILE);
    }
    ExperimentConfig config = loader.load(file, List.of());
    return prepare(config, loader, DataRoot.resolve(config.data()));
  }

  private static RunSetup.Retraining retraining(RetrainConfig retrain, SearchSpace searchSpace, DataRoot dataRoot) {
    SearchSpace space = searchSpace;
    if (retrain.space() != null) {
      space = section("space", () -> retrain.space().create());
      if (!space.id().equals(searchSpace.id()) || !space.genome().equals(searchSpace.genome())) {
        throw new ConfigException("space", "must be the search space's type ('" + searchSpace.id()
            + "') with other network settings, so that every searched architecture exists in it; got '"
            + space.id() + "'" + (space.id().equals(searchSpace.id()) ? " with another genome" : ""));
      }
    }
    SearchSpace retrainSpace = space;
    Evaluator evaluator = section("evaluator", () -> retrain.evaluator().create(retrainSpace, dataRoot));
    return new RunSetup.Retraining(evaluator, ConfigLoader.typeName(retrain.evaluator()), retrain.topK(),
        retrain.select().equals(RetrainConfig.LATEST));
  }

  private static <T> T section(String key, java.util.function.Supplier<T> build) {
    try {
      return build.get();
    } catch (ConfigException e) {
      throw e.under(key);
    }
  }

  public ExperimentConfig config() {
    return config;
  }

  public RunSetup setup() {
    return setup;
  }

  /** Settings that are accepted but probably not meant (see {@link dev.nas.core.config.StrategyConfig#warnings}). */
  public List<String> warnings() {
    List<String> all = new ArrayList<>(config.strategy().warnings(config.budget()));
    long trials = trialLimit() == null ? 0 : (long) trialLimit() * config.repeats();
    if (trials > dev.nas.core.config.BudgetConfig.MAX_TRIALS) {
      all.add("budget.trials x repeats is " + trials + " trials: the journals will take about " + trials / 1000
          + " MB");
    }
    return all;
  }

  /** Starts in {@code dir}, which must not exist or be empty. Empty if stopped early. */
  public Optional<ExperimentSummary> start(Path dir, RunListener listener, BooleanSupplier stop) {
    if (dir.toString().isBlank()) {
      throw new InputException("run directory: an empty path is not accepted; choose another --out");
    }
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new InputException("run directory " + dir + " is a file, not a directory; choose another --out");
    }
    if (Files.exists(dir) && !isEmptyDirectory(dir)) {
      throw new InputException("run directory " + dir.toAbsolutePath() + " already exists and is not empty: "
          + (Files.isRegularFile(dir.resolve(CONFIG_FILE)) ? "continue it with 'nas resume " + dir + "' or "
              : "it is not a run directory, so ") + "choose another --out");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create run directory " + dir, e);
    }
    try (RunDirectoryLock lock = RunDirectoryLock.acquire(dir)) {
      Json.writeAtomically(dir.resolve(CONFIG_FILE), loader.toYaml(resolved()));
      List<Long> seeds = IntStream.range(0, config.repeats()).mapToObj(config::seedOfRepeat).toList();
      Provenance provenance = Provenance.start(config.name(), config.seed(), seeds,
          Json.tree(resolved()), dataFiles(), dataRoot.path(), clock.instant());
      Json.writeAtomically(dir.resolve(Provenance.FILE), provenance);
      return runAll(dir, listener, stop, provenance);
    }
  }

  /** Continues the experiment in {@code dir}. Empty if stopped early. */
  public Optional<ExperimentSummary> resume(Path dir, RunListener listener, BooleanSupplier stop) {
    try (RunDirectoryLock lock = RunDirectoryLock.acquire(dir)) {
      Provenance started = readProvenance(dir);
      ConfigIdentity.check(dir, started, Json.tree(resolved()), dataFiles());
      for (int r = 0; r < config.repeats(); r++) {
        runOf(dir, r, listener, stop).verify();
      }
      Provenance provenance = started.resumedAt(clock.instant());
      Json.writeAtomically(dir.resolve(Provenance.FILE), provenance);
      return runAll(dir, listener, stop, provenance);
    }
  }

  /** The data files the runs read: the evaluator's and the grader's (the NB201 table may be both). */
  private List<Path> dataFiles() {
    Set<Path> files = new LinkedHashSet<>(setup.evaluator().dataFiles());
    if (setup.grader() != null) {
      files.addAll(setup.grader().dataFiles());
    }
    return List.copyOf(files);
  }

  /** The config as the run directory records it: every default filled in and the data root explicit. */
  public ExperimentConfig resolvedConfig() {
    return resolved();
  }

  /** The config with the data root made explicit, so a resume reads the same files. */
  private ExperimentConfig resolved() {
    return resolved(config, dataRoot);
  }

  private static ExperimentConfig resolved(ExperimentConfig config, DataRoot dataRoot) {
    return new ExperimentConfig(config.name(), config.seed(), config.repeats(), config.space(),
        config.evaluator(), config.strategy(), config.budget(), config.objectives(), config.constraints(),
        config.retrain(), config.grading(),
        new DataConfig(dataRoot.path().toString()));
  }

  private Optional<ExperimentSummary> runAll(Path dir, RunListener listener, BooleanSupplier stop, Provenance provenance) {
    listener.experimentStarted(config.name(), config.repeats(), trialLimit() == null ? -1
        : (long) config.repeats() * trialLimit());
    List<RunSummary> results = new ArrayList<>();
    List<String> dirs = new ArrayList<>();
    for (int r = 0; r < config.repeats(); r++) {
      String sub = runDirectory(r);
      Optional<RunSummary> result = runOf(dir, r, listener, stop).run();
      if (result.isEmpty()) {
        return Optional.empty();
      }
      results.add(result.get());
      dirs.add(sub);
    }
    ExperimentSummary summary = summarise(results, dirs);
    Json.writeAtomically(dir.resolve(ExperimentSummary.FILE), summary);
    Json.writeAtomically(dir.resolve(Provenance.FILE), provenance.finishedAt(clock.instant()));
    return Optional.of(summary);
  }

  /** Repeat {@code r}'s directory, relative to the experiment's: itself for one repeat, else seed-N. */
  private String runDirectory(int r) {
    return config.repeats() == 1 ? "." : "seed-" + config.seedOfRepeat(r);
  }

  private SearchRun runOf(Path dir, int r, RunListener listener, BooleanSupplier stop) {
    return new SearchRun(setup, config.seedOfRepeat(r), dir.resolve(runDirectory(r)).normalize(), listener, stop);
  }

  private ExperimentSummary summarise(List<RunSummary> runs, List<String> dirs) {
    List<Double> reported = runs.stream().map(RunSummary::reported).filter(v -> v != null).toList();
    List<Double> signals = runs.stream().filter(r -> r.best() != null).map(r -> r.best().signal()).toList();
    // Like a run's own best: the highest fidelity first (Hyperband), then the signal.
    ExperimentSummary.RunBest best = bestRun(runs.stream().filter(r -> r.best() != null).toList(),
        Comparator.comparingInt((RunSummary r) -> r.best().fidelity() == null ? Integer.MAX_VALUE : r.best().fidelity())
            .thenComparingDouble(r -> r.best().signal()))
        .map(r -> new ExperimentSummary.RunBest(r.seed(), r.best(), r.reported()))
        .orElse(null);
    int longest = runs.stream().mapToInt(r -> r.bestSoFar().size()).max().orElse(0);
    List<Double> meanCurve = new ArrayList<>();
    for (int i = 0; i < longest; i++) {
      final int at = i;
      var values = runs.stream().filter(r -> r.bestSoFar().size() > at)
          .map(r -> r.bestSoFar().get(at)).filter(v -> v != null).toList();
      meanCurve.add(values.isEmpty() ? null : Statistic.of(values).mean());
    }
    List<ExperimentSummary.RunOutcome> outcomes = IntStream.range(0, runs.size())
        .mapToObj(i -> ExperimentSummary.RunOutcome.of(runs.get(i), dirs.get(i))).toList();
    return new ExperimentSummary(config.name(), setup.space().id(), setup.strategyName(),
        setup.evaluatorName(), setup.evaluator().signalMetric(), setup.evaluator().reportedMetric(),
        config.repeats(), trialLimit(), config.budget().cost(), Map.of(setup.strategyName(), Statistic.of(reported)),
        Statistic.of(signals), best, GradingSummary.of(runs), meanCurve, retrainSummary(runs), hypervolumes(runs),
        combinedFront(runs), outcomes);
  }

  private static Statistic hypervolumes(List<RunSummary> runs) {
    List<Double> values = runs.stream().map(RunSummary::hypervolume).filter(v -> v != null).toList();
    return values.isEmpty() ? null : Statistic.of(values);
  }

  /** The non-dominated points of every run's front together (first run first on equal points). */
  private List<ExperimentSummary.FrontPoint> combinedFront(List<RunSummary> runs) {
    if (!setup.objectives().isMultiObjective()) {
      return null;
    }
    List<ExperimentSummary.FrontPoint> all = new ArrayList<>();
    for (RunSummary r : runs) {
      r.paretoFront().forEach(p -> all.add(new ExperimentSummary.FrontPoint(r.seed(), p)));
    }
    List<double[]> points = all.stream().map(f -> setup.objectives().vector(f.point())).toList();
    return dev.nas.core.objective.ParetoFront.nonDominated(points).stream().map(all::get).toList();
  }

  /** Trials per run, or null when the budget has no trial limit (only a cost limit). */
  private Integer trialLimit() {
    return config.budget().trials() == Integer.MAX_VALUE ? null : config.budget().trials();
  }

  private static ExperimentSummary.RetrainSummary retrainSummary(List<RunSummary> runs) {
    List<RunSummary> retrained = runs.stream().filter(r -> r.retrain() != null).toList();
    if (retrained.isEmpty()) {
      return null;
    }
    RetrainResult any = retrained.get(0).retrain();
    List<Double> reported = retrained.stream().map(r -> r.retrain().reported()).filter(v -> v != null).toList();
    RunSummary bestRun = bestRun(retrained.stream().filter(r -> r.retrain().chosen() != null).toList(),
        Comparator.comparingDouble(r -> r.retrain().chosen().signal()))
        .orElse(null);
    return new ExperimentSummary.RetrainSummary(any.evaluator(), any.signalMetric(), any.reportedMetric(),
        Statistic.of(reported), bestRun == null ? null : bestRun.seed(),
        bestRun == null ? null : bestRun.retrain().chosen(), bestRun == null ? null : bestRun.retrain().reported());
  }

  /** The run with the highest {@code signal}; on a tie the earliest seed. */
  private static Optional<RunSummary> bestRun(List<RunSummary> runs, Comparator<RunSummary> better) {
    return runs.stream().max(better.thenComparing(Comparator.comparingLong(RunSummary::seed).reversed()));
  }

  private static Provenance readProvenance(Path dir) {
    Path file = dir.resolve(Provenance.FILE);
    try {
      return Json.json().readValue(file.toFile(), Provenance.class);
    } catch (IOException e) {
      throw new InputException("cannot resume " + dir + ": " + file + " is missing or damaged ("
          + dev.nas.core.Messages.problem(e) + "); the engine writes it at the start of a run, so the run directory"
          + " is damaged: start a new run");
    }
  }

  private static boolean isEmptyDirectory(Path dir) {
    try (var entries = Files.list(dir)) {
      return Files.isDirectory(dir) && entries.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }
}
