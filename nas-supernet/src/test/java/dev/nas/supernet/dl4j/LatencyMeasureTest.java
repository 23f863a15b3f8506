package dev.nas.supernet.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.config.ConfigLoader;
import dev.nas.spaces.nb201.Nb201Macro;
import dev.nas.spaces.nb201.Nb201Space;
import org.junit.jupiter.api.Test;

class LatencyMeasureTest {

  private final Nb201Space space = Nb201Space.of(new Nb201Macro(4, 1, 10, 16));

  @Test
  void measuresTheBatchOneForwardPassOfTheStandaloneModel() {
    LatencyMeasure m = new LatencyMeasure(space, 1, 5);
    double convs = m.measure(space.parse("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|"));
    assertTrue(convs > 0 && convs < 10_000, "latency " + convs + " ms");
    assertEquals("latency_ms", m.name());
  }

  @Test
  void everyNetworkSpaceOffersParamsFlopsAndLatency() {
    var measures = ConfigLoader.withInstalledTypes().measures(space);
    assertEquals(java.util.Set.of("params", "flops", "latency_ms"), measures.keySet());
    var arch = space.parse("|nor_conv_1x1~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|");
    assertEquals(space.network(arch).params(), measures.get("params").measure(arch));
    assertEquals(space.network(arch).flops(), measures.get("flops").measure(arch));
  }
}
