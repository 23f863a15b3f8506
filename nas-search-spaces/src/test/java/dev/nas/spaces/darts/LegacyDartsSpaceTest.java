package dev.nas.spaces.darts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.arch.Architecture;
import dev.nas.core.arch.Gene;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.arch.SearchSpaceContract;
import java.math.BigInteger;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@code space: {type: darts, legacy_sampling: true}}: the darts space as it was before issue 18,
 * genome, sampling, mutation and hashes included.
 */
class LegacyDartsSpaceTest extends SearchSpaceContract {

  private final DartsSpace space = DartsSpace.legacy(DartsMacro.SEARCH);

  @Override
  protected SearchSpace space() {
    return space;
  }

  @Test
  void theGenomeIsTheOldOne() {
    assertEquals(32, space.genome().length());
    assertEquals(List.of("normal.node0.in0", "normal.node0.op0", "normal.node0.in1", "normal.node0.op1"),
        space.genome().genes().subList(0, 4).stream().map(Gene::name).toList());
    assertEquals(DartsOp.searchLabels(), space.genome().gene(1).values());
    assertEquals(List.of("c_{k-2}", "c_{k-1}", "node0", "node1", "node2"), space.genome().gene(28).values());
    // Per cell: inputs 2*2 * 3*3 * 4*4 * 5*5 and ops 8^8; two cells.
    BigInteger cell = BigInteger.valueOf(2L * 2 * 3 * 3 * 4 * 4 * 5 * 5).multiply(BigInteger.valueOf(8).pow(8));
    assertEquals(cell.pow(2), space.size());
    assertEquals(new BigInteger("58366651170721628160000"), space.size());
    assertEquals(space.candidates(), new DartsSpace(DartsMacro.SEARCH).candidates(), "the same relaxation");
  }

  @Test
  void samplingAndMutationAreTheOldOnes() {
    // Hashes of what the darts space gave before issue 18 for these seeds (commit 4e0a9ca).
    SplittableRandom rng = new SplittableRandom(42);
    Architecture first = space.sample(rng);
    assertEquals("Genotype(normal=[('max_pool_3x3', 0), ('none', 0), ('dil_conv_5x5', 2), ('dil_conv_3x3', 2),"
        + " ('sep_conv_3x3', 1), ('dil_conv_3x3', 3), ('sep_conv_5x5', 1), ('skip_connect', 3)], normal_concat=range(2, 6),"
        + " reduce=[('avg_pool_3x3', 1), ('max_pool_3x3', 0), ('skip_connect', 1), ('avg_pool_3x3', 2),"
        + " ('dil_conv_5x5', 0), ('sep_conv_3x3', 0), ('sep_conv_3x3', 3), ('none', 4)], reduce_concat=range(2, 6))",
        space.format(first));
    assertEquals(List.of("52a5ce7ba77bff62", "4da6afc7975cfa57", "3d9ee5fdc6eae639"),
        List.of(first.hash(), space.sample(rng).hash(), space.sample(rng).hash()));
    Architecture a = space.sample(new SplittableRandom(7));
    SplittableRandom m = new SplittableRandom(8);
    List<String> mutated = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      a = space.mutate(a, m);
      mutated.add(a.hash());
    }
    assertEquals(List.of("ae45c79ec779c956", "ec413c8e095aff58", "e7dadc9c4bf2c258"), mutated);
  }

  @Test
  void itTakesNoneAndRepeatedInputs() {
    // Node 3 of DARTS_V2's normal cell reading input 0 twice, once through none.
    Architecture a = space.parse(DartsGenotypes.resolve("DARTS_V2").format().replace("('dil_conv_3x3', 2)", "('none', 0)"));
    assertTrue(space.format(a).contains("('skip_connect', 0), ('none', 0)"), space.format(a));
  }
}
