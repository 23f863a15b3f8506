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
import dev.nas.supernet.tape.TapeNetwork;
import dev.nas.supernet.train.Trainer;
import dev.nas.supernet.train.TrainingProgress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Trains each architecture from scratch on its own weights for {@code epochs} epochs (cosine
 * learning rate over all steps, the recipe's augmentation), then scores it on the validation part
 * ({@value #SIGNAL}, what the search sees) and on the test set ({@value #REPORTED}, reported only).
 * The trial's seed drives initialisation and batch order, so a trial is reproducible on its own,
 * and its metrics hold no timings (the journal has the trial's start and end).
 */
public final class StandaloneEvaluator implements MultiFidelityEvaluator {

  public static final String SIGNAL = "valid_acc";
  public static final String REPORTED = "test_acc";

  private final NetworkSpace space;
  private final EvaluationData data;
  private final TrainingRecipe recipe;
  private final int epochs;

  StandaloneEvaluator(NetworkSpace space, EvaluationData data, TrainingRecipe recipe, int epochs) {
    this.space = space;
    this.data = data;
    this.recipe = recipe;
    this.epochs = epochs;
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
    if (epochs < 1) {
      throw new IllegalArgumentException("stand-alone epochs must be >= 1, got " + epochs);
    }
    Network net = space.network(architecture);
    Map<String, INDArray> store = new HashMap<>();
    TapeNetwork tape = new TapeNetwork(net, store, seed, DataType.FLOAT);
    BatchIterator batches = new BatchIterator(data.train(), recipe.batchSize(), recipe.augmentation(),
        data.normalization(), true, seed, DataType.FLOAT);
    long steps = (long) epochs * batches.batchesPerEpoch();
    Trainer trainer = new Trainer(store, recipe.optimizer(), recipe.schedule(steps), recipe.clip());
    Trainer.StepResult last;
    try (TrainingProgress progress = TrainingProgress.bar("train " + architecture.hash(), steps,
        dev.nas.core.ProgressBars.enabled())) {
      last = trainer.fit(tape, batches, steps, progress);
    }
    Map<String, Double> values = new LinkedHashMap<>();
    double valid = 100 * accuracy(tape, data.valid());
    values.put(SIGNAL, valid);
    values.put(REPORTED, 100 * accuracy(tape, data.test()));
    if (last != null) {
      values.put("train_loss", last.loss());
    }
    values.put("params", (double) net.params());
    return new Metrics(valid, values);
  }

  private double accuracy(TapeNetwork tape, ImageSet set) {
    BatchIterator it = new BatchIterator(set, recipe.batchSize(), Augmentation.NONE, data.normalization(), false, 0,
        DataType.FLOAT);
    return Trainer.evaluate(tape, it, it.batchesPerEpoch());
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
