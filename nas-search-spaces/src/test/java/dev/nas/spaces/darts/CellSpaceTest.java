package dev.nas.spaces.darts;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
      new CellSpaceConfig(List.of("none", "sep_conv_3x3", "skip_connect"), 3, null, null, null, null, null);

  @Override
  protected SearchSpace space() {
    return config.create();
  }

  @Test
  void genesIndexTheDeclaredOps() {
    DartsSpace s = (DartsSpace) config.create();
    assertEquals(2 * 3 * 4, s.genome().length());
    assertEquals(List.of("none", "sep_conv_3x3", "skip_connect"), s.genome().gene(1).values());
    var a = s.parse("Genotype(normal=[('sep_conv_3x3', 0), ('skip_connect', 1), ('sep_conv_3x3', 2), ('none', 0),"
        + " ('skip_connect', 3), ('sep_conv_3x3', 1)], normal_concat=range(2, 5), reduce=[('sep_conv_3x3', 0),"
        + " ('skip_connect', 1), ('sep_conv_3x3', 2), ('none', 0), ('skip_connect', 3), ('sep_conv_3x3', 1)],"
        + " reduce_concat=range(2, 5))");
    assertEquals(1, a.genes()[1]);
    assertEquals("cell", a.space());
    var outside = assertThrows(InvalidArchitectureException.class, () -> s.parse("DARTS_V2"));
    assertTrue(outside.getMessage().contains("4 normal and 4 reduction nodes, the search space 3"), outside.getMessage());
  }

  @Test
  void badDeclarationsNameTheKey() {
    assertEquals("ops[1]", assertThrows(ConfigException.class,
        () -> new CellSpaceConfig(List.of("none", "conv_9x9"), null, null, null, null, null, null)).key());
    assertEquals("ops[1]", assertThrows(ConfigException.class,
        () -> new CellSpaceConfig(List.of("none", "none"), null, null, null, null, null, null)).key());
    assertEquals("ops", assertThrows(ConfigException.class,
        () -> new CellSpaceConfig(List.of("none"), null, null, null, null, null, null)).key());
    assertEquals("nodes", assertThrows(ConfigException.class,
        () -> new CellSpaceConfig(List.of("none", "skip_connect"), 0, null, null, null, null, null)).key());
    assertEquals("ops", assertThrows(ConfigException.class,
        () -> new CellSpaceConfig(null, 2, null, null, null, null, null)).key());
  }

  @Test
  void aNullOpIsAConfigErrorNotANullPointerException() {
    var e = assertThrows(ConfigException.class, () -> new CellSpaceConfig(java.util.Arrays.asList("none", null),
        null, null, null, null, null, null));
    assertEquals("ops[1]", e.key());
    assertTrue(e.getMessage().startsWith("ops[1]: 'null' is not accepted; accepted: none, max_pool_3x3"), e.getMessage());
  }
}
