package dev.nas.spaces.darts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.arch.Architecture;
import dev.nas.core.arch.InvalidArchitectureException;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.arch.SearchSpaceContract;
import dev.nas.core.config.ConfigException;
import dev.nas.spaces.network.Network;
import dev.nas.spaces.network.TensorShape;
import org.junit.jupiter.api.Test;

class DartsSpaceTest extends SearchSpaceContract {

  private final DartsSpace space = new DartsSpace(DartsMacro.SEARCH);

  @Override
  protected SearchSpace space() {
    return space;
  }

  private static long params(String genotype, int channels, int layers, boolean auxiliary) {
    return new DartsSpace(new DartsMacro(channels, layers, 10, 32, auxiliary)).describeGenotype(genotype).get("params") instanceof Long l
        ? l : -1;
  }

  @Test
  void dartsV2EvaluationNetworkHasTheReferenceParameterCount() {
    // The reference code's count_parameters_in_MB (auxiliary head excluded) prints 3.349342 for
    // DARTS_V2 at C=36, 20 cells; ../shared/bench/torch_ref.py --check asserts the same figure,
    // and 246,106 for C=16, 8 cells without the auxiliary head.
    assertEquals(3_349_342L, params("DARTS_V2", 36, 20, true));
    assertEquals(3_349_342L, params("DARTS_V2", 36, 20, false));
    assertEquals(246_106L, params("DARTS_V2", 16, 8, false));
    assertEquals(params("DARTS_V2", 36, 20, true), params("DARTS", 36, 20, true));
  }

  @Test
  void auxiliaryHeadIsCountedSeparately() {
    var facts = new DartsSpace(new DartsMacro(36, 20, 10, 32, true)).describeGenotype("DARTS_V2");
    long aux = (Long) facts.get("params_with_auxiliary") - (Long) facts.get("params");
    // ReLU, avg-pool, conv1x1 C'->128, BN 128, conv2x2 128->768, BN 768, linear 768->10, with C' = 576.
    assertEquals(576L * 128 + 256 + 128L * 768 * 4 + 1536 + 768L * 10 + 10, aux);
  }

  @Test
  void everyPublishedGenotypeRoundTripsAndBuilds() {
    for (String name : DartsGenotypes.names()) {
      DartsGenotype g = DartsGenotypes.resolve(name);
      assertEquals(g, DartsGenotype.parse(g.format()), name);
      Network n = DartsNetwork.build(g, new DartsMacro(36, 20, 10, 32, true), name);
      assertEquals(new TensorShape(10, 1, 1), n.outputShape(), name);
      assertTrue(n.params() > 2_000_000 && n.params() < 5_000_000, name + " " + n.params());
    }
    assertEquals(5, DartsGenotypes.resolve("NASNet").normalNodes());
    assertEquals(java.util.List.of(3, 4, 6), DartsGenotypes.resolve("AmoebaNet").reduceConcat());
    assertEquals(DartsOp.CONV_7X1_1X7, DartsGenotypes.resolve("AmoebaNet").reduce().get(8).op());
  }

  @Test
  void formatUsesRangeForContiguousConcats() {
    String text = DartsGenotypes.resolve("DARTS_V2").format();
    assertTrue(text.startsWith("Genotype(normal=[('sep_conv_3x3', 0), ('sep_conv_3x3', 1),"), text);
    assertTrue(text.contains("normal_concat=range(2, 6)") && text.endsWith("reduce_concat=range(2, 6))"), text);
    assertTrue(DartsGenotypes.resolve("AmoebaNet").format().contains("reduce_concat=[3, 4, 6]"));
  }

  @Test
  void searchSpaceAcceptsDartsGenotypesAndRejectsOthersWithTheReason() {
    Architecture v2 = space.parse("DARTS_V2");
    // The same cells; each node's edges in the space's order (the lower input first).
    assertEquals(space.describeGenotype("DARTS_V2").get("canonical"),
        space.describeGenotype(space.format(v2)).get("canonical"));
    var e = assertThrows(InvalidArchitectureException.class, () -> space.parse("NASNet"));
    assertTrue(e.getMessage().contains("5 normal and 5 reduction nodes"), e.getMessage());
    assertTrue(e.getMessage().contains("sep_conv_7x7"), e.getMessage());
  }

  @Test
  void theLongestOutsideTheSpaceMessageStaysShort() {
    // Every problem at once: 10 nodes per cell, 10-state concats, an op the space lacks.
    String edges = "('conv_7x1_1x7', 0), ".repeat(20);
    String concat = "[11, 10, 9, 8, 7, 6, 5, 4, 3, 2]";
    String text = "Genotype(normal=[" + edges + "], normal_concat=" + concat + ", reduce=[" + edges
        + "], reduce_concat=" + concat + ")";
    var e = assertThrows(InvalidArchitectureException.class, () -> space.parse(text));
    assertTrue(e.getMessage().contains("10 normal and 10 reduction nodes"), e.getMessage());
    assertTrue(e.getMessage().contains("it uses 'conv_7x1_1x7'"), e.getMessage());
    assertTrue(e.getMessage().length() < 500, e.getMessage().length() + " characters: " + e.getMessage());
  }

  @Test
  void badMacroSettingsNameTheKey() {
    assertEquals("channels", assertThrows(ConfigException.class, () -> new DartsMacro(15, 8, 10, 32, true)).key());
    assertEquals("layers", assertThrows(ConfigException.class, () -> new DartsMacro(16, 2, 10, 32, true)).key());
    assertEquals("auxiliary", assertThrows(ConfigException.class, () -> new DartsMacro(16, 8, 10, 16, true)).key());
  }
}
