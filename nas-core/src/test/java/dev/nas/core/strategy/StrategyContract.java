package dev.nas.core.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nas.core.arch.Architecture;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.eval.Metrics;
import dev.nas.core.json.Json;
import dev.nas.core.trial.Trial;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Strategy} must do. A strategy's test class extends this and gives the space
 * and a factory. Trials are scored by a fixed function of the genes; every 7th trial fails.
 */
public abstract class StrategyContract {

  protected abstract SearchSpace space();

  protected abstract Strategy create(SearchSpace space, long seed);

  /**
   * A deterministic score: a weighted sum of the genes; also {@code size}, their plain sum, a
   * second objective for multi-objective strategies.
   */
  protected static Metrics score(Architecture a) {
    int[] g = a.genes();
    double s = 0;
    double size = 0;
    for (int i = 0; i < g.length; i++) {
      s += (i % 3 + 1) * g[i];
      size += g[i];
    }
    return new Metrics(s, Map.of("score", s, "size", size));
  }

  /** Asks and tells {@code steps} trials, numbering them from {@code firstId}. */
  protected static List<Architecture> drive(Strategy strategy, int firstId, int steps) {
    List<Architecture> asked = new ArrayList<>();
    Instant t = Instant.EPOCH;
    for (int id = firstId; id < firstId + steps; id++) {
      Architecture a = strategy.ask();
      asked.add(a);
      Trial trial = Trial.queued(id, a, a.canonical(), id).start(t);
      strategy.tell(id % 7 == 6 ? trial.fail("synthetic failure", t) : trial.succeed(score(a), t));
    }
    return asked;
  }

  @Test
  void asksValidArchitecturesOfItsSpace() {
    for (Architecture a : drive(create(space(), 1), 0, 200)) {
      space().validate(a);
    }
  }

  @Test
  void sameSeedGivesTheSameSearch() {
    assertEquals(drive(create(space(), 5), 0, 200), drive(create(space(), 5), 0, 200));
  }

  @Test
  void differentSeedsGiveDifferentSearches() {
    assertNotEquals(drive(create(space(), 5), 0, 50), drive(create(space(), 6), 0, 50));
  }

  @Test
  void restoredSnapshotContinuesExactlyAsTheOriginal() throws Exception {
    Strategy original = create(space(), 9);
    drive(original, 0, 73);
    JsonNode snapshot = Json.json().readTree(Json.line(original.snapshot()));
    Strategy restored = create(space(), 9);
    restored.restore(snapshot);
    assertEquals(drive(original, 73, 150), drive(restored, 73, 150));
  }

  @Test
  void restoreReplacesTheWholeState() throws Exception {
    Strategy a = create(space(), 1);
    drive(a, 0, 40);
    JsonNode snapshot = a.snapshot();
    Strategy b = create(space(), 2);
    drive(b, 0, 90);
    b.restore(snapshot);
    assertEquals(drive(a, 40, 60), drive(b, 40, 60));
  }
}
