package dev.nas.core.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RunSeedsTest {

  @Test
  void trialSeedsAreTheTrialStreamInOrder() {
    RunSeeds seeds = RunSeeds.of(123);
    SplittableRandom stream = new SplittableRandom(seeds.trialStream());
    for (int i = 0; i < 1000; i++) {
      assertEquals(stream.nextLong(), seeds.trial(i), "trial " + i);
    }
  }

  @Test
  void componentStreamsAreDistinctAndDependOnlyOnTheMasterSeed() {
    RunSeeds a = RunSeeds.of(7);
    assertEquals(a, RunSeeds.of(7));
    assertNotEquals(a, RunSeeds.of(8));
    assertEquals(3, new HashSet<>(java.util.List.of(a.strategy(), a.evaluator(), a.trialStream())).size());
  }
}
