package dev.nas.core.grade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.junit.jupiter.api.Test;

class RankCorrelationTest {

  @Test
  void withoutTiesByHand() {
    double[] x = {1, 2, 3, 4, 5};
    double[] y = {3, 1, 2, 5, 4};
    // Pairs: 7 concordant, 3 discordant ((1,2), (1,3), (4,5)): tau = (7 - 3) / 10.
    assertEquals(0.4, RankCorrelation.kendallTauB(x, y), 1e-15);
    // Rank differences -2, 1, 1, -1, 1: rho = 1 - 6 * 8 / (5 * 24).
    assertEquals(0.6, RankCorrelation.spearmanRho(x, y), 1e-15);
  }

  @Test
  void withTiesByHand() {
    double[] x = {1, 1, 2, 3};
    double[] y = {1, 2, 2, 3};
    // 6 pairs: 4 concordant, none discordant, one tied in x only, one tied in y only:
    // tau-b = 4 / sqrt((6 - 1) * (6 - 1)).
    assertEquals(0.8, RankCorrelation.kendallTauB(x, y), 1e-15);
    // Average ranks 1.5 1.5 3 4 and 1 2.5 2.5 4: Pearson 3.75 / 4.5.
    assertArrayEquals(new double[] {1.5, 1.5, 3, 4}, RankCorrelation.ranks(x));
    assertArrayEquals(new double[] {1, 2.5, 2.5, 4}, RankCorrelation.ranks(y));
    assertEquals(5.0 / 6, RankCorrelation.spearmanRho(x, y), 1e-15);
    // A pair tied in both counts in neither direction: 2 concordant of 3, 1 tied in x and y.
    assertEquals(1.0, RankCorrelation.kendallTauB(new double[] {1, 1, 2}, new double[] {5, 5, 6}), 1e-15);
    // -0.0 and 0.0 are one value.
    assertEquals(0.8, RankCorrelation.kendallTauB(new double[] {-0.0, 0.0, 2, 3}, y), 1e-15);
  }

  @Test
  void reversedOrderIsMinusOneAndOrderAloneMatters() {
    double[] x = {0.1, 0.5, 0.7, 2.0, 9.0};
    double[] y = {50, 40, 30, 20, 10};
    assertEquals(-1.0, RankCorrelation.kendallTauB(x, y), 1e-15);
    assertEquals(-1.0, RankCorrelation.spearmanRho(x, y), 1e-15);
    double[] monotone = {Math.exp(0.1), Math.exp(0.5), Math.exp(0.7), Math.exp(2), Math.exp(9)};
    assertEquals(1.0, RankCorrelation.kendallTauB(x, monotone), 1e-15);
    assertEquals(1.0, RankCorrelation.spearmanRho(x, monotone), 1e-15);
  }

  @Test
  void undefinedIsNaNAndBadInputIsRefused() {
    assertTrue(Double.isNaN(RankCorrelation.kendallTauB(new double[] {1}, new double[] {2})));
    assertTrue(Double.isNaN(RankCorrelation.spearmanRho(new double[0], new double[0])));
    assertTrue(Double.isNaN(RankCorrelation.kendallTauB(new double[] {1, 2, 3}, new double[] {4, 4, 4})));
    assertTrue(Double.isNaN(RankCorrelation.spearmanRho(new double[] {7, 7, 7}, new double[] {1, 2, 3})));
    assertThrows(IllegalArgumentException.class,
        () -> RankCorrelation.kendallTauB(new double[] {1, 2}, new double[] {1}));
    assertThrows(IllegalArgumentException.class,
        () -> RankCorrelation.spearmanRho(new double[] {1, Double.NaN}, new double[] {1, 2}));
  }

  /** Random samples, many ties (values from a few levels) and none, against commons-math3 and pair by pair. */
  @Test
  void equalsCommonsMathAndTheDefinitionOnRandomData() {
    SplittableRandom rng = new SplittableRandom(18);
    for (int round = 0; round < 300; round++) {
      int n = 2 + rng.nextInt(round < 250 ? 60 : 3000);
      int levels = round % 3 == 0 ? 0 : 1 + rng.nextInt(8);
      double[] x = new double[n];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = levels == 0 ? rng.nextDouble() : rng.nextInt(levels);
        // Correlated with x in about half of the rounds, so values near -1, 0 and 1 all occur.
        double noise = levels == 0 ? rng.nextGaussian() : rng.nextInt(levels);
        y[i] = round % 2 == 0 ? noise : x[i] * (round % 4 == 1 ? 1 : -1) + 0.3 * noise;
      }
      double tau = RankCorrelation.kendallTauB(x, y);
      double rho = RankCorrelation.spearmanRho(x, y);
      String what = "round " + round + ", n " + n + ", levels " + levels;
      if (Double.isNaN(tau)) {
        assertTrue(Double.isNaN(pairwiseTauB(x, y)), what);
        continue;
      }
      assertEquals(new KendallsCorrelation().correlation(x, y), tau, 1e-12, what);
      assertEquals(pairwiseTauB(x, y), tau, 1e-12, what);
      assertEquals(new SpearmansCorrelation().correlation(x, y), rho, 1e-12, what);
    }
  }

  /** Tau-b from its definition, pair by pair. */
  private static double pairwiseTauB(double[] x, double[] y) {
    long concordant = 0;
    long discordant = 0;
    long tiedX = 0;
    long tiedY = 0;
    long pairs = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = i + 1; j < x.length; j++) {
        pairs++;
        double s = Math.signum(x[i] - x[j]) * Math.signum(y[i] - y[j]);
        concordant += s > 0 ? 1 : 0;
        discordant += s < 0 ? 1 : 0;
        tiedX += x[i] == x[j] ? 1 : 0;
        tiedY += y[i] == y[j] ? 1 : 0;
      }
    }
    return (concordant - discordant) / Math.sqrt((double) (pairs - tiedX) * (pairs - tiedY));
  }
}
