package dev.nas.core.grade;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Rank correlations of paired samples, as NASLib and NATS-Bench report them for a search signal
 * against a benchmark's accuracies: Kendall's tau-b and Spearman's rho, both with ties.
 *
 * <p>Written here rather than taken from commons-math3 because nas-core depends on Jackson and
 * Guava only; the tests compare both with commons-math3's {@code KendallsCorrelation} and
 * {@code SpearmansCorrelation} (average ranks for ties, as here).
 */
public final class RankCorrelation {

  private RankCorrelation() {}

  /**
   * Kendall's tau-b: (concordant - discordant) / sqrt((n0 - tiesX) (n0 - tiesY)) over the n0 = n(n-1)/2
   * pairs, where tiesX (tiesY) counts the pairs tied in x (y). Knight's O(n log n) algorithm: sort
   * by x then y, and count the discordant pairs as the inversions a merge sort of y removes (a
   * search of a million trials would take hours pair by pair).
   *
   * @return NaN when it is undefined: fewer than two pairs, or all x (or all y) equal
   */
  public static double kendallTauB(double[] xs, double[] ys) {
    check(xs, ys);
    double[] x = normalized(xs);
    double[] y = normalized(ys);
    int n = x.length;
    if (n < 2) {
      return Double.NaN;
    }
    int[] order = IntStream.range(0, n).boxed()
        .sorted(Comparator.<Integer>comparingDouble(i -> x[i]).thenComparingDouble(i -> y[i]))
        .mapToInt(Integer::intValue).toArray();
    long pairs = (long) n * (n - 1) / 2;
    long tiedX = 0;
    long tiedXY = 0;
    int runX = 1;
    int runXY = 1;
    for (int k = 1; k < n; k++) {
      boolean sameX = x[order[k]] == x[order[k - 1]];
      boolean sameXY = sameX && y[order[k]] == y[order[k - 1]];
      runX = sameX ? runX + 1 : 1;
      runXY = sameXY ? runXY + 1 : 1;
      // A run of t equal values adds t-1 new pairs with its k-th member: t(t-1)/2 in all.
      tiedX += runX - 1;
      tiedXY += runXY - 1;
    }
    double[] yByX = new double[n];
    for (int k = 0; k < n; k++) {
      yByX[k] = y[order[k]];
    }
    long discordant = inversions(yByX, new double[n], 0, n);
    long tiedY = 0;
    int runY = 1;
    for (int k = 1; k < n; k++) {
      runY = yByX[k] == yByX[k - 1] ? runY + 1 : 1;
      tiedY += runY - 1;
    }
    long concordantMinusDiscordant = pairs - tiedX - tiedY + tiedXY - 2 * discordant;
    double denominator = Math.sqrt((double) (pairs - tiedX) * (double) (pairs - tiedY));
    return denominator == 0 ? Double.NaN : concordantMinusDiscordant / denominator;
  }

  /**
   * Spearman's rho: the Pearson correlation of the ranks, tied values sharing their average rank.
   *
   * @return NaN when it is undefined: fewer than two pairs, or all x (or all y) equal
   */
  public static double spearmanRho(double[] x, double[] y) {
    check(x, y);
    if (x.length < 2) {
      return Double.NaN;
    }
    double[] rx = ranks(x);
    double[] ry = ranks(y);
    // Average ranks of 1..n always have the mean (n+1)/2.
    double mean = (x.length + 1) / 2.0;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      double dx = rx[i] - mean;
      double dy = ry[i] - mean;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
    return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
  }

  /** Ranks from 1; equal values share the average of the ranks they span. */
  static double[] ranks(double[] values) {
    double[] v = normalized(values);
    int n = v.length;
    int[] order = IntStream.range(0, n).boxed().sorted(Comparator.comparingDouble(i -> v[i]))
        .mapToInt(Integer::intValue).toArray();
    double[] rank = new double[n];
    int start = 0;
    while (start < n) {
      int end = start;
      while (end + 1 < n && v[order[end + 1]] == v[order[start]]) {
        end++;
      }
      double average = (start + end) / 2.0 + 1;
      for (int k = start; k <= end; k++) {
        rank[order[k]] = average;
      }
      start = end + 1;
    }
    return rank;
  }

  /** Sorts {@code a[from, to)} ascending and returns how many pairs i < j had a[i] > a[j]. */
  private static long inversions(double[] a, double[] scratch, int from, int to) {
    if (to - from < 2) {
      return 0;
    }
    int mid = (from + to) >>> 1;
    long count = inversions(a, scratch, from, mid) + inversions(a, scratch, mid, to);
    int i = from;
    int j = mid;
    int k = from;
    while (i < mid && j < to) {
      if (a[j] < a[i]) {
        count += mid - i; // a[j] is smaller than every element left in the first half
        scratch[k++] = a[j++];
      } else {
        scratch[k++] = a[i++];
      }
    }
    while (i < mid) {
      scratch[k++] = a[i++];
    }
    while (j < to) {
      scratch[k++] = a[j++];
    }
    System.arraycopy(scratch, from, a, from, to - from);
    return count;
  }

  /**
   * The values with -0.0 made 0.0: sorting orders them apart (Double.compare) while ties are found
   * with ==, which must agree.
   */
  private static double[] normalized(double[] v) {
    return Arrays.stream(v).map(d -> d + 0.0).toArray();
  }

  private static void check(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("paired samples differ in length: " + x.length + " and " + y.length);
    }
    if (!Arrays.stream(x).allMatch(Double::isFinite) || !Arrays.stream(y).allMatch(Double::isFinite)) {
      throw new IllegalArgumentException("rank correlations need finite values");
    }
  }
}
