package dev.nas.core.objective;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Pareto dominance and the hypervolume indicator over points given as "larger is better" vectors
 * (see {@link Goal#better}).
 */
public final class ParetoFront {

  private ParetoFront() {}

  /** Whether {@code a} is at least as good as {@code b} everywhere and better somewhere. */
  public static boolean dominates(double[] a, double[] b) {
    boolean better = false;
    for (int i = 0; i < a.length; i++) {
      if (a[i] < b[i]) {
        return false;
      }
      better |= a[i] > b[i];
    }
    return better;
  }

  /** Indices of the non-dominated points, in input order; of equal points only the first. */
  public static List<Integer> nonDominated(List<double[]> points) {
    List<Integer> front = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      boolean dominated = false;
      for (int j = 0; j < points.size() && !dominated; j++) {
        dominated = j != i && (dominates(points.get(j), points.get(i))
            || (j < i && Arrays.equals(points.get(j), points.get(i))));
      }
      if (!dominated) {
        front.add(i);
      }
    }
    return front;
  }

  /**
   * The volume dominated by {@code points} and bounded by {@code reference} (all "larger is
   * better"; points not better than the reference in every coordinate add nothing). Exact, by
   * slicing along the last coordinate (HSO): fine for the few objectives and small fronts of a
   * search.
   */
  public static double hypervolume(List<double[]> points, double[] reference) {
    List<double[]> useful = new ArrayList<>();
    for (double[] p : points) {
      boolean above = true;
      for (int i = 0; i < p.length; i++) {
        above &= p[i] > reference[i];
      }
      if (above) {
        useful.add(p);
      }
    }
    return slice(useful, reference, reference.length);
  }

  private static double slice(List<double[]> points, double[] reference, int dims) {
    if (points.isEmpty()) {
      return 0;
    }
    if (dims == 1) {
      return points.stream().mapToDouble(p -> p[0]).max().orElseThrow() - reference[0];
    }
    int d = dims - 1;
    List<double[]> sorted = new ArrayList<>(points);
    sorted.sort(Comparator.comparingDouble((double[] p) -> p[d]).reversed());
    double volume = 0;
    for (int i = 0; i < sorted.size(); i++) {
      double top = sorted.get(i)[d];
      double bottom = i + 1 < sorted.size() ? sorted.get(i + 1)[d] : reference[d];
      if (top > bottom) {
        volume += (top - bottom) * slice(sorted.subList(0, i + 1), reference, d);
      }
    }
    return volume;
  }
}
