package dev.nas.spaces.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.arch.Architecture;
import dev.nas.spaces.darts.DartsMacro;
import dev.nas.spaces.darts.DartsSpace;
import dev.nas.spaces.nb201.Nb201Space;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The continuous relaxations: reference sizes, and every child's weights inside them. */
class RelaxedNetworkTest {

  @Test
  void dartsSearchNetworkHasTheReferenceParameterCount() {
    // ../shared/bench/torch_ref.py's darts_search_1st case: model_search.Network(C=16, 8 cells), alphas excluded.
    DartsSpace space = new DartsSpace(new DartsMacro(16, 8, 10, 32, false));
    Network relaxed = space.relaxedNetwork();
    assertEquals(1_930_618, relaxed.params());
    long mixed = relaxed.nodes().stream().filter(n -> n.op() instanceof Mixed).count();
    assertEquals(8 * 14, mixed);
    assertEquals(Map.of("alpha.normal", 14, "alpha.reduce", 14),
        space.architectureWeights().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue()[0])));
    relaxed.nodes().stream().filter(n -> n.op() instanceof Mixed).forEach(n -> assertEquals(8, n.inputs().size()));
  }

  @Test
  void everyDartsChildIsASubnetworkOfTheRelaxation() {
    DartsSpace space = new DartsSpace(new DartsMacro(8, 5, 10, 16, false));
    assertChildrenInside(space, 11);
  }

  @Test
  void everyNb201ChildIsASubnetworkOfTheRelaxation() {
    Nb201Space space = Nb201Space.of(new dev.nas.spaces.nb201.Nb201Macro(8, 2, 10, 16));
    Network relaxed = space.relaxedNetwork();
    assertEquals(3 * 2 * 6, relaxed.nodes().stream().filter(n -> n.op() instanceof Mixed).count());
    assertChildrenInside(space, 12);
  }

  /** Each weight-carrying node of a child exists in the relaxation with the same op and input shape. */
  private static void assertChildrenInside(RelaxableSpace space, long seed) {
    Network relaxed = space.relaxedNetwork();
    Map<String, Node> byName = relaxed.nodes().stream().collect(Collectors.toMap(Node::name, Function.identity()));
    SplittableRandom random = new SplittableRandom(seed);
    int checked = 0;
    for (int i = 0; i < 30; i++) {
      Architecture a = space.sample(random);
      Network child = space.network(a);
      for (Node n : child.nodes()) {
        if (!(n.op() instanceof Conv2d || n.op() instanceof Linear) || n.name().contains("#2")) {
          continue;
        }
        Node twin = byName.get(n.name());
        assertTrue(twin != null, space.format(a) + ": " + n.name() + " is not in the relaxation");
        assertEquals(n.op(), twin.op(), n.name());
        assertEquals(child.inputShapes(n), relaxed.inputShapes(twin), n.name());
        checked++;
      }
    }
    assertTrue(checked > 300, "checked " + checked);
  }
}
