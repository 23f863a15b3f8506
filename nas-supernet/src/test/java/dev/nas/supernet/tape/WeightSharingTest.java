package dev.nas.supernet.tape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.spaces.darts.DartsMacro;
import dev.nas.spaces.darts.DartsSpace;
import dev.nas.spaces.network.Network;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Two children over one store share the weights of the ops they have in common: a training step
 * on child A changes exactly A's weights, and thereby the output of child B where they overlap.
 */
class WeightSharingTest {

  private static final String A = "DARTS_V2";
  /** DARTS_V2 with node 3's second edge changed: every other op is shared with A. */
  private static final String B = "Genotype(normal=[('sep_conv_3x3', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 0),"
      + " ('sep_conv_3x3', 1), ('sep_conv_3x3', 1), ('skip_connect', 0), ('skip_connect', 0), ('sep_conv_5x5', 2)],"
      + " normal_concat=range(2, 6), reduce=[('max_pool_3x3', 0), ('max_pool_3x3', 1), ('skip_connect', 2),"
      + " ('max_pool_3x3', 1), ('max_pool_3x3', 0), ('skip_connect', 2), ('skip_connect', 2), ('max_pool_3x3', 1)],"
      + " reduce_concat=range(2, 6))";

  @Test
  void aStepOnOneChildMovesOnlyItsWeightsAndTheOtherChildSeesThem() {
    DartsSpace space = new DartsSpace(new DartsMacro(4, 3, 10, 8, false));
    Network a = space.network(space.parse(A));
    Network b = space.network(space.parse(B));
    Map<String, INDArray> store = new HashMap<>();
    TapeNetwork childA = new TapeNetwork(a, store, 1, DataType.DOUBLE);
    Set<String> ofA = new HashSet<>(store.keySet());
    TapeNetwork childB = new TapeNetwork(b, store, 1, DataType.DOUBLE);
    Set<String> onlyB = new HashSet<>(store.keySet());
    onlyB.removeAll(ofA);
    Map<String, INDArray> before = new HashMap<>();
    store.forEach((k, v) -> before.put(k, v.dup()));

    INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 3, 8, 8);
    INDArray y = Nd4j.zeros(DataType.DOUBLE, 4, 10);
    y.putScalar(0, 1, 1.0);
    y.putScalar(1, 2, 1.0);
    y.putScalar(2, 3, 1.0);
    y.putScalar(3, 4, 1.0);
    // B runs in evaluation mode, so that only A's step can change the store.
    childB.training(false).forward(x, null);
    INDArray outB = childB.logits().dup();

    childA.forward(x, y);
    Map<String, INDArray> grads = childA.backward();
    grads.forEach((k, g) -> store.get(k).subi(g.mul(0.1)));
    assertTrue(ofA.containsAll(grads.keySet()));

    assertTrue(grads.keySet().stream().anyMatch(k -> k.contains("dil_conv_3x3")), "A has its own dilated conv");
    assertTrue(onlyB.stream().noneMatch(k -> k.contains("dil_conv_3x3")), "B has no dilated conv");
    assertTrue(onlyB.stream().anyMatch(k -> k.contains("sep_conv_5x5")), "B has its own sep conv 5x5: " + onlyB);
    for (String k : grads.keySet()) {
      if (grads.get(k).norm2Number().doubleValue() > 0) {
        assertNotEquals(before.get(k), store.get(k), k + " should have moved");
      }
    }
    for (String k : onlyB) {
      assertEquals(before.get(k), store.get(k), k + " is not A's and must not move");
    }
    childB.forward(x, null);
    assertNotEquals(outB, childB.logits(), "B shares A's updated weights, so its output changes");
    assertTrue(grads.size() < store.size(), "the store holds more than A's weights");
  }
}
