package dev.nas.strategies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nas.core.arch.Architecture;
import dev.nas.core.eval.Fidelities;
import dev.nas.core.eval.Metrics;
import dev.nas.core.json.Json;
import dev.nas.core.strategy.Strategy;
import dev.nas.core.trial.Trial;
import dev.nas.spaces.darts.DartsGenotype;
import dev.nas.spaces.darts.DartsMacro;
import dev.nas.spaces.darts.DartsSpace;
import dev.nas.strategies.evolution.RegularizedEvolutionConfig;
import dev.nas.strategies.hyperband.Hyperband;
import dev.nas.strategies.hyperband.HyperbandSchedule;
import dev.nas.strategies.nsga2.Nsga2Config;
import dev.nas.strategies.nsga2.Nsga2Test;
import dev.nas.strategies.random.RandomSearchConfig;
import dev.nas.strategies.rl.ReinforceConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every strategy that proposes architectures of a space (random, regularized evolution, the RL
 * controller, NSGA-II with its crossover, Hyperband) keeps to the {@code darts} space: no
 * {@code none}, no node reading one input twice, every proposal valid; and resumes exactly.
 * (DARTS derives its cells, see DeriveTest; morphism grows chain networks only.)
 */
class DartsSpaceStrategiesTest {

  private static final DartsSpace SPACE = new DartsSpace(new DartsMacro(4, 3, 10, 32, false));

  static Stream<Arguments> strategies() {
    return Stream.of(
        Arguments.of("random", (LongFunction<Strategy>) seed -> new RandomSearchConfig().create(SPACE, seed)),
        Arguments.of("evolution", (LongFunction<Strategy>) seed -> new RegularizedEvolutionConfig(10, 3)
            .create(SPACE, seed)),
        Arguments.of("rl", (LongFunction<Strategy>) seed -> new ReinforceConfig(16, null, null, null, null, null, null)
            .create(SPACE, seed)),
        Arguments.of("nsga2", (LongFunction<Strategy>) seed -> new Nsga2Config(8, null)
            .create(SPACE, seed, null, Nsga2Test.OBJECTIVES)),
        Arguments.of("hyperband", (LongFunction<Strategy>) seed -> new Hyperband(SPACE,
            HyperbandSchedule.of(3, 12, 200, Fidelities.grid("epochs", List.of(12, 200)), false), seed)));
  }

  /** A deterministic score that favours some genes; every 7th trial fails. */
  private static List<Architecture> drive(Strategy strategy, int firstId, int steps) {
    List<Architecture> asked = new ArrayList<>();
    for (int id = firstId; id < firstId + steps; id++) {
      Architecture a = strategy.ask();
      asked.add(a);
      int[] g = a.genes();
      double score = 0;
      for (int i = 0; i < g.length; i++) {
        score += (i % 3 + 1) * g[i];
      }
      Trial t = Trial.queued(id, a, a.canonical(), id).atFidelity(strategy.fidelity()).start(Instant.EPOCH);
      strategy.tell(id % 7 == 6 ? t.fail("synthetic failure", Instant.EPOCH)
          : t.succeed(new Metrics(score, Map.of("score", score, "size", (double) Arrays.stream(g).sum())), Instant.EPOCH));
    }
    return asked;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("strategies")
  void proposesOnlyCellsWithoutNoneAndWithTwoDistinctInputsPerNode(String name, LongFunction<Strategy> create) {
    List<Architecture> asked = drive(create.apply(3), 0, 400);
    for (Architecture a : asked) {
      SPACE.validate(a);
      DartsGenotype g = SPACE.genotype(a);
      for (List<DartsGenotype.Edge> cell : List.of(g.normal(), g.reduce())) {
        for (int node = 0; node < cell.size() / 2; node++) {
          assertTrue(cell.get(2 * node).input() != cell.get(2 * node + 1).input(), name + ": " + g.format());
        }
        assertTrue(cell.stream().noneMatch(e -> e.op().label().equals("none")), name + ": " + g.format());
      }
    }
    assertTrue(asked.stream().map(Architecture::hash).distinct().count() > 20, name + " explores");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("strategies")
  void aRestoredSnapshotContinuesExactly(String name, LongFunction<Strategy> create) throws Exception {
    Strategy original = create.apply(9);
    drive(original, 0, 73);
    JsonNode snapshot = Json.json().readTree(Json.line(original.snapshot()));
    Strategy restored = create.apply(9);
    restored.restore(snapshot);
    assertEquals(drive(original, 73, 100), drive(restored, 73, 100), name);
  }
}
