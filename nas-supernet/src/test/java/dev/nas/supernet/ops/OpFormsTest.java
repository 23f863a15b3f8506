package dev.nas.supernet.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.spaces.chain.ChainMacro;
import dev.nas.spaces.chain.ChainSpace;
import dev.nas.spaces.chain.ChainStage;
import dev.nas.spaces.darts.DartsMacro;
import dev.nas.spaces.darts.DartsSpace;
import dev.nas.spaces.enas.EnasMacro;
import dev.nas.spaces.enas.EnasSpace;
import dev.nas.spaces.nb201.Nb201Macro;
import dev.nas.spaces.nb201.Nb201Space;
import dev.nas.spaces.network.Conv2d;
import dev.nas.spaces.network.Network;
import dev.nas.spaces.network.Node;
import dev.nas.spaces.network.Op;
import dev.nas.supernet.kernels.DilationGrid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** Every op kind has one form, and the arrays the forms declare agree with the spaces' parameter counts. */
class OpFormsTest {

  @Test
  void everyOpKindHasItsForm() {
    Class<?>[] kinds = Op.class.getPermittedSubclasses();
    assertEquals(Arrays.stream(kinds).collect(java.util.stream.Collectors.toSet()), OpForms.kinds());
    for (Class<?> kind : kinds) {
      assertTrue(OpForms.kinds().contains(kind), kind.getSimpleName());
    }
  }

  private static List<Network> networks() {
    List<Network> nets = new ArrayList<>();
    DartsSpace darts = new DartsSpace(new DartsMacro(4, 3, 10, 32, true));
    nets.add(darts.network(darts.parse("DARTS_V2")));
    nets.add(darts.relaxedNetwork());
    Nb201Space nb201 = Nb201Space.of(new Nb201Macro(4, 1, 10, 8));
    nets.add(nb201.network(nb201.parse(
        "|avg_pool_3x3~0|+|nor_conv_1x1~0|none~1|+|nor_conv_3x3~0|skip_connect~1|avg_pool_3x3~2|")));
    nets.add(nb201.relaxedNetwork());
    EnasSpace enas = new EnasSpace(new EnasMacro(4, 8, 10, 8));
    var rng = new java.util.SplittableRandom(7);
    for (int i = 0; i < 3; i++) {
      nets.add(enas.network(enas.sample(rng)));
    }
    ChainSpace chain = new ChainSpace(new ChainMacro(4, List.of(new ChainStage(4, 1), new ChainStage(8, 2)),
        List.of(3, 5, 7), List.of(2, 4), List.of(1, 2, 3), 8, 10, 8));
    for (int i = 0; i < 3; i++) {
      nets.add(chain.network(chain.sample(rng)));
    }
    return nets;
  }

  /**
   * The trainable arrays of each node hold exactly the parameters its op counts (a dilated conv's
   * window counted on its grid only), so exported parameter counts and the store cannot drift apart.
   */
  @Test
  void trainableArraysHoldExactlyTheParametersEachOpCounts() {
    int dilated = 0;
    for (Network net : networks()) {
      for (Node n : net.nodes()) {
        long stored = 0;
        for (StoreArray a : OpForms.arrays(net, n)) {
          if (a.role() != StoreArray.Role.PARAMETER) {
            continue;
          }
          long length = Arrays.stream(a.shape()).reduce(1, Math::multiplyExact);
          if (n.op() instanceof Conv2d c && c.dilation() > 1 && a.name().endsWith(".W")) {
            length = DilationGrid.mask(c.dilation(), a.shape(), DataType.FLOAT).sumNumber().longValue();
            dilated++;
          }
          stored += length;
        }
        assertEquals(n.op().params(net.inputShapes(n)), stored, net.name() + " node " + n.name() + " " + n.op());
      }
    }
    assertTrue(dilated > 0, "no dilated conv was checked");
  }

  /** A relaxation's architecture arrays are its space's architecture weights, with their shapes. */
  @Test
  void architectureArraysAreTheSpacesArchitectureWeights() {
    DartsSpace darts = new DartsSpace(new DartsMacro(4, 3, 10, 8, false));
    Network net = darts.relaxedNetwork();
    Map<String, long[]> declared = new HashMap<>();
    for (StoreArray a : OpForms.arrays(net)) {
      if (a.role() == StoreArray.Role.ARCHITECTURE) {
        declared.put(a.name(), a.shape());
      }
    }
    assertEquals(darts.architectureWeights().keySet(), declared.keySet());
    darts.architectureWeights().forEach((name, shape) -> assertArrayEquals(Arrays.stream(shape).asLongStream().toArray(), declared.get(name), name));
  }
}
