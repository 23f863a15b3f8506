package dev.nas.supernet.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.config.DataConfig;
import dev.nas.core.data.DataRoot;
import dev.nas.core.eval.Evaluator;
import dev.nas.core.eval.Metrics;
import dev.nas.spaces.darts.DartsMacro;
import dev.nas.spaces.darts.DartsSpace;
import org.junit.jupiter.api.Test;

class StandaloneEvaluatorTest {

  @Test
  void trainsFromScratchOnFashionMnistWellAboveChance() {
    // A 3-cell DARTS_V2 network at 8 channels on 28x28 grey images (repeated over RGB), 2,048 images, 2 epochs.
    DartsSpace space = new DartsSpace(new DartsMacro(8, 3, 10, 28, false));
    Evaluator evaluator = new StandaloneEvaluatorConfig("fashion-mnist", 0.05, 2048, 64, 2, 0.05, null, null, null,
        null, null, false, null, null, null, null).create(space, DataRoot.resolve(DataConfig.defaults()));
    Metrics m = evaluator.evaluate(space.parse("DARTS_V2"), 1);
    double test = m.value(StandaloneEvaluator.REPORTED);
    double valid = m.value(StandaloneEvaluator.SIGNAL);
    assertEquals(valid, m.signal());
    // Chance is 10%; a small convnet passes 60% on Fashion-MNIST within a few hundred steps.
    assertTrue(test > 50 && valid > 50, m.toString());
    assertEquals(space.network(space.parse("DARTS_V2")).params(), m.value("params"));
    assertFalse(m.values().containsKey("train_seconds"), "metrics are clock-free: same seed, same result");
  }

  private static StandaloneEvaluator recipe(double dropPath, double auxiliaryWeight) {
    DartsSpace space = new DartsSpace(new DartsMacro(4, 3, 10, 32, true));
    // 256 CIFAR-10 sample images at batch 16: 16 steps per epoch, cutout 16, scored on 32 images.
    return new StandaloneEvaluatorConfig("cifar10", 0.1, 256, 16, 2, 0.05, null, null, null, null, null, true, 16,
        dropPath, auxiliaryWeight, 32).standalone(space, DataRoot.resolve(DataConfig.defaults()));
  }

  @Test
  void evaluationRecipeIsSeededStopsAtMaxStepsAndTrainsTheAuxiliaryHeadWithDropPath() {
    DartsSpace space = new DartsSpace(new DartsMacro(4, 3, 10, 32, true));
    var arch = space.parse("DARTS_V2");
    StandaloneEvaluator darts = recipe(0.2, 0.4);
    // 20 steps: into the second epoch, where drop-path is at 0.1.
    StandaloneEvaluator.Trained a = darts.train(arch, 7, 2, 20);
    StandaloneEvaluator.Trained b = darts.train(arch, 7, 2, 20);
    assertEquals(20, a.steps());
    assertEquals(a.weights(), b.weights(), "same seed, same weights");
    assertEquals(a.metrics(), b.metrics());

    java.util.Map<String, org.nd4j.linalg.api.ndarray.INDArray> initial = new java.util.HashMap<>();
    dev.nas.supernet.ParameterStore.initialise(a.network(), initial, 7, org.nd4j.linalg.api.buffer.DataType.FLOAT);
    String auxWeight = "auxiliary.2.conv.W";
    assertTrue(initial.containsKey(auxWeight), initial.keySet().toString());
    assertFalse(initial.get(auxWeight).equals(a.weights().get(auxWeight)), "the auxiliary head trained");
    StandaloneEvaluator.Trained headless = recipe(0.2, 0).train(arch, 7, 2, 20);
    assertEquals(initial.get(auxWeight), headless.weights().get(auxWeight), "weight 0: the head is not trained");
    StandaloneEvaluator.Trained noDrop = recipe(0, 0.4).train(arch, 7, 2, 20);
    StandaloneEvaluator.Trained firstEpoch = recipe(0, 0.4).train(arch, 7, 2, 16);
    StandaloneEvaluator.Trained firstEpochDrop = darts.train(arch, 7, 2, 16);
    assertEquals(firstEpoch.weights(), firstEpochDrop.weights(), "the first epoch drops nothing (rate 0.2 * 0/2)");
    assertFalse(noDrop.weights().equals(a.weights()), "the second epoch drops paths");
  }
}
