package dev.nas.core.eval;

import java.util.List;

/**
 * The budgets a {@link MultiFidelityEvaluator} can evaluate at, in its {@code unit} (training
 * epochs, supernet steps): any integer from {@code min} to {@code max}, or only the values of
 * {@code grid} when the evaluator has a fixed set (a table with 12- and 200-epoch columns).
 *
 * @param grid the available values, ascending; empty when every integer in range is available
 */
public record Fidelities(String unit, int min, int max, List<Integer> grid) {

  public Fidelities {
    grid = List.copyOf(grid);
    if (min < 1 || max < min) {
      throw new IllegalArgumentException("fidelities need 1 <= min <= max, got " + min + ".." + max);
    }
    for (int i = 0; i < grid.size(); i++) {
      if (grid.get(i) < min || grid.get(i) > max || (i > 0 && grid.get(i) <= grid.get(i - 1))) {
        throw new IllegalArgumentException("fidelity grid " + grid + " must be ascending within " + min + ".." + max);
      }
    }
  }

  /** Every integer from {@code min} to {@code max}. */
  public static Fidelities range(String unit, int min, int max) {
    return new Fidelities(unit, min, max, List.of());
  }

  /** Only these values (ascending). */
  public static Fidelities grid(String unit, List<Integer> values) {
    return new Fidelities(unit, values.get(0), values.get(values.size() - 1), values);
  }

  public boolean contains(int fidelity) {
    return grid.isEmpty() ? fidelity >= min && fidelity <= max : grid.contains(fidelity);
  }

  /**
   * The largest available fidelity not above {@code budget} (and never below {@code min}): how a
   * scheduler's ideal budget, e.g. 200/9 epochs, becomes one the evaluator has. A budget within
   * 1e-9 of an available value counts as that value, so R·η^-s·η^s lands on R.
   */
  public int atMost(double budget) {
    if (grid.isEmpty()) {
      return (int) Math.max(min, Math.min(max, Math.floor(budget + 1e-9)));
    }
    int chosen = grid.get(0);
    for (int g : grid) {
      if (g <= budget + 1e-9) {
        chosen = g;
      }
    }
    return chosen;
  }

  @Override
  public String toString() {
    return (grid.isEmpty() ? min + ".." + max : grid.toString()) + " " + unit;
  }
}
