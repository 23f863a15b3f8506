package dev.nas.spaces.enas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.arch.InvalidArchitectureException;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.arch.SearchSpaceContract;
import dev.nas.spaces.network.Network;
import dev.nas.spaces.network.TensorShape;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class EnasSpaceTest extends SearchSpaceContract {

  private final EnasSpace space = new EnasSpace(EnasMacro.SEARCH);

  @Override
  protected SearchSpace space() {
    return space;
  }

  @Test
  void genomeIsOpsAndSkipBitsLayerByLayer() {
    assertEquals(12 + 66, space.genome().length());
    assertEquals("layer0.op", space.genome().gene(0).name());
    assertEquals("layer2.skip1", space.genome().gene(5).name());
    assertEquals(BigInteger.valueOf(6).pow(12).multiply(BigInteger.TWO.pow(66)), space.size());
  }

  @Test
  void tinyNetworkParamsMatchAHandCount() {
    EnasSpace tiny = new EnasSpace(new EnasMacro(3, 4, 10, 8));
    // layer 0 conv 3x3; layer 1 sep conv 3x3, no skip; layer 2 avg pool, skips from 0 and 1.
    Network n = tiny.network(tiny.parse("0 1 0 4 1 1"));
    // stem 116, layer0 176, reduction of 2 outputs 96, layer1 248, reduction of 3 outputs 480,
    // layer2 320, linear without bias 160 (see EnasNetwork for the layer recipe).
    assertEquals(116 + 176 + 96 + 248 + 480 + 320 + 160, n.params());
    assertEquals(new TensorShape(10, 1, 1), n.outputShape());
    assertTrue(n.nodes().stream().anyMatch(x -> x.name().equals("layer2.sum") && x.inputs().size() == 3));
  }

  @Test
  void referenceFinalArcPrefixParsesAndBuilds() {
    // The first 12 layers of the reference code's cifar10_macro_final.sh fixed_arc.
    String arc = "0 3 0 0 1 0 2 0 0 1 2 0 0 0 0 3 1 1 0 1 0 2 0 0 0 0 0 1 2 0 1 1 0 1 1 1 1 0 1 1 1 0 1 0 1"
        + " 0 0 0 0 0 0 0 0 0 0 2 0 0 0 0 0 1 0 0 0 0 0 1 0 0 1 1 0 0 0 0 1 1";
    var a = space.parse(arc);
    assertEquals(arc, space.format(a));
    assertEquals(EnasOp.SEP_CONV_5X5, new EnasSpace.Layers(a.genes()).op(1));
    assertTrue(space.network(a).params() > 1_000_000);
  }

  @Test
  void badArcsNameTheNumberAndTheGene() {
    var count = assertThrows(InvalidArchitectureException.class, () -> space.parse("0 1 2"));
    assertTrue(count.getMessage().contains("has 3 numbers; 12 layers need 78"), count.getMessage());
    String bad = "0 6" + " 0".repeat(76);
    var op = assertThrows(InvalidArchitectureException.class, () -> space.parse(bad));
    assertTrue(op.getMessage().contains("number 2 ('6') is layer1.op; accepted 0..5"), op.getMessage());
    String skip = "0 0 2" + " 0".repeat(75);
    var bit = assertThrows(InvalidArchitectureException.class, () -> space.parse(skip));
    assertTrue(bit.getMessage().contains("is layer1.skip0; accepted 0..1"), bit.getMessage());
  }

  @Test
  void fuzzFoundLongTokensAreQuotedCutShort() {
    // Found by ParserFuzzTest: a 1 MB number was echoed whole, and "+1" or 2^31 went through Integer.parseInt.
    String arc = space.format(space.sample(new java.util.SplittableRandom(1)));
    String huge = "0" + "9".repeat(1 << 20) + arc.substring(1);
    var e = assertThrows(InvalidArchitectureException.class, () -> space.parse(huge));
    assertTrue(e.getMessage().length() < 300, e.getMessage().length() + " characters");
    assertTrue(e.getMessage().startsWith("ENAS macro arc: number 1 ('0" + "9".repeat(39) + "...' (1048577 characters))"
        + " is layer0.op; accepted 0..5"), e.getMessage());
    var plus = assertThrows(InvalidArchitectureException.class, () -> space.parse("+1" + arc.substring(1)));
    assertTrue(plus.getMessage().startsWith("ENAS macro arc: number 1 ('+1') is layer0.op"), plus.getMessage());
  }
}
