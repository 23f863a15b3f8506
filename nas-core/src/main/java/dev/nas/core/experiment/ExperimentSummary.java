package dev.nas.core.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code summary.json} of an experiment: the reported metric over all repeats (mean ± sample
 * standard deviation) per strategy, the best architecture found, and each run's result.
 *
 * @param reported per strategy name, the statistic of the runs' reported metric
 * @param meanBestSoFar after each trial count, the mean over runs of their best-so-far reported
 *     metric (over the runs that reached that count and had a success)
 * @param budgetTrials the trial limit of each run, null when only {@code budgetCost} limits it
 * @param budgetCost the simulated-cost limit of each run (in the evaluator's cost unit), or null
 * @param grading when the runs are graded by an independent benchmark, the grading over all runs
 *     (each run's own is in {@code runs})
 * @param retrain the retraining's outcome over all runs, if the config has a {@code retrain:} section
 * @param hypervolume with objectives that have references, the statistic of the runs' hypervolumes
 * @param paretoFront with objectives, the non-dominated points of all runs' fronts together
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExperimentSummary(
    String name,
    String space,
    String strategy,
    String evaluator,
    String signalMetric,
    String reportedMetric,
    int repeats,
    Integer budgetTrials,
    Double budgetCost,
    Map<String, Statistic> reported,
    Statistic signal,
    RunBest best,
    GradingSummary grading,
    List<Double> meanBestSoFar,
    RetrainSummary retrain,
    Statistic hypervolume,
    List<FrontPoint> paretoFront,
    List<RunOutcome> runs) {

  public static final String FILE = "summary.json";

  public ExperimentSummary {
    reported = com.google.common.collect.ImmutableMap.copyOf(reported);
    meanBestSoFar = java.util.Collections.unmodifiableList(new ArrayList<>(meanBestSoFar));
    runs = List.copyOf(runs);
  }

  /** One run's result without its curve. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RunOutcome(long seed, String dir, int trials, int counted, int failed, int duplicates,
      String stopReason, BestTrial best, Double reported, RunGrading grading, RetrainedTrial retrained,
      List<dev.nas.core.objective.ParetoPoint> paretoFront, Double hypervolume) {

    static RunOutcome of(RunSummary s, String dir) {
      return new RunOutcome(s.seed(), dir, s.trials(), s.counted(), s.failed(), s.duplicates(),
          s.stopReason(), s.best(), s.reported(), s.grading(), s.retrain() == null ? null : s.retrain().chosen(),
          s.paretoFront(), s.hypervolume());
    }
  }

  /** A member of the combined front and the run (seed) it comes from. */
  public record FrontPoint(long seed, dev.nas.core.objective.ParetoPoint point) {}

  /**
   * The retraining over all runs: the statistic of each run's chosen architecture's reported
   * metric, and the chosen architecture with the best retrained signal over all runs.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RetrainSummary(String evaluator, String signalMetric, String reportedMetric, Statistic reported,
      Long seed, RetrainedTrial chosen, Double chosenReported) {}

  /** The best architecture over all runs, by signal (earliest seed, then earliest trial on a tie). */
  public record RunBest(long seed, BestTrial trial, Double reported) {}
}
