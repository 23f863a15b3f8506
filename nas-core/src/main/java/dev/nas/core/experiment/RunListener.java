package dev.nas.core.experiment;

import dev.nas.core.trial.Trial;

/** Observes an experiment as it runs (progress bars, logs). Called on the experiment's thread. */
public interface RunListener {

  RunListener NONE = new RunListener() {};

  /**
   * Before the first trial; {@code totalTrials} is the trial budget summed over all repeats, or -1
   * when only a cost budget limits the runs.
   */
  default void experimentStarted(String name, int repeats, long totalTrials) {}

  /** After each journaled trial; {@code best} is the run's best so far, or null. */
  default void trialFinished(long seed, Trial trial, BestTrial best, int counted) {}

  /** Before retraining the {@code rank}-th (from 0) of the top {@code of} architectures of {@code trial}'s run. */
  default void retrainStarted(long seed, int rank, int of, Trial trial) {}

  default void retrainFinished(long seed, RetrainedTrial result, int of) {}

  default void runFinished(RunSummary summary) {}

  /**
   * What a resume found in a run's directory and did about it (trials kept, replayed, dropped, a
   * damaged checkpoint ignored), before the run continues.
   */
  default void resumed(long seed, String what) {}
}
