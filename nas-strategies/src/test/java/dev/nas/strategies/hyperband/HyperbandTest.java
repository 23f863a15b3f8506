package dev.nas.strategies.hyperband;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.arch.Architecture;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.eval.Fidelities;
import dev.nas.core.eval.Metrics;
import dev.nas.core.strategy.Strategy;
import dev.nas.core.strategy.StrategyContract;
import dev.nas.core.trial.Trial;
import dev.nas.spaces.nb201.Nb201Space;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HyperbandTest extends StrategyContract {

  private static final Fidelities TABLE = Fidelities.grid("epochs", List.of(12, 200));

  @Override
  protected SearchSpace space() {
    return Nb201Space.instance();
  }

  @Override
  protected Strategy create(SearchSpace space, long seed) {
    return new Hyperband(space, HyperbandSchedule.of(3, 12, 200, TABLE, false), seed);
  }

  private record Asked(Architecture arch, int fidelity, double score) {}

  /** Drives {@code n} trials; the score grows with the genes and with the fidelity; {@code failing} fail. */
  private static List<Asked> run(Strategy s, int n, java.util.function.IntPredicate failing) {
    List<Asked> asked = new ArrayList<>();
    for (int id = 0; id < n; id++) {
      Architecture a = s.ask();
      int fidelity = s.fidelity();
      double score = score(a).signal() + fidelity;
      Trial t = Trial.queued(id, a, a.canonical(), id).atFidelity(fidelity).start(Instant.EPOCH);
      s.tell(failing.test(id) ? t.fail("synthetic", Instant.EPOCH)
          : t.succeed(new Metrics(score, Map.of("score", score)), Instant.EPOCH));
      asked.add(new Asked(a, fidelity, failing.test(id) ? Double.NEGATIVE_INFINITY : score));
    }
    return asked;
  }

  @Test
  void eachBracketPromotesTheBestOfItsRungAndTheLastBracketStartsAgain() {
    List<Asked> asked = run(create(space(), 4), 2 * 19, id -> false);
    List<Integer> fidelities = asked.stream().map(Asked::fidelity).toList();
    List<Integer> pass = new ArrayList<>();
    for (int f : new int[] {12, 12, 12, 12, 12, 12, 12, 12, 12, 200, 12, 12, 12, 12, 12, 200, 200, 200, 200}) {
      pass.add(f);
    }
    List<Integer> twoPasses = new ArrayList<>(pass);
    twoPasses.addAll(pass);
    assertEquals(twoPasses, fidelities);
    // Bracket s=2: the one at 200 epochs is the best of the 9 at 12 (12 -> 12 reuses the scores).
    Asked best9 = asked.subList(0, 9).stream().max(Comparator.comparingDouble(Asked::score)).orElseThrow();
    assertEquals(best9.arch(), asked.get(9).arch());
    Asked best5 = asked.subList(10, 15).stream().max(Comparator.comparingDouble(Asked::score)).orElseThrow();
    assertEquals(best5.arch(), asked.get(15).arch());
  }

  @Test
  void failedCandidatesAreNeverPromoted() {
    // Every 12-epoch trial of the first bracket but trial 4 fails: trial 4 is the one promoted.
    List<Asked> asked = run(create(space(), 4), 10, id -> id < 9 && id != 4);
    assertEquals(asked.get(4).arch(), asked.get(9).arch());
    assertEquals(200, asked.get(9).fidelity());
  }

  @Test
  void successiveHalvingRepeatsOneBracket() {
    Strategy sh = new Hyperband(space(), HyperbandSchedule.of(3, 12, 200, TABLE, true), 4);
    List<Integer> fidelities = run(sh, 20, id -> false).stream().map(Asked::fidelity).toList();
    assertEquals(List.of(12, 12, 12, 12, 12, 12, 12, 12, 12, 200, 12, 12, 12, 12, 12, 12, 12, 12, 12, 200),
        fidelities);
    assertTrue(sh.proposalNotes().get("bracket").asInt() == 2);
  }
}
