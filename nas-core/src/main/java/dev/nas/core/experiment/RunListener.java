package dev.nas.core.experiment;

import dev.nas.core.trial.Trial;

/** Observes an experiment as it runs (progress bars, logs). Called on the experiment's thread. */
public interface RunListener {

  RunListener NONE = new RunListener() {};

  /** Before the first trial; {@code totalTrials} is the budget summed over all repeats. */
  default void experimentStarted(String name, int repeats, long totalTrials) {}

  /** After each journaled trial; {@code best} is the run's best so far, or null. */
  default void trialFinished(long seed, Trial trial, BestTrial best, int counted) {}

  default void runFinished(RunSummary summary) {}
}
