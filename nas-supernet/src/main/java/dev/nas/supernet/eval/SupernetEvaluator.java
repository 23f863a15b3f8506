package dev.nas.supernet.eval;

import dev.nas.core.arch.Architecture;
import dev.nas.core.eval.Fidelities;
import dev.nas.core.eval.Metrics;
import dev.nas.core.eval.MultiFidelityEvaluator;
import dev.nas.core.eval.StatefulEvaluator;
import dev.nas.spaces.network.NetworkSpace;
import dev.nas.supernet.StoreFile;
import dev.nas.supernet.StoreSnapshot;
import dev.nas.supernet.Supernet;
import dev.nas.supernet.SupernetOptions;
import dev.nas.supernet.data.Augmentation;
import dev.nas.supernet.data.BatchIterator;
import dev.nas.supernet.tape.TapeNetwork;
import dev.nas.supernet.train.Trainer;
import dev.nas.supernet.train.TrainingProgress;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One-shot scoring on a weight-shared supernet: the child's graph (only the ops it chose, on the
 * shared weights) is trained for {@code steps} SGD steps on training batches drawn with the trial's
 * seed, then scored on the first {@code validBatches} batches of the held-out validation part
 * (the same images for every child, so scores compare). The search sees {@value #SIGNAL}. Before
 * the first child of a run, the supernet is warmed up ({@link #warmUp}).
 *
 * <p>The weights carry over from trial to trial: that is the point of weight sharing, and it makes
 * a trial's score depend on the trials before (in a deterministic way, for a given run seed). A
 * trial that fails (a step whose loss or gradient is not finite, or any other error) puts the weights,
 * optimizer state and step count back to where they were before it, so the search goes on from
 * uncorrupted weights.
 *
 * <p>The weights are the evaluator's state ({@link StatefulEvaluator}): a run checkpoints them
 * after every trial, so a resumed run continues from exactly the weights it stopped with.
 */
public final class SupernetEvaluator implements StatefulEvaluator, MultiFidelityEvaluator {

  public static final String SIGNAL = "valid_acc";

  private final NetworkSpace space;
  private final SupernetOptions options;
  private final EvaluationData data;
  private final TrainingRecipe recipe;
  private final int steps;
  private final int validBatches;
  private final int warmupSteps;
  private final long seed;
  private final Supernet supernet;
  private final Trainer trainer;
  private final StoreSnapshot beforeTrial = new StoreSnapshot();
  private boolean warmedUp;

  SupernetEvaluator(NetworkSpace space, SupernetOptions options, EvaluationData data, TrainingRecipe recipe,
      int steps, int validBatches, int warmupSteps, long seed) {
    this.warmupSteps = warmupSteps;
    this.seed = seed;
    this.space = space;
    this.options = options;
    this.data = data;
    this.recipe = recipe;
    this.steps = steps;
    this.validBatches = validBatches;
    this.supernet = new Supernet(space, seed, options);
    // Constant learning rate: a one-shot search has no fixed end to anneal towards.
    this.trainer = new Trainer(supernet.store(), recipe.optimizer(), recipe.schedule(1), recipe.clip());
  }

  /** A fresh supernet, its weights initialised from {@code seed}. */
  @Override
  public SupernetEvaluator forRun(long seed) {
    return new SupernetEvaluator(space, options, data, recipe, steps, validBatches, warmupSteps, seed);
  }

  public Supernet supernet() {
    return supernet;
  }

  /** The training and validation parts it trains and scores on (DARTS trains on the same split). */
  public EvaluationData data() {
    return data;
  }

  /** SGD steps each child trains before it is scored. */
  public int steps() {
    return steps;
  }

  /**
   * Trains the supernet before the first child is scored: {@code warmupSteps} steps, each on a
   * child sampled uniformly from the space (single-path uniform sampling, as SPOS and the
   * ENAS/NB201 one-shot baselines warm up), so that first children are not scored on random
   * weights. Drawn from the run's seed; runs once per run.
   */
  public void warmUp() {
    if (warmedUp) {
      return;
    }
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed ^ 0x5DEECE66DL);
    BatchIterator batches = new BatchIterator(data.train(), recipe.batchSize(), recipe.augmentation(),
        data.normalization(), true, random.nextLong(), options.dataType());
    boolean bar = dev.nas.core.ProgressBars.enabled();
    try (TrainingProgress progress = TrainingProgress.bar("supernet warm-up", warmupSteps, bar && warmupSteps > 0)) {
      for (int i = 0; i < warmupSteps; i++) {
        long t0 = System.nanoTime();
        BatchIterator.Batch batch = batches.next();
        Trainer.StepResult r = trainer.step(supernet.child(space.sample(random)), batch);
        progress.step(r, batch.classes().length, System.nanoTime() - t0);
      }
    }
    warmedUp = true;
  }

  @Override
  public Metrics evaluate(Architecture architecture, long seed) {
    return evaluate(architecture, seed, steps);
  }

  /** Budgets for Hyperband: 1 to the configured {@code steps} training steps per child. */
  @Override
  public Fidelities fidelities() {
    return Fidelities.range("steps", 1, Math.max(1, steps));
  }

  /** Trains the child {@code budget} steps instead of the configured number, then scores it. */
  @Override
  public Metrics evaluate(Architecture architecture, long seed, int budget) {
    if (budget < 0) {
      throw new IllegalArgumentException("supernet steps must be >= 0, got " + budget);
    }
    warmUp();
    beforeTrial.capture(supernet.store());
    long stepsBefore = trainer.steps();
    try {
      return train(architecture, seed, budget);
    } catch (RuntimeException e) {
      if (!beforeTrial.restore(supernet.store()).isEmpty()) {
        supernet.clearChildren();
      }
      trainer.resumeAt(stepsBefore);
      throw e;
    }
  }

  private Metrics train(Architecture architecture, long seed, int steps) {
    TapeNetwork child = supernet.child(architecture);
    BatchIterator batches = new BatchIterator(data.train(), recipe.batchSize(), recipe.augmentation(),
        data.normalization(), true, seed, options.dataType());
    double loss = 0;
    double accuracy = 0;
    for (int i = 0; i < steps; i++) {
      Trainer.StepResult r = trainer.step(child, batches.next());
      loss += r.loss();
      accuracy += r.accuracy();
    }
    BatchIterator valid = new BatchIterator(data.valid(), recipe.batchSize(), Augmentation.NONE, data.normalization(),
        false, 0, options.dataType());
    double validAccuracy = 100 * Trainer.evaluate(child, valid, Math.min(validBatches, valid.batchesPerEpoch()));
    Map<String, Double> values = new LinkedHashMap<>();
    values.put(SIGNAL, validAccuracy);
    values.put("train_loss", steps == 0 ? Double.NaN : loss / steps);
    values.put("train_acc", steps == 0 ? Double.NaN : 100 * accuracy / steps);
    values.values().removeIf(v -> !Double.isFinite(v));
    return new Metrics(validAccuracy, values);
  }

  /** Warm-up done, optimizer step count, then the whole store ({@link StoreFile}). */
  @Override
  public void saveState(OutputStream out) throws IOException {
    DataOutputStream d = new DataOutputStream(out);
    d.writeBoolean(warmedUp);
    d.writeLong(trainer.steps());
    StoreFile.write(supernet.store(), d);
    d.flush();
  }

  @Override
  public void restoreState(InputStream in) throws IOException {
    DataInputStream d = new DataInputStream(in);
    boolean warm = d.readBoolean();
    long steps = d.readLong();
    Map<String, INDArray> restored = StoreFile.read(d);
    supernet.store().clear();
    supernet.store().putAll(restored);
    supernet.clearChildren();
    trainer.resumeAt(steps);
    warmedUp = warm;
  }

  @Override
  public String signalMetric() {
    return SIGNAL;
  }

  @Override
  public String reportedMetric() {
    return SIGNAL;
  }

  @Override
  public List<Path> dataFiles() {
    return data.files();
  }
}
