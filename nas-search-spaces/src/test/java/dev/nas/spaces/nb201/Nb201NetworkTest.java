package dev.nas.spaces.nb201;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.arch.Architecture;
import dev.nas.spaces.network.Network;
import dev.nas.spaces.network.TensorShape;
import org.junit.jupiter.api.Test;

class Nb201NetworkTest {

  @Test
  void paramsAndFlopsEqualTheTableForEveryCellAndDataset() {
    Nb201Table table = Nb201Table.load(SharedData.root());
    for (Nb201Dataset d : Nb201Dataset.values()) {
      Nb201Space space = Nb201Space.of(Nb201Macro.of(d));
      int checked = 0;
      for (int i = 0; i < Nb201Space.SIZE; i++) {
        Network n = space.network(space.byIndex(i));
        Nb201Record r = table.record(i, d);
        // The table has 6 decimals of millions: equal counts differ by at most half a unit.
        assertEquals(r.paramsM(), n.params() / 1e6, 5.1e-7, d.id() + " params of index " + i);
        assertEquals(r.flopsM(), n.flops() / 1e6, 5.1e-7, d.id() + " flops of index " + i);
        checked++;
      }
      assertEquals(Nb201Space.SIZE, checked);
    }
  }

  @Test
  void shapesFollowTheThreeStages() {
    Nb201Space space = Nb201Space.instance();
    Network n = space.network(space.byIndex(6111));
    assertEquals(new TensorShape(3, 32, 32), n.inputShape());
    assertEquals(new TensorShape(10, 1, 1), n.outputShape());
    assertTrue(n.nodes().stream().anyMatch(x -> x.name().startsWith("stage2.cell4") && x.shape().equals(new TensorShape(64, 8, 8))));
  }

  @Test
  void describeGivesIndexParamsFlopsAndLayers() {
    Nb201Space space = Nb201Space.instance();
    Architecture a = space.byIndex(0);
    var facts = space.describe(a);
    assertEquals(0, facts.get("index"));
    // nb201/README.md: index 0 has 0.129306 M params and 15.64737 MFLOPs on CIFAR-10.
    assertEquals(129_306L, facts.get("params"));
    assertEquals(15_647_370L, facts.get("flops"));
    assertTrue(((java.util.List<?>) facts.get("layers")).size() > 10);
  }
}
