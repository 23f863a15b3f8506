package dev.nas.spaces.darts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.arch.Architecture;
import dev.nas.core.arch.InvalidArchitectureException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The {@code darts} space as sampling methods search it (issue 18): two distinct inputs per node,
 * 7 ops without {@code none}, one genome per cell.
 */
class DartsSamplingSpaceTest {

  private final DartsSpace space = new DartsSpace(DartsMacro.SEARCH);

  static final List<DartsOp> SEVEN = List.of(DartsOp.MAX_POOL_3X3, DartsOp.AVG_POOL_3X3, DartsOp.SKIP_CONNECT,
      DartsOp.SEP_CONV_3X3, DartsOp.SEP_CONV_5X5, DartsOp.DIL_CONV_3X3, DartsOp.DIL_CONV_5X5);

  /** Whether every node reads two different inputs and every edge's op is one of {@code ops}. */
  static boolean inDistinctSpace(DartsGenotype g, List<DartsOp> ops) {
    for (List<DartsGenotype.Edge> cell : List.of(g.normal(), g.reduce())) {
      for (int node = 0; node < cell.size() / 2; node++) {
        DartsGenotype.Edge a = cell.get(2 * node);
        DartsGenotype.Edge b = cell.get(2 * node + 1);
        if (a.input() == b.input() || !ops.contains(a.op()) || !ops.contains(b.op())) {
          return false;
        }
      }
    }
    return true;
  }

  @Test
  void theSpaceSamplesSevenOpsAndItsRelaxationKeepsAllEight() {
    assertEquals(SEVEN, space.ops());
    assertTrue(space.distinctInputs());
    assertEquals(DartsOp.searchLabels(), space.candidates());
    assertEquals(8, space.architectureWeights().get("alpha.normal")[1]);
    // Node 0 has no input choice; nodes 1..3 one pair gene each; two op genes per node.
    assertEquals(2 * (4 * 2 + 3), space.genome().length());
    assertEquals(List.of("c_{k-2}+c_{k-1}", "c_{k-2}+node0", "c_{k-1}+node0", "c_{k-2}+node1", "c_{k-1}+node1",
        "node0+node1"), space.genome().genes().stream().filter(g -> g.name().equals("normal.node2.inputs")).findFirst()
        .orElseThrow().values());
  }

  @Test
  void tenThousandSamplesHaveNoNoneAndNoRepeatedInputAndCoverEveryOpAndPair() {
    SplittableRandom rng = new SplittableRandom(2024);
    // [cell][node][pair index] and [cell][node][edge][op]
    int[][][] pairs = new int[2][DartsSpace.NODES][10];
    int[][][][] ops = new int[2][DartsSpace.NODES][2][DartsOp.values().length];
    int samples = 10_000;
    for (int i = 0; i < samples; i++) {
      DartsGenotype g = space.genotype(space.sample(rng));
      assertTrue(inDistinctSpace(g, SEVEN), g.format());
      assertFalse(g.format().contains("none"), g.format());
      List<List<DartsGenotype.Edge>> cells = List.of(g.normal(), g.reduce());
      for (int c = 0; c < 2; c++) {
        for (int node = 0; node < DartsSpace.NODES; node++) {
          DartsGenotype.Edge lo = cells.get(c).get(2 * node);
          DartsGenotype.Edge hi = cells.get(c).get(2 * node + 1);
          assertTrue(lo.input() < hi.input() && hi.input() < node + 2, g.format());
          pairs[c][node][CellGenome.pairIndex(lo.input(), hi.input())]++;
          ops[c][node][0][lo.op().ordinal()]++;
          ops[c][node][1][hi.op().ordinal()]++;
        }
      }
    }
    for (int c = 0; c < 2; c++) {
      for (int node = 0; node < DartsSpace.NODES; node++) {
        int choices = (node + 2) * (node + 1) / 2;
        for (int p = 0; p < 10; p++) {
          if (p < choices) {
            // Every pair of the node's inputs, uniformly: within 15% of samples / choices (>= 1,000).
            assertTrue(Math.abs(pairs[c][node][p] - samples / choices) < 0.15 * samples / choices,
                "cell " + c + " node " + node + " pair " + Arrays.toString(CellGenome.pair(p)) + ": " + pairs[c][node][p]);
          } else {
            assertEquals(0, pairs[c][node][p], "node " + node + " has only " + choices + " input pairs");
          }
        }
        for (int e = 0; e < 2; e++) {
          assertEquals(0, ops[c][node][e][DartsOp.NONE.ordinal()]);
          for (DartsOp op : SEVEN) {
            int n = ops[c][node][e][op.ordinal()];
            assertTrue(Math.abs(n - samples / 7) < 0.15 * samples / 7,
                "cell " + c + " node " + node + " edge " + e + " " + op.label() + ": " + n);
          }
        }
      }
    }
  }

  @Test
  void mutationStaysInTheSpaceAndChangesExactlyOneDecision() {
    SplittableRandom rng = new SplittableRandom(99);
    Architecture parent = space.sample(rng);
    int opChanges = 0;
    Set<String> moves = new HashSet<>();
    int steps = 10_000;
    for (int i = 0; i < steps; i++) {
      Architecture child = space.mutate(parent, rng);
      space.validate(child);
      DartsGenotype p = space.genotype(parent);
      DartsGenotype c = space.genotype(child);
      assertTrue(inDistinctSpace(c, SEVEN), c.format());
      int[] pg = parent.genes();
      int[] cg = child.genes();
      List<Integer> changed = new ArrayList<>();
      for (int g = 0; g < pg.length; g++) {
        if (pg[g] != cg[g]) {
          changed.add(g);
        }
      }
      assertEquals(1, changed.size(), p.format() + " -> " + c.format());
      int gene = changed.get(0);
      String name = space.genome().gene(gene).name();
      if (name.endsWith(".inputs")) {
        // A hidden-state mutation: one of the node's two inputs replaced by another, the other kept.
        int[] before = CellGenome.pair(pg[gene]);
        int[] after = CellGenome.pair(cg[gene]);
        Set<Integer> kept = new HashSet<>(List.of(before[0], before[1]));
        kept.retainAll(Set.of(after[0], after[1]));
        assertEquals(1, kept.size(), name + ": " + Arrays.toString(before) + " -> " + Arrays.toString(after));
        moves.add(name + " " + Arrays.toString(before) + " -> " + Arrays.toString(after));
      } else {
        // An op mutation: the cells differ in exactly one edge, which keeps its input.
        assertTrue(name.matches("(normal|reduce)\\.node\\d\\.op[01]"), name);
        int differ = 0;
        for (int e = 0; e < p.normal().size(); e++) {
          for (List<List<DartsGenotype.Edge>> both : List.of(List.of(p.normal(), c.normal()), List.of(p.reduce(), c.reduce()))) {
            DartsGenotype.Edge x = both.get(0).get(e);
            DartsGenotype.Edge y = both.get(1).get(e);
            if (!x.equals(y)) {
              differ++;
              assertEquals(x.input(), y.input());
            }
          }
        }
        assertEquals(1, differ, p.format() + " -> " + c.format());
        opChanges++;
      }
      parent = child;
    }
    // 16 of the 22 genes are ops, 6 are input pairs; each gene is as likely to be the one changed.
    assertTrue(Math.abs(opChanges - steps * 16 / 22) < 300, opChanges + " op changes");
    // Every one-input move of every node is made: node 1, 3 pairs x 2 moves; node 2, 6 x 4; node 3, 10 x 6.
    assertEquals(2 * (3 * 2 + 6 * 4 + 10 * 6), moves.size());
  }

  @Test
  void canonicalFormIsInvariantUnderSwappingANodesTwoEdges() {
    SplittableRandom rng = new SplittableRandom(21);
    for (int i = 0; i < 2_000; i++) {
      Architecture a = space.sample(rng);
      DartsGenotype g = space.genotype(a);
      List<DartsGenotype.Edge> normal = new ArrayList<>(g.normal());
      List<DartsGenotype.Edge> reduce = new ArrayList<>(g.reduce());
      int node = rng.nextInt(DartsSpace.NODES);
      Collections.swap(rng.nextBoolean() ? normal : reduce, 2 * node, 2 * node + 1);
      DartsGenotype swapped = new DartsGenotype(normal, g.normalConcat(), reduce, g.reduceConcat());
      assertNotEquals(g, swapped);
      // One genome per cell: the swapped text is the same architecture, not merely the same hash.
      Architecture back = space.parse(swapped.format());
      assertEquals(a, back, swapped.format());
      assertEquals(a.canonical(), back.canonical());
      assertEquals(a.hash(), back.hash());
    }
  }

  @Test
  void edgeOrderMakesTwoGenomesOnlyInTheLegacySpace() {
    String text = DartsGenotypes.resolve("DARTS_V2").format();
    String swapped = text.replaceFirst("\\[\\('sep_conv_3x3', 0\\), \\('sep_conv_3x3', 1\\),",
        "[('sep_conv_3x3', 1), ('sep_conv_3x3', 0),");
    assertNotEquals(text, swapped);
    assertEquals(space.parse(text), space.parse(swapped));
    DartsSpace legacy = DartsSpace.legacy(DartsMacro.SEARCH);
    assertNotEquals(legacy.parse(text), legacy.parse(swapped));
    assertEquals(legacy.parse(text).hash(), legacy.parse(swapped).hash());
    assertEquals(space.parse(text).hash(), legacy.parse(text).hash(), "one cell, one canonical form, either layout");
  }

  @Test
  void sizeIsTheNasBench301Count() {
    // Per cell, node i picks an unordered pair of its i + 2 inputs, C(i+2, 2), and one of 7 ops on
    // each of its two edges: (1 * 3 * 6 * 10) * 7^8 = 180 * 5,764,801 = 1,037,664,180 cells.
    long cell = 1;
    for (int i = 0; i < DartsSpace.NODES; i++) {
      cell *= (long) (i + 2) * (i + 1) / 2 * 7 * 7;
    }
    assertEquals(1_037_664_180L, cell);
    // Normal and reduction cell: 1,076,746,950,455,072,400 (about 1.08e18: NAS-Bench-301's "10^18").
    assertEquals(BigInteger.valueOf(cell).pow(2), space.size());
    assertEquals(new BigInteger("1076746950455072400"), space.size());
    assertEquals(space.genome().count(), space.size());
    assertThrows(UnsupportedOperationException.class, space::enumerate);
  }

  @Test
  void everyGenomeIsADifferentCellAndTheCellsAreTheLegacyOnesWithDistinctInputs() {
    // A small cell space (2 ops, 3 nodes), its normal cell enumerated: every genome of the distinct
    // layout is another cell, and they are exactly the independent layout's cells whose nodes read
    // two different inputs.
    List<DartsOp> ops = List.of(DartsOp.SKIP_CONNECT, DartsOp.SEP_CONV_3X3);
    DartsMacro macro = new DartsMacro(4, 3, 10, 8, false);
    DartsSpace distinct = new DartsSpace("cell", macro, ops, 3, true);
    DartsSpace independent = new DartsSpace("cell", macro, ops, 3, false);
    // Per cell: node 0, 2 x 2 ops; node 1, 3 pairs x 2 x 2; node 2, 6 pairs x 2 x 2: 1,152.
    assertEquals(BigInteger.valueOf(1_152).pow(2), distinct.size());
    Set<String> cells = new HashSet<>();
    forEachNormalCell(distinct, a -> assertTrue(cells.add(normalPart(a))));
    assertEquals(1_152, cells.size());
    Set<String> legacyCells = new HashSet<>();
    forEachNormalCell(independent, a -> {
      DartsGenotype g = independent.genotype(a);
      if (inDistinctSpace(new DartsGenotype(g.normal(), g.normalConcat(), g.normal(), g.normalConcat()), ops)) {
        legacyCells.add(normalPart(a));
      }
    });
    assertEquals(cells, legacyCells);
  }

  private static String normalPart(Architecture a) {
    return a.canonical().substring(0, a.canonical().indexOf(" reduce:"));
  }

  /** Calls {@code action} with every architecture whose reduction-cell genes are 0, in odometer order. */
  private static void forEachNormalCell(DartsSpace s, Consumer<Architecture> action) {
    int[] genes = new int[s.genome().length()];
    int last = genes.length / 2 - 1;
    while (true) {
      action.accept(s.decode(genes));
      int i = last;
      while (i >= 0 && ++genes[i] == s.genome().gene(i).cardinality()) {
        genes[i--] = 0;
      }
      if (i < 0) {
        return;
      }
    }
  }

  @Test
  void tenThousandSamplesRoundTripThroughGenomeAndGenotypeText() {
    SplittableRandom rng = new SplittableRandom(5150);
    for (int i = 0; i < 10_000; i++) {
      Architecture a = space.sample(rng);
      assertEquals(a, space.decode(a.genes()));
      assertEquals(a, space.decode(space.encode(a)));
      String text = space.format(a);
      assertEquals(text, DartsGenotype.parse(text).format());
      Architecture back = space.parse(text);
      assertEquals(a, back, text);
      assertEquals(a.hash(), back.hash());
    }
  }

  @Test
  void genotypesWithNoneOrARepeatedInputAreRefusedNamingWhereAndWhatIsAccepted() {
    String v2 = DartsGenotypes.resolve("DARTS_V2").format();
    String withNone = v2.replaceFirst("\\('sep_conv_3x3', 1\\)", "('none', 1)");
    var none = assertThrows(InvalidArchitectureException.class, () -> space.parse(withNone));
    assertEquals("genotype is outside the darts search space: it uses 'none' (normal node 0); accepted ops:"
        + " max_pool_3x3, avg_pool_3x3, skip_connect, sep_conv_3x3, sep_conv_5x5, dil_conv_3x3, dil_conv_5x5"
        + " (none is a candidate of the relaxation only). The space with legacy_sampling: true accepts it;"
        + " (nas describe/train --genotype accept it.)", none.getMessage());
    // Reduce node 1 of DARTS_V2 reads inputs 2 and 1; make it read 2 twice.
    String twice = v2.replace("reduce=[('max_pool_3x3', 0), ('max_pool_3x3', 1), ('skip_connect', 2), ('max_pool_3x3', 1)",
        "reduce=[('max_pool_3x3', 0), ('max_pool_3x3', 1), ('skip_connect', 2), ('max_pool_3x3', 2)");
    assertNotEquals(v2, twice);
    var repeat = assertThrows(InvalidArchitectureException.class, () -> space.parse(twice));
    assertEquals("genotype is outside the darts search space: reduce node 1 reads input 2 twice; accepted: two distinct"
        + " inputs per node. The space with legacy_sampling: true accepts it; (nas describe/train --genotype accept it.)",
        repeat.getMessage());
    String both = twice.replaceFirst("\\('sep_conv_3x3', 1\\)", "('none', 1)");
    var two = assertThrows(InvalidArchitectureException.class, () -> space.parse(both));
    assertTrue(two.getMessage().contains("it uses 'none' (normal node 0)")
        && two.getMessage().contains("; reduce node 1 reads input 2 twice; accepted: two distinct inputs per node."),
        two.getMessage());
    // The legacy space takes them, and so does the genotype path that nas describe/train --genotype use.
    DartsSpace legacy = DartsSpace.legacy(DartsMacro.SEARCH);
    for (String text : List.of(withNone, twice, both)) {
      assertEquals(DartsGenotype.parse(text), legacy.genotype(legacy.parse(text)));
      assertTrue(space.genotypeNetwork(text).params() > 0);
    }
    // No legacy hint where the legacy space refuses too (NASNet: 5 nodes, other ops).
    var nasnet = assertThrows(InvalidArchitectureException.class, () -> space.parse("NASNet"));
    assertFalse(nasnet.getMessage().contains("legacy_sampling"), nasnet.getMessage());
    assertTrue(nasnet.getMessage().contains("normal node 1 reads input 0 twice"), nasnet.getMessage());
  }

  @Test
  void publishedGenotypes() {
    // DARTS_V1 and V2 (derived by DARTS: two distinct inputs, no none) lie in the space and keep
    // their cells; NASNet and AmoebaNet (5 nodes, other ops, nodes reading one input twice) do
    // not, and build through the genotype path (nas describe/train --genotype) as before.
    for (String name : List.of("DARTS_V1", "DARTS_V2", "DARTS")) {
      DartsGenotype published = DartsGenotypes.resolve(name);
      assertTrue(inDistinctSpace(published, SEVEN), name);
      Architecture a = space.parse(name);
      assertEquals(space.describeGenotype(name).get("canonical"),
          space.describeGenotype(space.format(a)).get("canonical"), name);
      assertEquals(space.genotypeNetwork(name).params(), space.network(a).params(), name);
    }
    for (String name : List.of("NASNet", "AmoebaNet")) {
      assertFalse(inDistinctSpace(DartsGenotypes.resolve(name), Arrays.asList(DartsOp.values())), name);
      assertThrows(InvalidArchitectureException.class, () -> space.parse(name));
      assertTrue(space.genotypeNetwork(name).params() > 0, name);
    }
  }

  @Test
  void anArchitectureOfTheOtherLayoutIsRefusedNamingTheSetting() {
    DartsSpace legacy = DartsSpace.legacy(DartsMacro.SEARCH);
    Architecture old = legacy.parse("DARTS_V2");
    var e = assertThrows(InvalidArchitectureException.class, () -> space.validate(old));
    assertTrue(e.getMessage().startsWith("architecture of space 'darts' has the genes of the space with"
        + " legacy_sampling: true (one input gene per edge"), e.getMessage());
    var back = assertThrows(InvalidArchitectureException.class, () -> legacy.validate(space.parse("DARTS_V2")));
    assertTrue(back.getMessage().contains("legacy_sampling: false"), back.getMessage());
  }
}
