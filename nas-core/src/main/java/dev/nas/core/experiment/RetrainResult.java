package dev.nas.core.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Comparator;
import java.util.List;

/**
 * What a run's retraining found: every retrained architecture, and the one chosen as the run's
 * answer, the best by the retraining's signal (validation accuracy), never by its test accuracy,
 * which is only reported.
 *
 * @param reported the chosen architecture's {@code reportedMetric} (e.g. test accuracy)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RetrainResult(
    String evaluator,
    String signalMetric,
    String reportedMetric,
    List<RetrainedTrial> trials,
    RetrainedTrial chosen,
    Double reported) {

  public RetrainResult {
    trials = List.copyOf(trials);
  }

  static RetrainResult of(String evaluator, String signalMetric, String reportedMetric, List<RetrainedTrial> trials) {
    // Strictly the best signal; on a tie the better-ranked (earlier) one.
    RetrainedTrial chosen = trials.stream().filter(t -> t.signal() != null)
        .max(Comparator.comparingDouble(RetrainedTrial::signal).thenComparing(Comparator.comparingInt(RetrainedTrial::rank).reversed()))
        .orElse(null);
    return new RetrainResult(evaluator, signalMetric, reportedMetric, trials, chosen,
        chosen == null ? null : chosen.value(reportedMetric));
  }
}
