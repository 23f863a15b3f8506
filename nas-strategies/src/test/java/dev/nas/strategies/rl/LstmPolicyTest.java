package dev.nas.strategies.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LstmPolicyTest {

  @Test
  void gradientOfTheLogProbabilityMatchesFiniteDifferences() {
    LstmPolicy policy = new LstmPolicy(new int[] {3, 4, 2, 5, 3}, 6, 5.0, 2.5, 11);
    // Larger weights than the +-0.1 initialisation, so that every gate and the tanh shaping are exercised.
    SplittableRandom random = new SplittableRandom(2);
    for (int i = 0; i < policy.params.length; i++) {
      policy.params[i] = random.nextDouble(-1, 1);
    }
    int[] decisions = policy.sample(random);
    double[] grad = policy.gradLogProbability(decisions);
    int checked = 0;
    for (int i = 0; i < policy.params.length; i++) {
      double original = policy.params[i];
      double eps = 1e-6;
      policy.params[i] = original + eps;
      double plus = policy.logProbability(decisions, null);
      policy.params[i] = original - eps;
      double minus = policy.logProbability(decisions, null);
      policy.params[i] = original;
      double numeric = (plus - minus) / (2 * eps);
      double tol = 1e-5 * Math.max(Math.abs(numeric), Math.abs(grad[i])) + 1e-9;
      assertTrue(Math.abs(numeric - grad[i]) <= tol, "param " + i + ": analytic " + grad[i] + " numeric " + numeric);
      checked++;
    }
    assertEquals(policy.params.length, checked);
    assertTrue(checked > 400, "checked " + checked);
  }

  @Test
  void probabilitiesOfAllGenomesSumToOne() {
    LstmPolicy policy = new LstmPolicy(new int[] {3, 2, 4}, 5, 5.0, 2.5, 3);
    double total = 0;
    for (int a = 0; a < 3; a++) {
      for (int b = 0; b < 2; b++) {
        for (int c = 0; c < 4; c++) {
          total += Math.exp(policy.logProbability(new int[] {a, b, c}, null));
        }
      }
    }
    assertEquals(1.0, total, 1e-12);
  }
}
