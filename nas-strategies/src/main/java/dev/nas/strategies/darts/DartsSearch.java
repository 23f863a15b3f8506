package dev.nas.strategies.darts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nas.core.arch.Architecture;
import dev.nas.core.json.Json;
import dev.nas.core.strategy.Strategy;
import dev.nas.core.trial.Trial;
import dev.nas.spaces.network.RelaxableSpace;
import dev.nas.supernet.Supernet;
import dev.nas.supernet.data.Augmentation;
import dev.nas.supernet.data.BatchIterator;
import dev.nas.supernet.eval.EvaluationData;
import dev.nas.supernet.eval.SupernetEvaluator;
import dev.nas.supernet.tape.TapeNetwork;
import dev.nas.supernet.train.Adam;
import dev.nas.supernet.train.CosineSchedule;
import dev.nas.supernet.train.SgdMomentum;
import dev.nas.supernet.train.Trainer;
import dev.nas.supernet.train.TrainingProgress;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DARTS as an ask/tell strategy: each {@link #ask} runs one epoch of the bilevel search on the
 * supernet's continuous relaxation (per step: an architecture step on a validation batch, then a
 * weight step on a training batch, as the reference's {@code train()}), then returns the cell
 * derived from the architecture weights. The evaluator scores that cell on the shared weights
 * (its one-shot accuracy), and the journal keeps the epoch's losses and every edge's softmax
 * ({@link #proposalNotes}). After the last epoch the strategy is done.
 *
 * <p>All state that changes (network and architecture weights, momentum and Adam buffers) lives
 * in the supernet's store, which the run checkpoints with the evaluator; the strategy itself only
 * counts epochs. Each epoch's batches are drawn from a generator seeded by the run seed and the
 * epoch, so a resumed run continues exactly.
 */
final class DartsSearch implements Strategy {

  private final DartsConfig config;
  private final SupernetEvaluator evaluator;
  private final RelaxableSpace space;
  private final long seed;
  private final int stepsPerEpoch;
  private final CosineSchedule schedule;
  private final Trainer trainer;
  private int epoch;
  private ObjectNode notes;

  DartsSearch(DartsConfig config, SupernetEvaluator evaluator, long seed) {
    this.config = config;
    this.evaluator = evaluator;
    this.space = (RelaxableSpace) evaluator.supernet().space();
    this.seed = seed;
    int passes = Math.max(1, evaluator.data().train().size() / config.batchSize());
    this.stepsPerEpoch = config.stepsPerEpoch() > 0 ? config.stepsPerEpoch() : passes;
    this.schedule = new CosineSchedule(config.lr(), config.lrMin(), (long) config.epochs() * stepsPerEpoch);
    this.trainer = new Trainer(evaluator.supernet().store(),
        new SgdMomentum(config.momentum(), config.weightDecay(), false), schedule, config.clip());
  }

  @Override
  public Architecture ask() {
    if (isDone()) {
      throw new IllegalStateException("darts ran all " + config.epochs() + " epochs");
    }
    evaluator.warmUp();
    Supernet supernet = evaluator.supernet();
    TapeNetwork relaxed = supernet.relaxed().auxiliarySkip(config.auxiliarySkip(epoch));
    Architect architect = new Architect(relaxed, supernet.store(),
        new Adam(0.5, 0.999, 1e-8, config.archWeightDecay()), config.archLr(), config.momentum(), config.weightDecay(),
        config.order() == 2, config.hessianRadius());
    EvaluationData data = evaluator.data();
    Augmentation augmentation = config.augment() ? Augmentation.CIFAR : Augmentation.NONE;
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed).split();
    for (int e = 0; e < epoch; e++) {
      random = random.split();
    }
    var dataType = supernet.options().dataType();
    BatchIterator train = new BatchIterator(data.train(), config.batchSize(), augmentation, data.normalization(), true,
        random.nextLong(), dataType);
    BatchIterator valid = new BatchIterator(data.valid(), config.batchSize(), augmentation, data.normalization(), true,
        random.nextLong(), dataType);
    trainer.resumeAt((long) epoch * stepsPerEpoch);
    double trainLoss = 0;
    double trainAccuracy = 0;
    double validLoss = 0;
    double validAccuracy = 0;
    double lr = schedule.at(trainer.steps());
    String task = "darts epoch " + (epoch + 1) + "/" + config.epochs();
    try (TrainingProgress progress = TrainingProgress.bar(task, stepsPerEpoch, dev.nas.core.ProgressBars.enabled())) {
      for (int s = 0; s < stepsPerEpoch; s++) {
        long t0 = System.nanoTime();
        BatchIterator.Batch trainBatch = train.next();
        BatchIterator.Batch validBatch = valid.next();
        Architect.Result a = architect.step(trainBatch, validBatch, schedule.at(trainer.steps()));
        Trainer.StepResult w = trainer.step(relaxed, trainBatch);
        trainLoss += w.loss();
        trainAccuracy += w.accuracy();
        validLoss += a.validLoss();
        validAccuracy += a.validAccuracy();
        progress.step(w, trainBatch.classes().length, System.nanoTime() - t0);
      }
    }
    Map<String, double[][]> softmax = softmax(supernet.store());
    notes = Json.json().createObjectNode();
    notes.put("epoch", epoch + 1);
    notes.put("lr", lr);
    notes.put("aux_skip", config.auxiliarySkip(epoch));
    notes.put("train_loss", trainLoss / stepsPerEpoch);
    notes.put("train_acc", 100 * trainAccuracy / stepsPerEpoch);
    notes.put("arch_valid_loss", validLoss / stepsPerEpoch);
    notes.put("arch_valid_acc", 100 * validAccuracy / stepsPerEpoch);
    notes.set("candidates", Json.json().valueToTree(space.candidates()));
    ObjectNode edges = notes.putObject("edges");
    softmax.keySet().forEach(name -> edges.set(name, Json.json().valueToTree(space.edges(name))));
    ObjectNode alphas = notes.putObject("alphas");
    softmax.forEach((name, rows) -> {
      ArrayNode matrix = alphas.putArray(name);
      for (double[] row : rows) {
        ArrayNode r = matrix.addArray();
        for (double p : row) {
          r.add(p);
        }
      }
    });
    epoch++;
    return space.derive(softmax);
  }

  /** Each architecture-weight matrix of the store, row-wise softmax, in double. */
  private Map<String, double[][]> softmax(Map<String, INDArray> store) {
    Map<String, double[][]> out = new LinkedHashMap<>();
    for (String name : space.architectureWeights().keySet()) {
      double[][] rows = store.get(name).toDoubleMatrix();
      for (double[] row : rows) {
        double max = java.util.Arrays.stream(row).max().orElse(0);
        double sum = 0;
        for (int k = 0; k < row.length; k++) {
          row[k] = Math.exp(row[k] - max);
          sum += row[k];
        }
        for (int k = 0; k < row.length; k++) {
          row[k] /= sum;
        }
      }
      out.put(name, rows);
    }
    return out;
  }

  @Override
  public JsonNode proposalNotes() {
    return notes;
  }

  @Override
  public boolean isDone() {
    return epoch >= config.epochs();
  }

  @Override
  public void tell(Trial finished) {
    // Nothing to learn from the score: the architecture weights are trained by gradient.
  }

  @Override
  public JsonNode snapshot() {
    ObjectNode node = Json.json().createObjectNode();
    node.put("epoch", epoch);
    return node;
  }

  @Override
  public void restore(JsonNode snapshot) {
    epoch = snapshot.get("epoch").asInt();
    notes = null;
  }
}
