package dev.nas.spaces.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.arch.InvalidArchitectureException;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.arch.SearchSpaceContract;
import dev.nas.core.config.ConfigException;
import dev.nas.spaces.network.Network;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainSpaceTest extends SearchSpaceContract {

  private final ChainSpace space = new ChainSpace(ChainMacro.DEFAULT);

  @Override
  protected SearchSpace space() {
    return space;
  }

  private static final ChainMacro TINY = new ChainMacro(4, List.of(new ChainStage(4, 1), new ChainStage(8, 2)),
      List.of(3, 5), List.of(1, 2), List.of(1, 2), 16, 10, 8);

  @Test
  void tinyNetworkParamsAndFlopsMatchAHandCount() {
    ChainSpace tiny = new ChainSpace(TINY);
    Network n = tiny.network(tiny.parse("k3e1d2-k5e2d1"));
    // stem 116; stage 0: two blocks of 68 (no expansion, residual); stage 1: 344; head 160 + 170.
    assertEquals(116 + 68 + 68 + 344 + 160 + 170, n.params());
    // stem 6912; stage 0: 2 x 3328; stage 1: 2048 + 3200 + 1024; head 2048; linear 170.
    assertEquals(6912 + 2 * 3328 + 6272 + 2048 + 170, n.flops());
    assertEquals(2, n.nodes().stream().filter(x -> x.name().endsWith(".residual")).count());
  }

  @Test
  void defaultSpaceHasThreeChoicesPerStage() {
    assertEquals(15, space.genome().length());
    assertEquals(BigInteger.valueOf(3 * 2 * 3).pow(5), space.size());
    assertEquals("k3e6d2-k5e3d4-k7e6d3-k3e3d2-k5e6d4", space.format(space.parse("k3e6d2-k5e3d4-k7e6d3-k3e3d2-k5e6d4")));
  }

  @Test
  void badArchsAndSettingsAreNamed() {
    var stages = assertThrows(InvalidArchitectureException.class, () -> space.parse("k3e6d2"));
    assertTrue(stages.getMessage().contains("has 1 stage(s), the space 5"), stages.getMessage());
    var value = assertThrows(InvalidArchitectureException.class, () -> space.parse("k3e6d2-k5e3d4-k9e6d3-k3e3d2-k5e6d4"));
    assertTrue(value.getMessage().contains("stage 2 has kernel 9; accepted [3, 5, 7]"), value.getMessage());
    var form = assertThrows(InvalidArchitectureException.class, () -> space.parse("k3e6d2-k5e3-k7e6d3-k3e3d2-k5e6d4"));
    assertTrue(form.getMessage().contains("stage 1 'k5e3' is not of the form"), form.getMessage());
    assertEquals("kernels[1]", assertThrows(ConfigException.class, () -> new ChainSpaceConfig(null, null,
        List.of(3, 4), null, null, null, null, null)).key());
    assertEquals("stride", assertThrows(ConfigException.class, () -> new ChainStage(16, 3)).key());
  }

  @Test
  void fuzzFoundNumbersPastIntRangeAndLongInputsAreRefusedBriefly() {
    // Found by ParserFuzzTest: Integer.parseInt threw a NumberFormatException on 12 digits.
    var big = assertThrows(InvalidArchitectureException.class,
        () -> space.parse("k599999999999e6d2-k7e6d3-k3e3d3-k5e3d4-k7e3d2"));
    assertEquals("chain arch stage 0 has kernel '599999999999'; accepted [3, 5, 7]", big.getMessage());
    // ... and echoed a 1 MB stage whole.
    var huge = assertThrows(InvalidArchitectureException.class,
        () -> space.parse("k3e6d2-k5e3d4-k7e6d3-k3e3d2-k5e" + "k".repeat(1 << 20)));
    assertTrue(huge.getMessage().length() < 300, huge.getMessage().length() + " characters");
    assertTrue(huge.getMessage().contains("(1048579 characters) is not of the form"), huge.getMessage());
    // A stray '-' at the end is an empty sixth stage, not ignored.
    var trailing = assertThrows(InvalidArchitectureException.class,
        () -> space.parse("k3e6d2-k5e3d4-k7e6d3-k3e3d2-k5e6d4-"));
    assertTrue(trailing.getMessage().contains("has 6 stage(s), the space 5"), trailing.getMessage());
  }

  @Test
  void nullListElementsAreConfigErrorsNotNullPointerExceptions() {
    var stage = assertThrows(ConfigException.class, () -> new ChainSpaceConfig(null,
        java.util.Arrays.asList(new ChainStage(16, 1), null), null, null, null, null, null, null));
    assertEquals("stages[1]: 'null' is not accepted; accepted: a stage {channels: C, stride: 1|2}", stage.getMessage());
    var kernel = assertThrows(ConfigException.class, () -> new ChainSpaceConfig(null, null,
        java.util.Arrays.asList(3, null), null, null, null, null, null));
    assertEquals("kernels[1]: 'null' is not accepted; accepted: an odd integer >= 1 and <= 31", kernel.getMessage());
  }
}
