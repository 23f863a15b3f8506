package dev.nas.core.experiment;

import java.util.SplittableRandom;

/**
 * The seeds of one run, all split from its master seed: one stream for the strategy, one for the
 * evaluator, one from which trial {@code i} takes its {@code i}-th value, one for retraining the
 * top-k. A trial's seed thus depends only on the master seed and its index, never on what ran before.
 */
public record RunSeeds(long master, long strategy, long evaluator, long trialStream, long retrainStream) {

  /** SplittableRandom's default increment: the i-th output of a stream seeded s is mix(s + (i+1)*GAMMA). */
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  public static RunSeeds of(long master) {
    SplittableRandom root = new SplittableRandom(master);
    long strategy = root.split().nextLong();
    long evaluator = root.split().nextLong();
    long trials = root.split().nextLong();
    long retrain = root.split().nextLong();
    return new RunSeeds(master, strategy, evaluator, trials, retrain);
  }

  /** The {@code i}-th value of the trial stream, in O(1). */
  public long trial(int i) {
    return nth(trialStream, i);
  }

  /** The seed of the retraining evaluator ({@link dev.nas.core.eval.Evaluator#forRun}). */
  public long retrainEvaluator() {
    return nth(retrainStream, 0);
  }

  /** The seed of retraining the {@code rank}-th architecture of the top-k. */
  public long retrain(int rank) {
    return nth(retrainStream, rank + 1);
  }

  private static long nth(long stream, int i) {
    return new SplittableRandom(stream + i * GOLDEN_GAMMA).nextLong();
  }
}
