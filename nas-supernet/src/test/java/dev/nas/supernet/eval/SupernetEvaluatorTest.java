package dev.nas.supernet.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.arch.Architecture;
import dev.nas.core.config.ConfigException;
import dev.nas.core.config.DataConfig;
import dev.nas.core.data.DataRoot;
import dev.nas.core.eval.Metrics;
import dev.nas.spaces.darts.DartsMacro;
import dev.nas.spaces.darts.DartsSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class SupernetEvaluatorTest {

  private static final DartsSpace SPACE = new DartsSpace(new DartsMacro(4, 3, 10, 32, false));
  private static final DataRoot DATA = DataRoot.resolve(DataConfig.defaults());

  private static SupernetEvaluatorConfig config(int steps) {
    return new SupernetEvaluatorConfig("cifar10", 0.5, 512, 32, steps, 2, null, null, null, null, null, null, null,
        null, null, null, null, null);
  }

  private static List<Metrics> scores(SupernetEvaluator evaluator, List<Architecture> archs) {
    List<Metrics> out = new ArrayList<>();
    for (int i = 0; i < archs.size(); i++) {
      out.add(evaluator.evaluate(archs.get(i), 100 + i));
    }
    return out;
  }

  @Test
  void scoresChildrenOnSharedWeightsReproduciblyFromTheRunSeed() {
    SupernetEvaluator base = (SupernetEvaluator) config(3).create(SPACE, DATA);
    SplittableRandom random = new SplittableRandom(4);
    List<Architecture> archs = List.of(SPACE.sample(random), SPACE.sample(random), SPACE.sample(random));

    SupernetEvaluator run = base.forRun(7);
    assertTrue(run.supernet().store().isEmpty(), "a run starts with a fresh supernet");
    List<Metrics> first = new ArrayList<>();
    INDArray stem = null;
    for (int i = 0; i < archs.size(); i++) {
      first.add(run.evaluate(archs.get(i), 100 + i));
      INDArray now = run.supernet().store().get("stem.0.conv.W").dup();
      if (stem != null) {
        assertNotEquals(stem, now, "each child's steps train the shared stem");
      }
      stem = now;
    }
    for (Metrics m : first) {
      double acc = m.value(SupernetEvaluator.SIGNAL);
      assertTrue(acc >= 0 && acc <= 100, m.toString());
      assertEquals(acc, m.signal());
      assertTrue(m.value("train_loss") > 0 && m.value("train_loss") < 10, m.toString());
    }
    assertEquals(first, scores(base.forRun(7), archs), "same run seed, same trials: same scores");
    assertNotEquals(first, scores(base.forRun(8), archs), "another run seed initialises other weights");
    assertEquals(Map.of(), base.supernet().store(), "the configured evaluator itself is never trained");
  }

  @Test
  void badSettingsNameTheKeyAndTheAcceptedValues() {
    var e = assertThrows(ConfigException.class, () -> new SupernetEvaluatorConfig("mnist", null, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null, null, null));
    assertTrue(e.getMessage().contains("dataset") && e.getMessage().contains("cifar10, fashion-mnist"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> new SupernetEvaluatorConfig(null, 1.5, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null, null, null));
    assertTrue(e.getMessage().contains("valid_fraction"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> new SupernetEvaluatorConfig(null, null, null, null, null,
        null, -1.0, null, null, null, null, null, null, null, null, null, null, null));
    assertTrue(e.getMessage().contains("lr"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> new SupernetEvaluatorConfig(null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null, -5, null, null));
    assertTrue(e.getMessage().contains("warmup_steps"), e.getMessage());
  }

  @Test
  void aSpaceWhoseInputDoesNotMatchTheDatasetIsRejected() {
    DartsSpace space28 = new DartsSpace(new DartsMacro(4, 3, 10, 28, false));
    var e = assertThrows(ConfigException.class, () -> config(1).create(space28, DATA));
    assertTrue(e.getMessage().contains("set space.input_size to 32"), e.getMessage());
  }

  @Test
  void warmUpTrainsSampledChildrenOnceBeforeTheFirstScore() {
    SupernetEvaluatorConfig warm = new SupernetEvaluatorConfig("cifar10", 0.5, 512, 32, 0, 2, null, null, null, null,
        null, null, null, null, null, 6, null, null);
    SupernetEvaluator run = ((SupernetEvaluator) warm.create(SPACE, DATA)).forRun(3);
    run.warmUp();
    int created = run.supernet().store().size();
    assertTrue(created > 0, "warm-up sampled children and created their weights");
    assertEquals(6, run.supernet().cacheStats().requestCount(), "one sampled child per warm-up step");
    Map<String, INDArray> after = new java.util.HashMap<>();
    run.supernet().store().forEach((k, v) -> after.put(k, v.dup()));
    run.warmUp();
    run.supernet().store().forEach((k, v) -> assertEquals(after.get(k), v, k + ": warm-up runs once"));
    Architecture a = SPACE.sample(new SplittableRandom(9));
    assertEquals(run.evaluate(a, 1), ((SupernetEvaluator) warm.create(SPACE, DATA)).forRun(3).evaluate(a, 1),
        "warm-up is part of the run's deterministic history");
  }

  private static Map<String, INDArray> copy(Map<String, INDArray> store) {
    Map<String, INDArray> out = new java.util.TreeMap<>();
    store.forEach((k, v) -> out.put(k, v.dup()));
    return out;
  }

  @Test
  void savedStateRestoredInAFreshRunContinuesBitForBit() throws java.io.IOException {
    SupernetEvaluatorConfig warm = new SupernetEvaluatorConfig("cifar10", 0.5, 512, 32, 2, 2, null, null, null, null,
        null, null, null, null, null, 3, null, null);
    SupernetEvaluator base = (SupernetEvaluator) warm.create(SPACE, DATA);
    SplittableRandom random = new SplittableRandom(12);
    List<Architecture> archs = List.of(SPACE.sample(random), SPACE.sample(random), SPACE.sample(random));
    SupernetEvaluator whole = base.forRun(5);
    whole.evaluate(archs.get(0), 1);
    var bytes = new java.io.ByteArrayOutputStream();
    whole.saveState(bytes);
    List<Metrics> expected = List.of(whole.evaluate(archs.get(1), 2), whole.evaluate(archs.get(2), 3));

    SupernetEvaluator resumed = base.forRun(5);
    resumed.restoreState(new java.io.ByteArrayInputStream(bytes.toByteArray()));
    List<Metrics> got = List.of(resumed.evaluate(archs.get(1), 2), resumed.evaluate(archs.get(2), 3));
    assertEquals(expected, got, "same weights, momentum and warm-up flag: same scores");
    assertEquals(copy(whole.supernet().store()), copy(resumed.supernet().store()));

    var again = new java.io.ByteArrayOutputStream();
    resumed.saveState(again);
    var wholeBytes = new java.io.ByteArrayOutputStream();
    whole.saveState(wholeBytes);
    assertTrue(java.util.Arrays.equals(wholeBytes.toByteArray(), again.toByteArray()), "equal stores, equal bytes");

    var e = assertThrows(java.io.IOException.class,
        () -> base.forRun(5).restoreState(new java.io.ByteArrayInputStream(new byte[20])));
    assertTrue(e.getMessage().contains("not a nas weight store"), e.getMessage());
  }

  @Test
  void aDivergingTrialFailsAndLeavesTheSharedWeightsAsTheyWere() {
    SplittableRandom random = new SplittableRandom(2);
    Architecture first = SPACE.sample(random);
    Architecture second = SPACE.sample(random);
    // lr 1e38: the first step takes the float weights to ~1e37, the next loss is not finite.
    SupernetEvaluatorConfig wild = new SupernetEvaluatorConfig("cifar10", 0.5, 512, 32, 4, 2, 1e38, null, null, null,
        0.0, null, null, null, null, null, null, null);
    SupernetEvaluator run = ((SupernetEvaluator) config(2).create(SPACE, DATA)).forRun(1);
    run.evaluate(first, 1);
    Map<String, INDArray> before = copy(run.supernet().store());
    // Same store, wild learning rate: a supernet evaluator on those weights.
    SupernetEvaluator diverging = ((SupernetEvaluator) wild.create(SPACE, DATA)).forRun(1);
    diverging.supernet().store().putAll(run.supernet().store());
    var e = assertThrows(RuntimeException.class, () -> diverging.evaluate(second, 2));
    assertTrue(e.getMessage().contains("not applied") || e.getMessage().contains("NaN"), e.getMessage());
    assertEquals(before, copy(diverging.supernet().store()),
        "weights, momentum and statistics as before the trial; the second child's new weights are gone");
    assertEquals(before.keySet(), diverging.supernet().store().keySet());
  }

  private static final dev.nas.spaces.nb201.Nb201Space NB201 =
      dev.nas.spaces.nb201.Nb201Space.of(new dev.nas.spaces.nb201.Nb201Macro(4, 1, 10, 32));

  private static SupernetEvaluatorConfig protocol(int recalibration, FewShot fewShot) {
    return new SupernetEvaluatorConfig("cifar10", 0.5, 512, 32, 0, 2, null, null, null, null, null, null, null, null,
        null, 2, recalibration, fewShot);
  }

  @Test
  void fewShotSplitTrainsOneSubSupernetPerValueAndScoresEachChildOnItsOwn() throws java.io.IOException {
    SupernetEvaluator base = (SupernetEvaluator) protocol(0, new FewShot("3<-0", 2)).create(NB201, DATA);
    SupernetEvaluator run = base.forRun(4);
    Architecture conv = NB201.parse("|nor_conv_3x3~0|+|nor_conv_3x3~0|skip_connect~1|+|nor_conv_3x3~0|none~1|nor_conv_3x3~2|");
    Architecture pool = NB201.parse("|nor_conv_3x3~0|+|nor_conv_3x3~0|skip_connect~1|+|avg_pool_3x3~0|none~1|nor_conv_3x3~2|");
    Metrics convScore = run.evaluate(conv, 0);
    Metrics poolScore = run.evaluate(pool, 0);
    Map<String, INDArray> oneShot = copy(run.supernet().store());
    // Without the split, the two children share every weight but the split edge's; with it, the
    // shared cell-0 convolution differs between their sub-supernets.
    SupernetEvaluator unsplit = ((SupernetEvaluator) protocol(0, null).create(NB201, DATA)).forRun(4);
    unsplit.warmUp();
    assertEquals(copy(unsplit.supernet().store()), oneShot, "the split leaves the one-shot weights as warmed up");
    var bytes = new java.io.ByteArrayOutputStream();
    run.saveState(bytes);
    SupernetEvaluator resumed = base.forRun(4);
    resumed.restoreState(new java.io.ByteArrayInputStream(bytes.toByteArray()));
    assertEquals(convScore, resumed.evaluate(conv, 0), "the sub-supernets are checkpointed");
    assertEquals(poolScore, resumed.evaluate(pool, 0));
    var again = new java.io.ByteArrayOutputStream();
    resumed.saveState(again);
    assertTrue(java.util.Arrays.equals(bytes.toByteArray(), again.toByteArray()));
    assertTrue(bytes.size() > 5 * 0.9 * storeBytes(oneShot), "five sub-supernet stores in the checkpoint: " + bytes.size());

    var e = assertThrows(ConfigException.class, () -> protocol(0, new FewShot("9<-0", 2)).create(NB201, DATA));
    assertTrue(e.getMessage().contains("few_shot.gene") && e.getMessage().contains("3<-0"), e.getMessage());
    assertThrows(ConfigException.class, () -> new FewShot("3<-0", 0));
    assertThrows(ConfigException.class, () -> protocol(-1, null));
  }

  private static long storeBytes(Map<String, INDArray> store) {
    return store.values().stream().mapToLong(a -> a.length() * a.dataType().width()).sum();
  }

  @Test
  void bnRecalibrationScoresWithStatisticsReEstimatedPerChild() {
    Architecture a = NB201.parse("|nor_conv_3x3~0|+|nor_conv_3x3~0|skip_connect~1|+|nor_conv_3x3~0|none~1|nor_conv_3x3~2|");
    SupernetEvaluator recalibrated = ((SupernetEvaluator) protocol(3, null).create(NB201, DATA)).forRun(4);
    Metrics first = recalibrated.evaluate(a, 0);
    assertEquals(first, recalibrated.evaluate(a, 0), "re-estimated from the same batches: the same score");
    long estimated = recalibrated.supernet().store().entrySet().stream()
        .filter(e -> e.getKey().endsWith(dev.nas.supernet.ParameterStore.RUNNING_MEAN))
        .filter(e -> e.getValue().sumNumber().doubleValue() != 0).count();
    assertTrue(estimated > 3, "the child's BN statistics were estimated: " + estimated);
  }
}
