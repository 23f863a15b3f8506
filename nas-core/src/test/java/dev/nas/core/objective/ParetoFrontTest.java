package dev.nas.core.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.config.ConfigException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ParetoFrontTest {

  @Test
  void nonDominatedKeepsTheFrontInInputOrderAndOneOfEqualPoints() {
    List<double[]> points = List.of(new double[] {1, 5}, new double[] {3, 3}, new double[] {2, 2},
        new double[] {5, 1}, new double[] {3, 3}, new double[] {0, 6});
    assertEquals(List.of(0, 1, 3, 5), ParetoFront.nonDominated(points));
    assertTrue(ParetoFront.dominates(new double[] {3, 3}, new double[] {2, 2}));
    assertFalse(ParetoFront.dominates(new double[] {3, 3}, new double[] {3, 3}));
  }

  @Test
  void hypervolumeOfRectanglesIsTheirUnionArea() {
    // Reference (0,0): boxes [0,1]x[0,5], [0,3]x[0,3], [0,5]x[0,1]: 5 + 3*3 - 1*3 + 5*1 - 3*1 = 13.
    List<double[]> front = List.of(new double[] {1, 5}, new double[] {3, 3}, new double[] {5, 1});
    assertEquals(13.0, ParetoFront.hypervolume(front, new double[] {0, 0}), 1e-12);
    // A point not beyond the reference adds nothing; a dominated one adds nothing.
    List<double[]> more = List.of(new double[] {1, 5}, new double[] {3, 3}, new double[] {5, 1},
        new double[] {-1, 9}, new double[] {2, 2});
    assertEquals(13.0, ParetoFront.hypervolume(more, new double[] {0, 0}), 1e-12);
  }

  @Test
  void hypervolumeInThreeDimensionsMatchesMonteCarlo() {
    Random rng = new Random(5);
    List<double[]> points = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      points.add(new double[] {rng.nextDouble(), rng.nextDouble(), rng.nextDouble()});
    }
    double exact = ParetoFront.hypervolume(points, new double[] {0, 0, 0});
    int inside = 0;
    int samples = 400_000;
    for (int s = 0; s < samples; s++) {
      double[] x = {rng.nextDouble(), rng.nextDouble(), rng.nextDouble()};
      if (points.stream().anyMatch(p -> p[0] >= x[0] && p[1] >= x[1] && p[2] >= x[2])) {
        inside++;
      }
    }
    assertEquals((double) inside / samples, exact, 0.005);
  }

  @Test
  void constraintsParseWithSuffixesAndRefuseOtherForms() {
    Constraint c = Constraint.parse("params <= 1.5M");
    assertEquals(new Constraint("params", "<=", 1.5e6), c);
    assertTrue(c.holds(1.5e6));
    assertFalse(c.holds(1.5e6 + 1));
    assertFalse(Constraint.parse("latency_ms < 3").holds(3));
    assertTrue(Constraint.parse("flops >= 2k").holds(2000));
    var e = assertThrows(ConfigException.class, () -> Constraint.parse("params =< 1M"));
    assertTrue(e.getMessage().contains("'params <= 1M'"), e.getMessage());
  }
}
