package dev.nas.strategies.hyperband;

import dev.nas.core.eval.Fidelities;
import java.util.ArrayList;
import java.util.List;

/**
 * The brackets of Hyperband (Li et al., JMLR 2018, Algorithm 1) for budgets from {@code min} to
 * {@code max}: with R = max/min and s_max = floor(log_η R), bracket s (from s_max down to 0)
 * starts n = ceil((s_max+1)/(s+1)·η^s) candidates at max·η^(−s) and keeps floor(n·η^(−i)) of them
 * at rung i, budget max·η^(i−s). Budgets are then mapped onto what the evaluator has
 * ({@link Fidelities#atMost}): on a table with 12- and 200-epoch columns and η = 3, the rungs of
 * 200/9 and 200/3 epochs both become 12, and a promotion between them reuses the score.
 *
 * @param brackets bracket s_max first; each a list of rungs, smallest budget first
 */
public record HyperbandSchedule(int eta, int min, int max, List<List<Rung>> brackets) {

  public HyperbandSchedule {
    brackets = brackets.stream().map(List::copyOf).toList();
  }

  /** s_max = floor(log_η(max/min)), with a tolerance so that 81/1 at η = 3 gives 4, not 3. */
  public static int maxBracket(int eta, int min, int max) {
    return (int) Math.floor(Math.log((double) max / min) / Math.log(eta) + 1e-9);
  }

  /** All brackets (Hyperband), or only the most aggressive one, s = s_max (successive halving). */
  public static HyperbandSchedule of(int eta, int min, int max, Fidelities fidelities, boolean onlyMostAggressive) {
    int sMax = maxBracket(eta, min, max);
    List<List<Rung>> brackets = new ArrayList<>();
    for (int s = sMax; s >= (onlyMostAggressive ? sMax : 0); s--) {
      int n = (int) Math.ceil((sMax + 1.0) / (s + 1) * Math.pow(eta, s) - 1e-9);
      List<Rung> rungs = new ArrayList<>();
      for (int i = 0; i <= s; i++) {
        int size = Math.max(1, (int) Math.floor(n * Math.pow(eta, -i) + 1e-9));
        double budget = max * Math.pow(eta, i - s);
        rungs.add(new Rung(size, budget, i == s ? max : Math.max(min, fidelities.atMost(budget))));
      }
      brackets.add(rungs);
    }
    return new HyperbandSchedule(eta, min, max, brackets);
  }

  /** The summed fidelity one pass over all brackets evaluates (promotions to an equal fidelity are free). */
  public long costPerIteration() {
    long cost = 0;
    for (List<Rung> rungs : brackets) {
      int previous = -1;
      for (Rung r : rungs) {
        if (r.fidelity() != previous) {
          cost += (long) r.size() * r.fidelity();
        }
        previous = r.fidelity();
      }
    }
    return cost;
  }
}
