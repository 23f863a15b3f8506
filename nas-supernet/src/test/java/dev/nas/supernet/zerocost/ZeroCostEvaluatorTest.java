package dev.nas.supernet.zerocost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.arch.Architecture;
import dev.nas.core.config.ConfigException;
import dev.nas.core.config.DataConfig;
import dev.nas.core.data.DataRoot;
import dev.nas.core.eval.Metrics;
import dev.nas.spaces.nb201.Nb201Macro;
import dev.nas.spaces.nb201.Nb201Space;
import dev.nas.supernet.eval.EvaluationData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZeroCostEvaluatorTest {

  private static final Nb201Space SPACE = Nb201Space.of(new Nb201Macro(4, 1, 10, 32));
  private static final DataRoot DATA = DataRoot.resolve(DataConfig.defaults());
  private static final Architecture GOOD = SPACE.parse("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|");
  private static final Architecture POOR = SPACE.parse("|avg_pool_3x3~0|+|none~0|avg_pool_3x3~1|+|none~0|none~1|skip_connect~2|");

  /** Loaded once: reading the CIFAR-10 sample costs more than scoring these small networks. */
  private static final EvaluationData IMAGES = EvaluationData.load("cifar10", DATA, SPACE, 0.5, 0);

  private static ZeroCostEvaluator evaluator(List<String> proxy, long seed) {
    ZeroCostEvaluatorConfig config = new ZeroCostEvaluatorConfig(proxy, null, 8, null, null, 4);
    return new ZeroCostEvaluator(SPACE, IMAGES, ZeroCostEvaluatorConfig.proxies(config.proxy()), 8,
        ZeroCostEvaluatorConfig.dataType(config.dtype()), 4, 0).forRun(seed);
  }

  @Test
  void createdFromItsConfigForASpaceWithNetworks() {
    assertEquals("ensemble", new ZeroCostEvaluatorConfig(null, null, 8, null, null, 4).create(SPACE, DATA).signalMetric());
  }

  @Test
  void sameRunSeedSameScoresWhateverTheTrialSeedOrOrder() {
    ZeroCostEvaluator a = evaluator(List.of("ensemble"), 3);
    Metrics good = a.evaluate(GOOD, 1);
    Metrics poor = a.evaluate(POOR, 2);
    ZeroCostEvaluator b = evaluator(List.of("ensemble"), 3);
    assertEquals(poor, b.evaluate(POOR, 99), "a fresh evaluator, other order and trial seed");
    assertEquals(good, b.evaluate(GOOD, 98));
    assertEquals(good, a.evaluate(GOOD, 5), "scored again");
    assertEquals(List.of("flops", "synflow", "jacob_cov", "ensemble").stream().sorted().toList(),
        good.values().keySet().stream().sorted().toList());
    assertEquals(good.signal(), good.value(ZeroCostEvaluator.ENSEMBLE));
    assertTrue(good.signal() <= 0, "a sum of log-percentiles");
    assertTrue(good.signal() > poor.signal(), good + " vs " + poor);
    assertNotEquals(good, evaluator(List.of("ensemble"), 4).evaluate(GOOD, 1), "another run seed: another batch");
  }

  @Test
  void singleProxyIsTheSignal() {
    ZeroCostEvaluator e = evaluator(List.of("naswot"), 0);
    Metrics m = e.evaluate(GOOD, 0);
    assertEquals("naswot", e.signalMetric());
    assertEquals(Map.of("naswot", m.signal()), m.values());
    assertEquals(SPACE.network(GOOD).params(), evaluator(List.of("params"), 0).evaluate(GOOD, 0).signal());
  }

  @Test
  void theReferenceSampleIsStateThatRestoresExactly() throws IOException {
    ZeroCostEvaluator first = evaluator(List.of("synflow", "naswot"), 8);
    double score = first.evaluate(GOOD, 0).signal();
    ByteArrayOutputStream saved = new ByteArrayOutputStream();
    first.saveState(saved);
    ZeroCostEvaluator restored = evaluator(List.of("synflow", "naswot"), 8);
    restored.restoreState(new ByteArrayInputStream(saved.toByteArray()));
    assertEquals(first.aggregation(), restored.aggregation());
    assertEquals(score, restored.evaluate(GOOD, 0).signal(), 0);
    ByteArrayOutputStream again = new ByteArrayOutputStream();
    restored.saveState(again);
    assertArrayEquals(saved.toByteArray(), again.toByteArray());
  }

  @Test
  void badSettingsNameTheKeyAndTheAcceptedValues() {
    ConfigException unknown = assertThrows(ConfigException.class,
        () -> new ZeroCostEvaluatorConfig(List.of("synflw"), null, null, null, null, null));
    assertTrue(unknown.getMessage().contains("proxy") && unknown.getMessage().contains("synflw")
        && unknown.getMessage().contains("jacob_cov"), unknown.getMessage());
    ConfigException batch = assertThrows(ConfigException.class,
        () -> new ZeroCostEvaluatorConfig(null, null, 0, null, null, null));
    assertTrue(batch.getMessage().contains("batch_size"), batch.getMessage());
    assertThrows(ConfigException.class, () -> new ZeroCostEvaluatorConfig(null, null, 1, null, null, null));
    ConfigException dtype = assertThrows(ConfigException.class,
        () -> new ZeroCostEvaluatorConfig(null, null, null, null, "half", null));
    assertTrue(dtype.getMessage().contains("float or double"), dtype.getMessage());
    assertThrows(ConfigException.class, () -> new ZeroCostEvaluatorConfig(null, null, null, null, null, 1));
    assertThrows(ConfigException.class,
        () -> new ZeroCostEvaluatorConfig(List.of("snip", "snip"), null, null, null, null, null));
    assertThrows(ConfigException.class, () -> new ZeroCostEvaluatorConfig(null, "mnist", null, null, null, null));
  }

  @Test
  void aggregationRanksByEveryProxyAndStaysFiniteInTheTails() {
    RankAggregation aggregation = new RankAggregation(Map.of(Proxy.NASWOT, new RankAggregation.Spread(10, 2),
        Proxy.FLOPS, new RankAggregation.Spread(Math.log(1000), 1)));
    double median = aggregation.score(Map.of(Proxy.NASWOT, 10.0, Proxy.FLOPS, 1000.0));
    assertEquals(2 * Math.log(0.5), median, 1e-12);
    assertTrue(aggregation.score(Map.of(Proxy.NASWOT, 12.0, Proxy.FLOPS, 1000.0)) > median);
    double singular = aggregation.score(Map.of(Proxy.NASWOT, Double.NEGATIVE_INFINITY, Proxy.FLOPS, 1000.0));
    assertTrue(Double.isFinite(singular) && singular < -400, "log Phi(-30) is about -454: " + singular);
    assertEquals(Math.log(0.8413447460685429), RankAggregation.logPhi(1), 1e-12);
    double[] sorted = {1, 2, 4, 8};
    assertEquals(3, RankAggregation.quantile(sorted, 0.5), 1e-12, "numpy's linear interpolation");
    assertEquals(1.75, RankAggregation.quantile(sorted, 0.25), 1e-12);
    assertEquals(5, RankAggregation.quantile(sorted, 0.75), 1e-12);
    // A far outlier moves neither the median nor the quartiles: the others keep their spread.
    RankAggregation robust = RankAggregation.of(List.of(Proxy.NASWOT), List.of(Map.of(Proxy.NASWOT, 1.0),
        Map.of(Proxy.NASWOT, 2.0), Map.of(Proxy.NASWOT, 3.0), Map.of(Proxy.NASWOT, 4.0), Map.of(Proxy.NASWOT, -1e9)));
    assertEquals(new RankAggregation.Spread(2, 2 / RankAggregation.NORMAL_IQR), robust.reference().get(Proxy.NASWOT));
  }

  /** Every space with networks, the DARTS one with its auxiliary head: every proxy measures, finite. */
  @Test
  void everyProxyOnEverySpaceWithNetworks() {
    List<dev.nas.spaces.network.NetworkSpace> spaces = List.of(SPACE,
        new dev.nas.spaces.darts.DartsSpace(new dev.nas.spaces.darts.DartsMacro(4, 3, 10, 32, true)),
        new dev.nas.spaces.enas.EnasSpace(new dev.nas.spaces.enas.EnasMacro(3, 4, 10, 32)),
        new dev.nas.spaces.chain.ChainSpace(new dev.nas.spaces.chain.ChainMacro(4, List.of(
            new dev.nas.spaces.chain.ChainStage(4, 1), new dev.nas.spaces.chain.ChainStage(8, 2)), List.of(3, 5),
            List.of(2, 3), List.of(1, 2), 8, 10, 32)));
    List<Proxy> all = List.of(Proxy.values());
    for (dev.nas.spaces.network.NetworkSpace space : spaces) {
      ZeroCostEvaluator e = new ZeroCostEvaluator(space, IMAGES, all, 8, org.nd4j.linalg.api.buffer.DataType.FLOAT, 2,
          0).forRun(1);
      Architecture a = space.sample(new java.util.SplittableRandom(3));
      Map<Proxy, Double> m = e.measure(a);
      for (Proxy p : all) {
        assertTrue(Double.isFinite(m.get(p)), space.id() + " " + p + ": " + m);
      }
      assertEquals(space.network(a).params(), m.get(Proxy.PARAMS), space.id());
      assertTrue(m.get(Proxy.SYNFLOW) > 0 && m.get(Proxy.SNIP) > 0 && m.get(Proxy.GRAD_NORM) > 0, space.id() + ": " + m);
    }
  }
}
