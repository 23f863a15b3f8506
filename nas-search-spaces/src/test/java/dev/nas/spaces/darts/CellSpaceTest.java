package dev.nas.spaces.darts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.arch.InvalidArchitectureException;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.arch.SearchSpaceContract;
import dev.nas.core.config.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A user-declared cell space: three ops, three nodes. */
class CellSpaceTest extends SearchSpaceContract {

  private final CellSpaceConfig config =
      new CellSpaceConfig(List.of("none", "sep_conv_3x3", "skip_connect"), 3, null, null, null, null, null, null);

  @Override
  protected SearchSpace space() {
    return config.create();
  }

  @Test
  void genesIndexTheDeclaredOps() {
    DartsSpace s = (DartsSpace) config.create();
    // Per cell: node 0 two op genes, nodes 1 and 2 an input pair and two op genes.
    assertEquals(2 * (3 * 2 + 2), s.genome().length());
    assertEquals(List.of("none", "sep_conv_3x3", "skip_connect"), s.genome().gene(1).values());
    var a = s.parse("Genotype(normal=[('sep_conv_3x3', 0), ('skip_connect', 1), ('sep_conv_3x3', 2), ('none', 0),"
        + " ('skip_connect', 3), ('sep_conv_3x3', 1)], normal_concat=range(2, 5), reduce=[('sep_conv_3x3', 0),"
        + " ('skip_connect', 1), ('sep_conv_3x3', 2), ('none', 0), ('skip_connect', 3), ('sep_conv_3x3', 1)],"
        + " reduce_concat=range(2, 5))");
    assertEquals(List.of(1, 2), List.of(a.genes()[0], a.genes()[1]));
    assertEquals("cell", a.space());
    var outside = assertThrows(InvalidArchitectureException.class, () -> s.parse("DARTS_V2"));
    assertTrue(outside.getMessage().contains("4 normal and 4 reduction nodes, the search space 3"), outside.getMessage());
  }

  @Test
  void nodesReadTwoDistinctInputsUnlessDistinctInputsIsFalse() {
    DartsSpace s = (DartsSpace) config.create();
    assertTrue(s.distinctInputs());
    String twice = "Genotype(normal=[('sep_conv_3x3', 0), ('skip_connect', 1), ('sep_conv_3x3', 2), ('none', 2),"
        + " ('skip_connect', 3), ('sep_conv_3x3', 1)], normal_concat=range(2, 5), reduce=[('sep_conv_3x3', 0),"
        + " ('skip_connect', 1), ('sep_conv_3x3', 2), ('none', 0), ('skip_connect', 3), ('sep_conv_3x3', 1)],"
        + " reduce_concat=range(2, 5))";
    var e = assertThrows(InvalidArchitectureException.class, () -> s.parse(twice));
    assertEquals("genotype is outside the cell search space: normal node 1 reads input 2 twice; accepted: two distinct"
        + " inputs per node. The space with distinct_inputs: false accepts it; (nas describe/train --genotype accept it.)",
        e.getMessage());
    CellSpaceConfig independent = new CellSpaceConfig(config.ops(), 3, false, null, null, null, null, null);
    DartsSpace legacy = (DartsSpace) independent.create();
    assertFalse(legacy.distinctInputs());
    assertEquals(2 * 3 * 4, legacy.genome().length());
    assertEquals(DartsGenotype.parse(twice), legacy.genotype(legacy.parse(twice)));
    // The ops are sampled as listed, none included; no node of the default reads one input twice.
    java.util.SplittableRandom rng = new java.util.SplittableRandom(4);
    boolean none = false;
    for (int i = 0; i < 500; i++) {
      DartsGenotype g = s.genotype(s.sample(rng));
      none |= g.format().contains("'none'");
      assertTrue(DartsSamplingSpaceTest.inDistinctSpace(g, List.of(DartsOp.NONE, DartsOp.SEP_CONV_3X3,
          DartsOp.SKIP_CONNECT)), g.format());
    }
    assertTrue(none);
  }

  @Test
  void badDeclarationsNameTheKey() {
    assertEquals("ops[1]", assertThrows(ConfigException.class,
        () -> new CellSpaceConfig(List.of("none", "conv_9x9"), null, null, null, null, null, null, null)).key());
    assertEquals("ops[1]", assertThrows(ConfigException.class,
        () -> new CellSpaceConfig(List.of("none", "none"), null, null, null, null, null, null, null)).key());
    assertEquals("ops", assertThrows(ConfigException.class,
        () -> new CellSpaceConfig(List.of("none"), null, null, null, null, null, null, null)).key());
    assertEquals("nodes", assertThrows(ConfigException.class,
        () -> new CellSpaceConfig(List.of("none", "skip_connect"), 0, null, null, null, null, null, null)).key());
    assertEquals("ops", assertThrows(ConfigException.class,
        () -> new CellSpaceConfig(null, 2, null, null, null, null, null, null)).key());
  }

  @Test
  void aNullOpIsAConfigErrorNotANullPointerException() {
    var e = assertThrows(ConfigException.class, () -> new CellSpaceConfig(java.util.Arrays.asList("none", null),
        null, null, null, null, null, null, null));
    assertEquals("ops[1]", e.key());
    assertTrue(e.getMessage().startsWith("ops[1]: 'null' is not accepted; accepted: none, max_pool_3x3"), e.getMessage());
  }
}
