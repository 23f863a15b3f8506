package dev.nas.strategies.hyperband;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nas.core.eval.Fidelities;
import java.util.List;
import org.junit.jupiter.api.Test;

class HyperbandScheduleTest {

  private static List<List<Integer>> sizes(HyperbandSchedule s) {
    return s.brackets().stream().map(b -> b.stream().map(Rung::size).toList()).toList();
  }

  private static List<List<Integer>> fidelities(HyperbandSchedule s) {
    return s.brackets().stream().map(b -> b.stream().map(Rung::fidelity).toList()).toList();
  }

  @Test
  void bracketsAreThoseOfTheHyperbandPaperForRequals81AndEta3() {
    // Li et al. (JMLR 2018), Table 1: R = 81, eta = 3 (budgets in units of the smallest).
    HyperbandSchedule s = HyperbandSchedule.of(3, 1, 81, Fidelities.range("epochs", 1, 81), false);
    assertEquals(List.of(List.of(81, 27, 9, 3, 1), List.of(34, 11, 3, 1), List.of(15, 5, 1), List.of(8, 2),
        List.of(5)), sizes(s));
    assertEquals(List.of(List.of(1, 3, 9, 27, 81), List.of(3, 9, 27, 81), List.of(9, 27, 81), List.of(27, 81),
        List.of(81)), fidelities(s));
  }

  @Test
  void successiveHalvingIsTheMostAggressiveBracketOnly() {
    HyperbandSchedule s = HyperbandSchedule.of(3, 1, 81, Fidelities.range("epochs", 1, 81), true);
    assertEquals(List.of(List.of(81, 27, 9, 3, 1)), sizes(s));
  }

  @Test
  void nb201BudgetsBetweenItsColumnsFallToTheTwelveEpochColumn() {
    Fidelities table = Fidelities.grid("epochs", List.of(12, 200));
    HyperbandSchedule s = HyperbandSchedule.of(3, 12, 200, table, false);
    // s_max = floor(log3(200/12)) = 2: ideal budgets 200/9, 200/3, 200.
    assertEquals(List.of(List.of(9, 3, 1), List.of(5, 1), List.of(3)), sizes(s));
    assertEquals(List.of(List.of(12, 12, 200), List.of(12, 200), List.of(200)), fidelities(s));
    assertEquals(200.0 / 9, s.brackets().get(0).get(0).budget(), 1e-12);
    // 9x12 + 1x200 (the 12 -> 12 promotion is free) + 5x12 + 1x200 + 3x200.
    assertEquals(1168, s.costPerIteration());
  }

  @Test
  void continuousBudgetsRoundDownToWholeSteps() {
    HyperbandSchedule s = HyperbandSchedule.of(2, 10, 100, Fidelities.range("steps", 10, 100), true);
    // s_max = floor(log2(10)) = 3: 100/8 = 12.5 -> 12, 25, 50, 100.
    assertEquals(List.of(List.of(12, 25, 50, 100)), fidelities(s));
    assertEquals(List.of(List.of(8, 4, 2, 1)), sizes(s));
  }
}
