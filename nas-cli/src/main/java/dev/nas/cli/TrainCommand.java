package dev.nas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nas.core.InputException;
import dev.nas.core.ProgressBars;
import dev.nas.core.arch.Architecture;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.config.ConfigException;
import dev.nas.core.config.ConfigLoader;
import dev.nas.core.config.DataConfig;
import dev.nas.core.config.EvaluatorConfig;
import dev.nas.core.config.ExperimentConfig;
import dev.nas.core.config.SpaceConfig;
import dev.nas.core.data.DataRoot;
import dev.nas.core.experiment.Experiment;
import dev.nas.core.experiment.ExperimentResults;
import dev.nas.core.experiment.ExperimentResults.RankedTrial;
import dev.nas.core.experiment.ExperimentSummary;
import dev.nas.core.experiment.RetrainedTrial;
import dev.nas.core.experiment.Provenance;
import dev.nas.core.json.Json;
import dev.nas.spaces.network.GenotypeSpace;
import dev.nas.spaces.network.Network;
import dev.nas.spaces.network.NetworkSpace;
import dev.nas.supernet.data.ImageSet;
import dev.nas.supernet.eval.StandaloneEvaluator;
import dev.nas.supernet.eval.StandaloneEvaluatorConfig;
import dev.nas.supernet.model.Model;
import dev.nas.supernet.model.ModelFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nas train}: trains one architecture from scratch with the DARTS evaluation recipe
 * (cosine schedule, cutout, drop-path and the auxiliary head where the network has them) and
 * writes a DL4J model zip ({@link ModelFile}) with {@code training.json}. The architecture comes
 * from a finished run (its answer, or its rank-N architecture as {@code nas export} ranks them), from an
 * {@code architecture.json} that {@code nas export} wrote, or from the command line like
 * {@code nas describe}. The output directory is written in full or not at all.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Retrain an architecture from scratch with the evaluation recipe and save a DL4J model zip.")
final class TrainCommand implements Callable<Integer> {

  static final String MODEL_FILE = "model.zip";
  static final String TRAINING_FILE = "training.json";

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "DIR|ARCH.json",
      description = "A finished run directory, or an architecture.json written by 'nas export'.")
  Path source;

  @Option(names = "--rank", paramLabel = "N",
      description = "With a run directory: the rank-N architecture in 'nas export' order, instead of the run's answer"
          + " (the retrained winner when the run retrained, else its best).")
  Integer rank;

  /** At most one of --space and --config (with an ARCH.json, --config's space must be the file's). */
  @ArgGroup(exclusive = true)
  SpaceOptions.Space spaceSource;

  /** At most one of --arch and --genotype. */
  @ArgGroup(exclusive = true)
  SpaceOptions.Architecture target;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Space setting, e.g. --set channels=36 --set layers=20 (repeatable).")
  List<String> sets = new ArrayList<>();

  @Option(names = "--epochs", paramLabel = "N", description = "Training epochs (default 600, DARTS's).")
  Integer epochs;

  @Option(names = "--steps", paramLabel = "N",
      description = "Stop after N steps (the schedules still span --epochs): a quick check of the recipe.")
  Long steps;

  @Option(names = "--batch-size", paramLabel = "N", description = "Default 96.")
  Integer batchSize;

  @Option(names = "--lr", paramLabel = "X", description = "Initial learning rate, cosine-annealed to 0 (default 0.025).")
  Double lr;

  @Option(names = "--cutout", paramLabel = "N", description = "Cutout square side, 0 for none (default 16).")
  Integer cutout;

  @Option(names = "--drop-path", paramLabel = "P",
      description = "Drop-path rate reached in the last epoch, ramped from 0 (default 0.2; DARTS cells only).")
  Double dropPath;

  @Option(names = "--auxiliary-weight", paramLabel = "W",
      description = "Weight of the auxiliary head's loss (default 0.4; networks with an auxiliary head only).")
  Double auxiliaryWeight;

  @Option(names = "--dataset", paramLabel = "ID",
      description = "cifar10 or fashion-mnist (default: the run's, else cifar10).")
  String dataset;

  @Option(names = "--train-images", paramLabel = "N", description = "Train on the first N images only (default: the run's, else all).")
  Integer trainImages;

  @Option(names = "--eval-images", paramLabel = "N",
      description = "Score on the first N validation and test images only (default: all).")
  Integer evalImages;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Initialisation, batch order and drop-path seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Output directory, must not exist or be empty (default: DIR/trained/answer or rank-N for a run,"
          + " the architecture file's folder + /trained, else trained/<space>-<hash>).")
  Path out;

  @Mixin
  RunOptions options;

  /**
   * What to train: a network of a space, from an architecture of the space or (arch null) a
   * published genotype outside it; with which data settings, and where it came from.
   */
  private record Chosen(SearchSpace space, JsonNode spaceTree, Network network, String notation, Architecture arch,
      ObjectNode origin, JsonNode evaluatorSettings, DataConfig data, Path defaultOut) {

    /** How the output names it: the notation, or a genotype's name as given. */
    String label() {
      return arch == null && origin.has("genotype") ? origin.get("genotype").asText() : notation;
    }

    Chosen(SearchSpace space, JsonNode spaceTree, Architecture arch, ObjectNode origin, JsonNode evaluatorSettings,
        DataConfig data, Path defaultOut) {
      this(space, spaceTree, ((NetworkSpace) space).network(arch), space.format(arch), arch, origin,
          evaluatorSettings, data, defaultOut);
    }
  }

  /** The most epochs --epochs accepts (DARTS trains 600; more is a typo, not a recipe). */
  static final int MAX_EPOCHS = 10_000;

  @Override
  public Integer call() throws IOException {
    checkFlags();
    boolean json = options.logFormat == RunOptions.LogFormat.json;
    if (options.quiet || json) {
      ProgressBars.suppress();
    }
    long maxSteps = steps == null ? Long.MAX_VALUE : steps;
    if (rank != null && (source == null || !Files.isDirectory(source))) {
      throw new InputException("--rank picks an architecture of a run directory; give one as DIR");
    }
    ConfigLoader loader = ConfigLoader.withInstalledTypes();
    Chosen chosen = choose(loader);
    int inputSize = chosen.network().inputShape().height();
    if (cutout != null && cutout > inputSize) {
      throw ConfigException.badValue("--cutout", cutout, "an integer from 0 (none) to " + inputSize
          + " (the input size)");
    }
    StandaloneEvaluatorConfig recipe = recipe(chosen.evaluatorSettings());
    StandaloneEvaluator evaluator = recipe.standalone(chosen.space(), DataRoot.resolve(chosen.data()));
    // One batch holds at most the whole training set: a larger one is a typo that would only
    // exhaust memory (the last, partial batch of an epoch is the set itself).
    if (recipe.batchSize() > evaluator.trainImages()) {
      throw ConfigException.badValue("--batch-size", recipe.batchSize(), "1 to " + evaluator.trainImages()
          + " (the training images)");
    }
    Path target = out != null ? out : chosen.defaultOut();
    PrintWriter printer = spec.commandLine().getOut();
    JsonEvents events = new JsonEvents(spec.commandLine().getErr());
    // Ctrl-C / SIGTERM: asked between steps; the staged output is deleted (closed first) before
    // the signal's hook is released (closed last) and the JVM exits.
    try (StopSignal stop = new StopSignal(); StagedDirectory staged = new StagedDirectory(target, "--out")) {
      Instant started = Instant.now();
      if (json) {
        events.emit(events.event("train_started").put("notation", chosen.notation()).put("space", chosen.space().id())
            .put("params", chosen.network().params()).put("epochs", recipe.epochs()));
      }
      String label = chosen.arch() != null ? chosen.arch().hash() : chosen.space().id();
      Optional<StandaloneEvaluator.Trained> result = json
          ? evaluator.train(chosen.network(), seed, recipe.epochs(), maxSteps, n -> new JsonTrainingProgress(events, n),
              stop)
          : evaluator.train(chosen.network(), label, seed, recipe.epochs(), maxSteps, stop);
      if (result.isEmpty() || stop.getAsBoolean()) {
        return interrupted(target, json, events, printer);
      }
      StandaloneEvaluator.Trained trained = result.get();
      Instant finished = Instant.now();
      ObjectNode info = info(chosen, loader.sectionTree(EvaluatorConfig.class, recipe), trained, started, finished);
      Path zip = staged.path().resolve(MODEL_FILE);
      ModelFile.write(zip, trained.network(), trained.weights(), evaluator.normalization(), evaluator.labels(), info);
      // The served model scores the test images itself: what a user loading the zip gets.
      Model model = ModelFile.read(zip);
      ImageSet test = evaluator.testImages();
      double servedTest = 100 * model.accuracy(test, recipe.batchSize(), stop);
      if (stop.getAsBoolean()) {
        return interrupted(target, json, events, printer);
      }
      info.put("served_test_acc", servedTest);
      Json.writeAtomically(staged.path().resolve(TRAINING_FILE), info);
      staged.commit();
      if (json) {
        var done = events.event("train_finished");
        done.put("steps", trained.steps());
        done.set("metrics", info.get("metrics"));
        done.put("served_test_acc", servedTest);
        done.put("model", target.resolve(MODEL_FILE).toString());
        events.emit(done);
      }
      var m = trained.metrics();
      Network net = trained.network();
      printer.printf(Locale.ROOT, "trained %s (space %s, %,d parameters%s) for %d steps in %.1f s%n", chosen.label(),
          chosen.space().id(), net.params(), net.auxiliaryOutput() == null ? ""
              : String.format(Locale.ROOT, "; %,d with the auxiliary head", net.paramsWithAuxiliary()),
          trained.steps(), (finished.toEpochMilli() - started.toEpochMilli()) / 1000.0);
      printer.printf(Locale.ROOT, "valid_acc %.2f  test_acc %.2f  (the saved DL4J model: test_acc %.2f on %d images)%n",
          m.value(StandaloneEvaluator.SIGNAL), m.value(StandaloneEvaluator.REPORTED), servedTest,
          test.size());
      printer.println("model: " + target.resolve(MODEL_FILE));
    }
    return 0;
  }

  /** What a stop request (Ctrl-C, SIGTERM) leaves: nothing in {@code target}, and exit code 130. */
  private static int interrupted(Path target, boolean json, JsonEvents events, PrintWriter printer) {
    if (json) {
      events.emit(events.event("train_interrupted"));
    }
    printer.println("interrupted; nothing was written to " + target);
    return NasCommand.INTERRUPTED;
  }

  /**
   * Every numeric flag in its range, before anything is read, loaded or written; the limits that
   * depend on the architecture or the data (--cutout, --batch-size) are checked once those are known.
   */
  private void checkFlags() {
    if (epochs != null && (epochs < 1 || epochs > MAX_EPOCHS)) {
      throw ConfigException.badValue("--epochs", epochs, "an integer from 1 to " + MAX_EPOCHS);
    }
    if (steps != null && steps < 1) {
      throw ConfigException.badValue("--steps", steps, "an integer >= 1");
    }
    if (batchSize != null && batchSize < 1) {
      throw ConfigException.badValue("--batch-size", batchSize,
          "an integer >= 1, at most the number of training images");
    }
    if (lr != null && !(Double.isFinite(lr) && lr > 0)) {
      throw ConfigException.badValue("--lr", lr, "a finite learning rate > 0 (default 0.025)");
    }
    if (cutout != null && cutout < 0) {
      throw ConfigException.badValue("--cutout", cutout, "an integer from 0 (none) to the input size");
    }
    if (dropPath != null && !(dropPath >= 0 && dropPath < 1)) {
      throw ConfigException.badValue("--drop-path", dropPath, "a rate in [0, 1) (0: none; DARTS uses 0.2)");
    }
    if (auxiliaryWeight != null && !(Double.isFinite(auxiliaryWeight) && auxiliaryWeight >= 0)) {
      throw ConfigException.badValue("--auxiliary-weight", auxiliaryWeight,
          "a finite weight >= 0 (0: the head is not trained)");
    }
    if (trainImages != null && trainImages < 1) {
      throw ConfigException.badValue("--train-images", trainImages, "an integer >= 1 (leave it out for all)");
    }
    if (evalImages != null && evalImages < 1) {
      throw ConfigException.badValue("--eval-images", evalImages, "an integer >= 1 (leave it out for all)");
    }
    if (rank != null && rank < 1) {
      throw ConfigException.badValue("--rank", rank, "an integer >= 1");
    }
  }

  private Chosen choose(ConfigLoader loader) {
    if (source == null) {
      if (spaceSource == null || target == null) {
        throw new InputException("nas train needs a run directory, an architecture.json, or --space/--config with"
            + " --arch/--genotype");
      }
      SpaceConfig spaceConfig = spaceSource.config(loader, sets);
      SearchSpace space = networks(spaceConfig.create());
      JsonNode spaceTree = loader.sectionTree(SpaceConfig.class, spaceConfig);
      if (target.genotype != null) {
        if (!(space instanceof GenotypeSpace g)) {
          throw new InputException("--genotype: space '" + space.id() + "' has no genotypes; use --arch");
        }
        Network net = g.genotypeNetwork(target.genotype);
        ObjectNode origin = Json.json().createObjectNode().put("genotype", target.genotype);
        return new Chosen(space, spaceTree, net, g.genotypeText(target.genotype), null, origin, null,
            DataConfig.defaults(), Path.of("trained", space.id() + "-" + fileName(target.genotype)));
      }
      Architecture arch = space.parse(target.arch);
      ObjectNode origin = Json.json().createObjectNode().put("command_line", target.arch);
      return new Chosen(space, spaceTree, arch, origin, null, DataConfig.defaults(),
          Path.of("trained", space.id() + "-" + arch.hash()));
    }
    if (target != null) {
      throw new InputException("--arch/--genotype name the architecture themselves: give them without " + source);
    }
    if (Files.isDirectory(source)) {
      if (spaceSource != null) {
        throw new InputException("a run directory brings its own space: drop --space/--config (use --set to change"
            + " its settings)");
      }
      return fromRun(loader);
    }
    if (Files.isRegularFile(source)) {
      return fromArchitectureFile(loader);
    }
    throw new InputException(source + " does not exist: give a run directory or an architecture.json");
  }

  /** A file name made of a genotype's name or text. */
  private static String fileName(String genotype) {
    String clean = genotype.replaceAll("[^A-Za-z0-9._-]+", "-");
    return clean.length() > 40 ? clean.substring(0, 40) : clean;
  }

  /** {@code space}, which must have networks to train. */
  private static SearchSpace networks(SearchSpace space) {
    if (!(space instanceof NetworkSpace)) {
      throw new InputException("space '" + space.id() + "' has no networks to train");
    }
    return space;
  }

  /**
   * The run's answer (or its rank-N architecture), in the network the run retrained in (its
   * retrain space, else its space).
   */
  private Chosen fromRun(ConfigLoader loader) {
    String notation;
    ObjectNode origin = Json.json().createObjectNode().put("run_dir", source.toAbsolutePath().normalize().toString());
    if (rank != null) {
      List<RankedTrial> top = ExperimentResults.top(source, rank);
      if (top.size() < rank) {
        throw new InputException("--rank " + rank + ": the run in " + source + " has only " + top.size()
            + " distinct successful architecture(s)");
      }
      RankedTrial r = top.get(rank - 1);
      notation = r.trial().notation();
      origin.put("rank", rank).put("seed", r.seed()).put("trial", r.trial().id());
    } else {
      ExperimentSummary summary = ExperimentResults.summary(source);
      if (summary.retrain() != null && summary.retrain().chosen() != null) {
        RetrainedTrial answer = summary.retrain().chosen();
        notation = answer.notation();
        origin.put("answer", "retrained").put("seed", answer.seed()).put("trial", answer.trial());
      } else if (summary.best() != null) {
        notation = summary.best().trial().notation();
        origin.put("answer", "best").put("seed", summary.best().seed()).put("trial", summary.best().trial().trial());
      } else {
        throw new InputException("nothing to train: no trial of " + source + " succeeded");
      }
    }
    ExperimentConfig config = loader.load(source.resolve(Experiment.CONFIG_FILE), List.of());
    SpaceConfig spaceConfig = config.retrain() != null && config.retrain().space() != null
        ? config.retrain().space() : config.space();
    SpaceConfig withSets = loader.bindSection("space", SpaceConfig.class, loader.sectionTree(SpaceConfig.class,
        spaceConfig), sets);
    SearchSpace space = networks(withSets.create());
    Architecture arch = space.parse(notation);
    EvaluatorConfig settings = config.retrain() != null ? config.retrain().evaluator() : config.evaluator();
    return new Chosen(space, loader.sectionTree(SpaceConfig.class, withSets), arch, origin,
        loader.sectionTree(EvaluatorConfig.class, settings), config.data(),
        source.resolve("trained").resolve(rank != null ? "rank-" + rank : "answer"));
  }

  /** An export's architecture.json, in the space it records (or --config's, which must be the same type). */
  private Chosen fromArchitectureFile(ConfigLoader loader) {
    JsonNode file;
    try {
      file = Json.json().readTree(source.toFile());
    } catch (IOException e) {
      throw new InputException("architecture file " + source + " is not valid JSON: " + e.getMessage(), e);
    }
    String recorded = file == null ? null : file.path("space").asText(null);
    String notation = file == null ? null : file.path("notation").asText(null);
    if (recorded == null || notation == null) {
      throw new InputException("architecture file " + source + " has no 'space' and 'notation': give an"
          + " architecture.json written by 'nas export'");
    }
    SpaceConfig spaceConfig;
    if (spaceSource != null) {
      spaceConfig = spaceSource.config(loader, sets);
    } else if (file.has(ExportCommand.SPACE_CONFIG)) {
      spaceConfig = loader.bindSection("space", SpaceConfig.class, file.get(ExportCommand.SPACE_CONFIG), sets);
    } else {
      throw new InputException("architecture file " + source + " does not record its space's settings ('"
          + ExportCommand.SPACE_CONFIG + "'): give the space with --config or --space");
    }
    SearchSpace space = networks(spaceConfig.create());
    if (!space.id().equals(recorded)) {
      throw new InputException("architecture file " + source + " is from space '" + recorded + "', but the space"
          + " to train in is '" + space.id() + "': give a config whose space is '" + recorded + "'");
    }
    Architecture arch;
    try {
      arch = space.parse(notation);
    } catch (InputException e) {
      throw new InputException("architecture file " + source + ": its notation is not an architecture of this '"
          + space.id() + "' space: " + e.getMessage(), e);
    }
    ObjectNode origin = Json.json().createObjectNode().put("architecture_file",
        source.toAbsolutePath().normalize().toString());
    Path folder = source.toAbsolutePath().getParent();
    return new Chosen(space, loader.sectionTree(SpaceConfig.class, spaceConfig), arch, origin, null,
        DataConfig.defaults(), folder.resolve("trained"));
  }

  /**
   * The DARTS evaluation recipe, with the run's data settings (dataset, valid_fraction,
   * train_images) where the run has them, then the flags; a bad value names its flag.
   */
  private StandaloneEvaluatorConfig recipe(JsonNode runEvaluator) {
    StandaloneEvaluatorConfig d = StandaloneEvaluatorConfig.dartsEvaluation();
    String runDataset = runEvaluator == null ? null : runEvaluator.path("dataset").asText(null);
    Double runValid = runEvaluator != null && runEvaluator.has("valid_fraction")
        ? runEvaluator.get("valid_fraction").asDouble() : null;
    Integer runImages = runEvaluator != null && runEvaluator.has("train_images")
        ? runEvaluator.get("train_images").asInt() : null;
    try {
      return new StandaloneEvaluatorConfig(or(dataset, runDataset), runValid, or(trainImages, runImages),
          or(batchSize, d.batchSize()), or(epochs, d.epochs()), or(lr, d.lr()), d.lrMin(), d.momentum(), d.nesterov(),
          d.weightDecay(), d.clip(), d.augment(), or(cutout, d.cutout()), or(dropPath, d.dropPath()),
          or(auxiliaryWeight, d.auxiliaryWeight()), or(evalImages, d.evalImages()));
    } catch (ConfigException e) {
      throw new InputException("--" + e.key().replace('_', '-') + ": " + e.problem(), e);
    }
  }

  private static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }

  private ObjectNode info(Chosen c, JsonNode recipe, StandaloneEvaluator.Trained trained, Instant started,
      Instant finished) {
    ObjectNode info = Json.json().createObjectNode();
    info.put("space", c.space().id());
    info.set("space_config", c.spaceTree());
    info.put("notation", c.notation());
    if (c.arch() != null) {
      info.put("canonical", c.arch().canonical());
      info.put("hash", c.arch().hash());
      info.set("choices", Json.tree(c.arch().choices()));
    }
    info.put("params", trained.network().params());
    info.put("params_with_auxiliary", trained.network().paramsWithAuxiliary());
    info.put("flops", trained.network().flops());
    info.set("source", c.origin());
    info.set("recipe", recipe);
    info.put("seed", seed);
    info.put("steps", trained.steps());
    info.set("metrics", Json.tree(trained.metrics().values()));
    info.put("started", started.toString());
    info.put("finished", finished.toString());
    info.put("trained_by", "nas " + Provenance.version() + " (" + Provenance.builtFrom() + ")");
    info.set("libraries", Json.tree(Provenance.libraryVersions()));
    info.put("jvm", System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ")");
    return info;
  }
}
