package dev.nas.spaces.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nas.spaces.darts.DartsMacro;
import dev.nas.spaces.darts.DartsSpace;
import dev.nas.spaces.nb201.Nb201Space;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Discretisation of architecture weights as the DARTS and NB201 reference codes derive cells. */
class DeriveTest {

  private final DartsSpace darts = new DartsSpace(new DartsMacro(16, 8, 10, 32, false));

  /** Every row: {@code none} strongest (0.6), the rest small; then the given ops strengthened. */
  private static double[][] rows(int rows, int candidates) {
    double[][] w = new double[rows][candidates];
    for (double[] row : w) {
      Arrays.fill(row, 0.4 / (candidates - 1));
      row[0] = 0.6;
    }
    return w;
  }

  @Test
  void dartsKeepsTheTwoStrongestInputsPerNodeIgnoringNone() {
    // Ops: 0 none, 1 max_pool, 2 avg_pool, 3 skip, 4 sep3, 5 sep5, 6 dil3, 7 dil5.
    double[][] normal = rows(14, 8);
    double[][] reduce = rows(14, 8);
    // Node 0 (rows 0, 1): both inputs; the stronger (row 1, skip 0.3) comes first.
    normal[0][4] = 0.2;
    normal[1][3] = 0.3;
    // Node 1 (rows 2..4): inputs 2 (sep5 0.25) and 0 (dil3 0.21); input 1 loses with 0.2.
    normal[2][6] = 0.21;
    normal[3][1] = 0.2;
    normal[4][5] = 0.25;
    // Node 2 (rows 5..8): a tie between rows 6 and 8 (0.3) goes to the earlier edge first.
    normal[8][7] = 0.3;
    normal[6][2] = 0.3;
    // Node 3 (rows 9..13): inputs 4 and 3.
    normal[13][4] = 0.5;
    normal[12][5] = 0.4;
    reduce[0][1] = 0.3;
    reduce[1][1] = 0.2;
    reduce[2][2] = 0.3;
    reduce[3][2] = 0.2;
    reduce[6][3] = 0.3;
    reduce[5][4] = 0.2;
    reduce[9][5] = 0.3;
    reduce[10][6] = 0.2;
    Map<String, double[][]> weights = Map.of("alpha.normal", normal, "alpha.reduce", reduce);
    // The legacy space keeps each node's edges in the reference code's order, the stronger first.
    DartsSpace legacy = DartsSpace.legacy(new DartsMacro(16, 8, 10, 32, false));
    assertEquals("Genotype(normal=[('skip_connect', 1), ('sep_conv_3x3', 0), ('sep_conv_5x5', 2), ('dil_conv_3x3', 0),"
        + " ('avg_pool_3x3', 1), ('dil_conv_5x5', 3), ('sep_conv_3x3', 4), ('sep_conv_5x5', 3)], normal_concat=range(2, 6),"
        + " reduce=[('max_pool_3x3', 0), ('max_pool_3x3', 1), ('avg_pool_3x3', 0), ('avg_pool_3x3', 1),"
        + " ('skip_connect', 1), ('sep_conv_3x3', 0), ('sep_conv_5x5', 0), ('dil_conv_3x3', 1)], reduce_concat=range(2, 6))",
        legacy.format(legacy.derive(weights)));
    // The darts space derives the same cells (same hash), each node's edges lower input first.
    var derived = darts.derive(weights);
    assertEquals("Genotype(normal=[('sep_conv_3x3', 0), ('skip_connect', 1), ('dil_conv_3x3', 0), ('sep_conv_5x5', 2),"
        + " ('avg_pool_3x3', 1), ('dil_conv_5x5', 3), ('sep_conv_5x5', 3), ('sep_conv_3x3', 4)], normal_concat=range(2, 6),"
        + " reduce=[('max_pool_3x3', 0), ('max_pool_3x3', 1), ('avg_pool_3x3', 0), ('avg_pool_3x3', 1),"
        + " ('sep_conv_3x3', 0), ('skip_connect', 1), ('sep_conv_5x5', 0), ('dil_conv_3x3', 1)], reduce_concat=range(2, 6))",
        darts.format(derived));
    assertEquals(legacy.derive(weights).hash(), derived.hash());
  }

  @Test
  void dartsDerivesCellsOfTheSamplingSpaceWhateverTheWeights() {
    // The relaxation has none among its 8 candidates; what it derives has none nowhere and two
    // distinct inputs per node, so it decodes in the 7-op darts space (decode would throw otherwise).
    assertEquals(8, darts.candidates().size());
    java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
    for (int i = 0; i < 1_000; i++) {
      double[][] normal = new double[14][8];
      double[][] reduce = new double[14][8];
      for (double[][] w : List.of(normal, reduce)) {
        for (double[] row : w) {
          for (int k = 0; k < row.length; k++) {
            row[k] = rng.nextDouble() * (k == 0 ? 3 : 1);
          }
        }
      }
      var derived = darts.derive(Map.of("alpha.normal", normal, "alpha.reduce", reduce));
      darts.validate(derived);
      String text = darts.format(derived);
      assertEquals(false, text.contains("none"), text);
      assertEquals(derived, darts.parse(text));
    }
  }

  @Test
  void nb201TakesTheStrongestOpOfEveryEdgeNoneIncluded() {
    double[][] w = rows(6, 5);
    w[1][3] = 0.7;
    w[2][1] = 0.61;
    w[5][4] = 0.9;
    var derived = Nb201Space.instance().derive(Map.of("alpha.cell", w));
    assertEquals("|none~0|+|nor_conv_3x3~0|skip_connect~1|+|none~0|none~1|avg_pool_3x3~2|",
        Nb201Space.instance().format(derived));
  }

  @Test
  void edgeLabelsNameEveryRow() {
    List<String> edges = darts.edges("alpha.normal");
    assertEquals(14, edges.size());
    assertEquals("node0<-c_{k-2}", edges.get(0));
    assertEquals("node3<-node2", edges.get(13));
    assertEquals(List.of("none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"),
        Nb201Space.instance().candidates());
  }
}
