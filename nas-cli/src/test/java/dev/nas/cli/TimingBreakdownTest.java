package dev.nas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nas.core.arch.Architecture;
import dev.nas.core.eval.Metrics;
import dev.nas.core.trial.Trial;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's timing phases add up to the wall time and put each second where it belongs. */
class TimingBreakdownTest {

  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

  private static Trial trial(int id, double from, double to) {
    Architecture a = new Architecture("s", Map.of("x", id), "c" + id);
    return Trial.queued(id, a, "a" + id, 0).start(at(from)).succeed(new Metrics(1, Map.of()), at(to));
  }

  private static Instant at(double seconds) {
    return T0.plusNanos(Math.round(seconds * 1e9));
  }

  @Test
  void twoSequentialRunsSplitIntoSetupFirstTrialsOtherTrialsGapsAndTheRest() {
    // Run 1: setup 2 s, first trial 10 s (with warm-up), 1 s gap, a 3 s trial; then 4 s of retraining.
    // Run 2: its first trial 5 s, a 0.5 s gap, a 2 s trial; then 1.5 s until the experiment ends.
    List<Trial> run1 = List.of(trial(0, 2, 12), trial(1, 13, 16));
    List<Trial> run2 = List.of(trial(0, 20, 25), trial(1, 25.5, 27.5));
    TimingBreakdown t = TimingBreakdown.of(T0, at(29), 0, List.of(run1, run2));
    assertEquals(2, t.phases().get(TimingBreakdown.BEFORE), 1e-9);
    assertEquals(15, t.phases().get(TimingBreakdown.FIRST), 1e-9);
    assertEquals(5, t.phases().get(TimingBreakdown.TRIALS), 1e-9);
    assertEquals(1.5, t.phases().get(TimingBreakdown.BETWEEN), 1e-9);
    assertEquals(5.5, t.phases().get(TimingBreakdown.AFTER), 1e-9);
    assertEquals(29, t.total(), 1e-9);
    assertEquals(List.of(10.0, 3.0, 5.0, 2.0), t.trialSeconds());
  }
}
