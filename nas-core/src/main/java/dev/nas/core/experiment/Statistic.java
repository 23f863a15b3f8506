package dev.nas.core.experiment;

import java.util.Collection;

/** Mean, sample standard deviation (n-1), min and max of a set of values. */
public record Statistic(int n, double mean, double std, double min, double max) {

  public static Statistic of(Collection<Double> values) {
    int n = values.size();
    if (n == 0) {
      return new Statistic(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      sum += v;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    double mean = sum / n;
    double squares = 0;
    for (double v : values) {
      squares += (v - mean) * (v - mean);
    }
    double std = n > 1 ? Math.sqrt(squares / (n - 1)) : 0.0;
    return new Statistic(n, mean, std, min, max);
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "%.3f ± %.3f (n=%d)", mean, std, n);
  }
}
