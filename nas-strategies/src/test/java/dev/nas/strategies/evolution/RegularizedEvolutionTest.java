package dev.nas.strategies.evolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.arch.Architecture;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.config.ConfigException;
import dev.nas.core.strategy.Strategy;
import dev.nas.core.strategy.StrategyContract;
import dev.nas.core.trial.Trial;
import dev.nas.spaces.nb201.Nb201Space;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegularizedEvolutionTest extends StrategyContract {

  @Override
  protected SearchSpace space() {
    return Nb201Space.instance();
  }

  @Override
  protected Strategy create(SearchSpace space, long seed) {
    return new RegularizedEvolutionConfig(10, 3).create(space, seed);
  }

  private static Trial succeeded(int id, Architecture a) {
    return Trial.queued(id, a, a.canonical(), id).start(Instant.EPOCH).succeed(score(a), Instant.EPOCH);
  }

  @Test
  void childrenAreOneMutationFromAPopulationMember() {
    var evolution = new RegularizedEvolution(space(), 10, 3, 4);
    for (int id = 0; id < 300; id++) {
      List<Architecture> before = evolution.population();
      Architecture child = evolution.ask();
      if (before.size() == 10) {
        assertTrue(before.stream().anyMatch(p -> differences(p, child) == 1),
            "child " + child.choices() + " is not a one-gene mutation of the population");
      }
      evolution.tell(succeeded(id, child));
    }
  }

  @Test
  void theOldestDiesNotTheWorst() {
    var evolution = new RegularizedEvolution(space(), 5, 2, 8);
    List<Architecture> born = new ArrayList<>();
    for (int id = 0; id < 40; id++) {
      Architecture a = evolution.ask();
      evolution.tell(succeeded(id, a));
      born.add(a);
      int alive = Math.min(born.size(), 5);
      // The population is exactly the last five children, in birth order, whatever their scores.
      assertEquals(born.subList(born.size() - alive, born.size()), evolution.population());
    }
  }

  @Test
  void failedTrialsNeverJoinThePopulation() {
    var evolution = new RegularizedEvolution(space(), 4, 2, 1);
    Architecture a = evolution.ask();
    evolution.tell(Trial.queued(0, a, "", 0).start(Instant.EPOCH).fail("boom", Instant.EPOCH));
    assertEquals(List.of(), evolution.population());
  }

  @Test
  void tournamentFavoursFitParents() {
    // With a fitness that rewards high genes, evolution climbs: the mean score of its last
    // 100 children beats random search's by a wide margin.
    double evolved = meanScore(drive(create(space(), 2), 0, 400).subList(300, 400));
    double random = meanScore(drive(new dev.nas.strategies.random.RandomSearch(space(), 2), 0, 400).subList(300, 400));
    assertTrue(evolved > random + 5, "evolution " + evolved + " vs random " + random);
  }

  private static double meanScore(List<Architecture> archs) {
    return archs.stream().mapToDouble(a -> score(a).signal()).average().orElseThrow();
  }

  private static int differences(Architecture a, Architecture b) {
    int[] x = a.genes();
    int[] y = b.genes();
    int d = 0;
    for (int i = 0; i < x.length; i++) {
      d += x[i] != y[i] ? 1 : 0;
    }
    return d;
  }

  @Test
  void sampleLargerThanPopulationIsAConfigError() {
    var e = assertThrows(ConfigException.class, () -> new RegularizedEvolutionConfig(5, 6));
    assertEquals("sample", e.key());
    assertTrue(e.getMessage().contains("from 2 to strategy.population (5)"), e.getMessage());
    assertThrows(ConfigException.class, () -> new RegularizedEvolutionConfig(1, null));
    // Jenetics' tournament selector rejects a tournament of one at run time: caught at config time.
    assertThrows(ConfigException.class, () -> new RegularizedEvolutionConfig(5, 1));
  }

  @Test
  void defaultsAreNatsBenchs() {
    var c = new RegularizedEvolutionConfig(null, null);
    assertEquals(10, c.population());
    assertEquals(3, c.sample());
  }
}
