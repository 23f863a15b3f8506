package dev.nas.core.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/**
 * The result of one run (one seed): written to {@code result.json} in the run's directory when
 * the run completes. Holds nothing that depends on the clock except {@code stopReason} when the
 * time budget ends the run, so the same seed and config give the same file.
 *
 * @param trials trials journaled; {@code counted} of them were charged to the budget
 * @param reported the evaluator's reported metric of {@code best} (e.g. 200-epoch test accuracy)
 * @param grading the run graded by an independent benchmark, when the run is graded (see
 *     {@link RunGrading}); absent otherwise
 * @param bestSoFar after each trial, the reported metric of the best-signal architecture so far
 *     (null before the first success)
 * @param retrain the top-k retrained after the search, if the config has a {@code retrain:} section
 * @param paretoFront with {@code objectives:}, the non-dominated succeeded trials (one per
 *     canonical architecture), in trial order
 * @param hypervolume the front's hypervolume against the objectives' references, when they have them
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunSummary(
    long seed,
    String space,
    String strategy,
    String evaluator,
    String signalMetric,
    String reportedMetric,
    int trials,
    int counted,
    int failed,
    int duplicates,
    String stopReason,
    BestTrial best,
    Double reported,
    RunGrading grading,
    RetrainResult retrain,
    List<dev.nas.core.objective.ParetoPoint> paretoFront,
    Double hypervolume,
    @JsonInclude(JsonInclude.Include.ALWAYS) List<Double> bestSoFar) {

  public static final String FILE = "result.json";

  public RunSummary {
    bestSoFar = java.util.Collections.unmodifiableList(new ArrayList<>(bestSoFar));
  }
}
