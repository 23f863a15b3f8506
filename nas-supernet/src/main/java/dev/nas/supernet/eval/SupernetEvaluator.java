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
  private final int recalibrationBatches;
  private final FewShot fewShot;
  private final long seed;
  private final Supernet supernet;
  private final Trainer trainer;
  /** After a few-shot split: one sub-supernet and its trainer per value of the split gene; empty before. */
  private final List<Supernet> shots = new java.util.ArrayList<>();
  private final List<Trainer> shotTrainers = new java.util.ArrayList<>();
  private List<INDArray> recalibration;
  private final StoreSnapshot beforeTrial = new StoreSnapshot();
  private boolean warmedUp;

  /** How a child is trained and scored: the ranking protocol's settings (see {@link SupernetEvaluatorConfig}). */
  record Protocol(int steps, int validBatches, int warmupSteps, int recalibrationBatches, FewShot fewShot) {}

  SupernetEvaluator(NetworkSpace space, SupernetOptions options, EvaluationData data, TrainingRecipe recipe,
      Protocol protocol, long seed) {
    this.warmupSteps = protocol.warmupSteps();
    this.recalibrationBatches = protocol.recalibrationBatches();
    this.fewShot = protocol.fewShot();
    this.seed = seed;
    this.space = space;
    this.options = options;
    this.data = data;
    this.recipe = recipe;
    this.steps = protocol.steps();
    this.validBatches = protocol.validBatches();
    this.supernet = new Supernet(space, seed, options);
    this.trainer = trainer(supernet);
  }

  private Trainer trainer(Supernet net) {
    // Constant learning rate: a one-shot search has no fixed end to anneal towards.
    return new Trainer(net.store(), recipe.optimizer(), recipe.schedule(1), recipe.clip());
  }

  private Protocol protocol() {
    return new Protocol(steps, validBatches, warmupSteps, recalibrationBatches, fewShot);
  }

  /** A fresh supernet, its weights initialised from {@code seed}. */
  @Override
  public SupernetEvaluator forRun(long seed) {
    return new SupernetEvaluator(space, options, data, recipe, protocol(), seed);
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
      if (fewShot != null && shots.isEmpty()) {
        split();
      }
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
    if (fewShot != null) {
      split();
    }
  }

  /**
   * The few-shot split: one copy of the warmed-up store (weights and optimizer state) per value of
   * the split gene, each trained on children that take that value. Drawn from a stream of its own,
   * so that a one-shot checkpoint (a run warmed up without a split) splits as a fresh run would.
   */
  private void split() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed ^ 0x5F11757EL);
    int gene = fewShot.index(space.genome());
    int values = space.genome().gene(gene).cardinality();
    boolean bar = dev.nas.core.ProgressBars.enabled();
    for (int v = 0; v < values; v++) {
      Supernet shot = new Supernet(space, copy(supernet.store()), seed, options);
      Trainer shotTrainer = trainer(shot);
      shotTrainer.resumeAt(trainer.steps());
      BatchIterator batches = new BatchIterator(data.train(), recipe.batchSize(), recipe.augmentation(),
          data.normalization(), true, random.nextLong(), options.dataType());
      String label = "few-shot " + fewShot.gene() + "=" + space.genome().gene(gene).values().get(v);
      try (TrainingProgress progress = TrainingProgress.bar(label, fewShot.steps(), bar)) {
        for (int i = 0; i < fewShot.steps(); i++) {
          long t0 = System.nanoTime();
          int[] genes = space.encode(space.sample(random));
          genes[gene] = v;
          BatchIterator.Batch batch = batches.next();
          Trainer.StepResult r = shotTrainer.step(shot.child(space.decode(genes)), batch);
          progress.step(r, batch.classes().length, System.nanoTime() - t0);
        }
      }
      shots.add(shot);
      shotTrainers.add(shotTrainer);
    }
  }

  private static Map<String, INDArray> copy(Map<String, INDArray> store) {
    Map<String, INDArray> copy = new java.util.HashMap<>();
    try (var scope = org.nd4j.linalg.factory.Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      store.forEach((name, array) -> copy.put(name, array.dup()));
    }
    return copy;
  }

  /** The supernet a child is trained and scored on: its value's sub-supernet after a few-shot split. */
  private int shotOf(Architecture architecture) {
    return shots.isEmpty() ? -1 : space.encode(architecture)[fewShot.index(space.genome())];
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
    int shot = shotOf(architecture);
    Supernet net = shot < 0 ? supernet : shots.get(shot);
    Trainer netTrainer = shot < 0 ? trainer : shotTrainers.get(shot);
    beforeTrial.capture(net.store());
    long stepsBefore = netTrainer.steps();
    try {
      return train(net, netTrainer, architecture, seed, budget);
    } catch (RuntimeException e) {
      if (!beforeTrial.restore(net.store()).isEmpty()) {
        net.clearChildren();
      }
      netTrainer.resumeAt(stepsBefore);
      throw e;
    }
  }

  private Metrics train(Supernet net, Trainer trainer, Architecture architecture, long seed, int steps) {
    TapeNetwork child = net.child(architecture);
    BatchIterator batches = new BatchIterator(data.train(), recipe.batchSize(), recipe.augmentation(),
        data.normalization(), true, seed, options.dataType());
    double loss = 0;
    double accuracy = 0;
    for (int i = 0; i < steps; i++) {
      Trainer.StepResult r = trainer.step(child, batches.next());
      loss += r.loss();
      accuracy += r.accuracy();
    }
    if (recalibrationBatches > 0) {
      child.recalibrateBatchNorm(recalibration(), () -> org.nd4j.linalg.factory.Nd4j.getWorkspaceManager()
          .getAndActivateWorkspace(Trainer.STEP_WORKSPACE, "nas-recalibrate"));
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

  /**
   * The first {@code recalibrationBatches} training batches, without augmentation: the same images
   * re-estimate every child's BN statistics, so scores compare.
   */
  private List<INDArray> recalibration() {
    if (recalibration == null) {
      BatchIterator batches = new BatchIterator(data.train(), recipe.batchSize(), Augmentation.NONE,
          data.normalization(), false, 0, options.dataType());
      List<INDArray> list = new java.util.ArrayList<>();
      try (var scope = org.nd4j.linalg.factory.Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
        for (int i = 0; i < recalibrationBatches; i++) {
          list.add(batches.next().features());
        }
      }
      recalibration = List.copyOf(list);
    }
    return recalibration;
  }

  /**
   * Warm-up done, optimizer step count, the whole store ({@link StoreFile}), then the number of
   * few-shot sub-supernets (0 before a split) and each one's step count and store.
   */
  @Override
  public void saveState(OutputStream out) throws IOException {
    DataOutputStream d = new DataOutputStream(out);
    d.writeBoolean(warmedUp);
    d.writeLong(trainer.steps());
    StoreFile.write(supernet.store(), d);
    d.writeInt(shots.size());
    for (int i = 0; i < shots.size(); i++) {
      d.writeLong(shotTrainers.get(i).steps());
      StoreFile.write(shots.get(i).store(), d);
    }
    d.flush();
  }

  @Override
  public void restoreState(InputStream in) throws IOException {
    DataInputStream d = new DataInputStream(in);
    boolean warm = d.readBoolean();
    long steps = d.readLong();
    Map<String, INDArray> restored = StoreFile.read(d);
    int count = d.readInt();
    List<Supernet> restoredShots = new java.util.ArrayList<>();
    List<Trainer> restoredTrainers = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      long shotSteps = d.readLong();
      Supernet shot = new Supernet(space, StoreFile.read(d), seed, options);
      Trainer shotTrainer = trainer(shot);
      shotTrainer.resumeAt(shotSteps);
      restoredShots.add(shot);
      restoredTrainers.add(shotTrainer);
    }
    supernet.store().clear();
    supernet.store().putAll(restored);
    supernet.clearChildren();
    trainer.resumeAt(steps);
    shots.clear();
    shots.addAll(restoredShots);
    shotTrainers.clear();
    shotTrainers.addAll(restoredTrainers);
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
