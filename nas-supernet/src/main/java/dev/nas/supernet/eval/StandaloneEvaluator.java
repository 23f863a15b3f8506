package dev.nas.supernet.eval;

import dev.nas.core.arch.Architecture;
import dev.nas.core.eval.Fidelities;
import dev.nas.core.eval.MultiFidelityEvaluator;
import dev.nas.core.eval.Metrics;
import dev.nas.spaces.network.Network;
import dev.nas.spaces.network.NetworkSpace;
import dev.nas.supernet.data.Augmentation;
import dev.nas.supernet.data.BatchIterator;
import dev.nas.supernet.data.ImageSet;
import dev.nas.supernet.data.Normalization;
import dev.nas.supernet.tape.TapeNetwork;
import dev.nas.supernet.train.Trainer;
import dev.nas.supernet.train.TrainingProgress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Trains each architecture from scratch on its own weights for {@code epochs} epochs (cosine
 * learning rate over all steps, the recipe's augmentation; drop-path ramped linearly from 0 to its
 * rate over the epochs and the auxiliary head's weighted loss, where the network has them, as in
 * the DARTS evaluation recipe), then scores it on the validation part ({@value #SIGNAL}, what the
 * search sees) and on the test set ({@value #REPORTED}, reported only). The trial's seed drives
 * initialisation, batch order and drop-path, so a trial is reproducible on its own, and its
 * metrics hold no timings (the journal has the trial's start and end).
 */
public final class StandaloneEvaluator implements MultiFidelityEvaluator {

  public static final String SIGNAL = "valid_acc";
  public static final String REPORTED = "test_acc";

  /** A trained network: its description, its weights (store names and layouts) and its scores. */
  public record Trained(Network network, Map<String, INDArray> weights, Metrics metrics, long steps) {}

  private final NetworkSpace space;
  private final EvaluationData data;
  private final TrainingRecipe recipe;
  private final int epochs;
  private final Regularization regularization;
  private final int evalImages;

  /**
   * Drop-path rate (reached in the last epoch) and the auxiliary loss's weight; each applies only
   * to networks with drop-path nodes or an auxiliary head.
   */
  record Regularization(double dropPath, double auxiliaryWeight) {}

  StandaloneEvaluator(NetworkSpace space, EvaluationData data, TrainingRecipe recipe, int epochs,
      Regularization regularization, int evalImages) {
    this.space = space;
    this.data = data;
    this.recipe = recipe;
    this.epochs = epochs;
    this.regularization = regularization;
    this.evalImages = evalImages;
  }

  @Override
  public Metrics evaluate(Architecture architecture, long seed) {
    return evaluate(architecture, seed, epochs);
  }

  /** Budgets for Hyperband: 1 to the configured number of epochs (the cosine schedule spans the budget). */
  @Override
  public Fidelities fidelities() {
    return Fidelities.range("epochs", 1, epochs);
  }

  /** Trains {@code epochs} epochs instead of the configured number. */
  @Override
  public Metrics evaluate(Architecture architecture, long seed, int epochs) {
    return train(architecture, seed, epochs, Long.MAX_VALUE).metrics();
  }

  /** The configured number of epochs. */
  public int epochs() {
    return epochs;
  }

  /** How many images the network trains on (after the validation split and {@code train_images}). */
  public int trainImages() {
    return data.train().size();
  }

  /** The normalisation the network's inputs get (pixels scaled to [0, 1], then standardised). */
  public Normalization normalization() {
    return data.normalization();
  }

  /** Class names by label index. */
  public List<String> labels() {
    return data.train().classes();
  }

  /**
   * Trains {@code architecture} for {@code epochs} epochs, or stops after {@code maxSteps} steps
   * (the schedules still span the whole epochs, so a stopped run is the start of the full one),
   * and scores it.
   */
  public Trained train(Architecture architecture, long seed, int epochs, long maxSteps) {
    return train(space.network(architecture), architecture.hash(), seed, epochs, maxSteps);
  }

  /**
   * As above, for any network with this space's input (e.g. a published genotype outside the
   * space), with a progress bar when bars are on.
   */
  public Trained train(Network net, String label, long seed, int epochs, long maxSteps) {
    return train(net, label, seed, epochs, maxSteps, NEVER).orElseThrow();
  }

  /** As above, stopping when {@code stop} says so (see the last overload). */
  public Optional<Trained> train(Network net, String label, long seed, int epochs, long maxSteps,
      BooleanSupplier stop) {
    // The bar's length is known only once the data is batched: created below through this factory.
    return train(net, seed, epochs, maxSteps,
        steps -> TrainingProgress.bar("train " + label, steps, dev.nas.core.ProgressBars.enabled()), stop);
  }

  /** As above, reporting every step to the progress {@code progress} makes for the number of steps. */
  public Trained train(Network net, long seed, int epochs, long maxSteps, LongFunction<TrainingProgress> progressForSteps) {
    return train(net, seed, epochs, maxSteps, progressForSteps, NEVER).orElseThrow();
  }

  /**
   * As above; {@code stop} is asked before every training step and every scoring batch, and once
   * it says yes the training ends there and nothing is returned (a Ctrl-C waits for one step at
   * most, not for the run).
   */
  public Optional<Trained> train(Network net, long seed, int epochs, long maxSteps,
      LongFunction<TrainingProgress> progressForSteps, BooleanSupplier stop) {
    if (epochs < 1) {
      throw new IllegalArgumentException("stand-alone epochs must be >= 1, got " + epochs);
    }
    Map<String, INDArray> store = new HashMap<>();
    TapeNetwork tape = new TapeNetwork(net, store, seed, DataType.FLOAT)
        .auxiliaryWeight(regularization.auxiliaryWeight());
    SplittableRandom dropPathDraws = new SplittableRandom(seed ^ DROP_PATH_STREAM);
    BatchIterator batches = new BatchIterator(data.train(), recipe.batchSize(), recipe.augmentation(),
        data.normalization(), true, seed, DataType.FLOAT);
    long perEpoch = batches.batchesPerEpoch();
    long steps = Math.min(maxSteps, (long) epochs * perEpoch);
    Trainer trainer = new Trainer(store, recipe.optimizer(), recipe.schedule((long) epochs * perEpoch), recipe.clip());
    Trainer.StepResult last = null;
    try (TrainingProgress progress = progressForSteps.apply(steps)) {
      for (int epoch = 0; trainer.steps() < steps && !stop.getAsBoolean(); epoch++) {
        // DARTS: the rate grows linearly with the epoch, from 0 in the first.
        tape.dropPath(regularization.dropPath() * epoch / epochs, dropPathDraws);
        Trainer.StepResult r = trainer.fit(tape, batches, Math.min(perEpoch, steps - trainer.steps()), progress, stop);
        last = r != null ? r : last;
      }
    }
    if (stop.getAsBoolean()) {
      return Optional.empty();
    }
    Map<String, Double> values = new LinkedHashMap<>();
    double valid = 100 * accuracy(tape, firstImages(data.valid()), stop);
    values.put(SIGNAL, valid);
    values.put(REPORTED, 100 * accuracy(tape, firstImages(data.test()), stop));
    if (stop.getAsBoolean()) {
      return Optional.empty();
    }
    if (last != null) {
      values.put("train_loss", last.loss());
    }
    values.put("params", (double) net.params());
    return Optional.of(new Trained(net, store, new Metrics(valid, values), trainer.steps()));
  }

  private static final BooleanSupplier NEVER = () -> false;

  /** The test images a trained network is scored on (the first {@code eval_images} when set). */
  public ImageSet testImages() {
    return firstImages(data.test());
  }

  /** Separates the drop-path draws from the other uses of the trial's seed. */
  private static final long DROP_PATH_STREAM = 0x5EEDD7095L;

  private ImageSet firstImages(ImageSet set) {
    return evalImages == 0 || evalImages >= set.size() ? set
        : set.subset(set.name() + "-first" + evalImages, java.util.stream.IntStream.range(0, evalImages).toArray());
  }

  private double accuracy(TapeNetwork tape, ImageSet set, BooleanSupplier stop) {
    BatchIterator it = new BatchIterator(set, recipe.batchSize(), Augmentation.NONE, data.normalization(), false, 0,
        DataType.FLOAT);
    return Trainer.evaluate(tape, it, it.batchesPerEpoch(), stop);
  }

  @Override
  public String signalMetric() {
    return SIGNAL;
  }

  @Override
  public String reportedMetric() {
    return REPORTED;
  }

  @Override
  public List<Path> dataFiles() {
    return data.files();
  }
}
