package dev.nas.spaces.darts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CellGenomeTest {

  @Test
  void pairsAreNumberedInColexOrderSoThatANodesPairsStartTheNextOnes() {
    int[][] expected = {{0, 1}, {0, 2}, {1, 2}, {0, 3}, {1, 3}, {2, 3}, {0, 4}, {1, 4}, {2, 4}, {3, 4}};
    for (int i = 0; i < expected.length; i++) {
      assertArrayEquals(expected[i], CellGenome.pair(i));
      assertEquals(i, CellGenome.pairIndex(expected[i][0], expected[i][1]));
      assertEquals(i, CellGenome.pairIndex(expected[i][1], expected[i][0]));
    }
    for (int states = 2; states <= 12; states++) {
      assertEquals(states * (states - 1) / 2, CellGenome.pairCount(states));
      for (int hi = 1; hi < states; hi++) {
        for (int lo = 0; lo < hi; lo++) {
          int index = CellGenome.pairIndex(lo, hi);
          assertArrayEquals(new int[] {lo, hi}, CellGenome.pair(index));
          assertEquals(true, index < CellGenome.pairCount(states));
        }
      }
    }
  }
}
