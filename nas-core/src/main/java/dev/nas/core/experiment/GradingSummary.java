package dev.nas.core.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The grading of an experiment's runs (see {@link RunGrading}) over its repeats, in
 * {@code summary.json}: mean ± sample standard deviation of each run's graded figure of its best
 * trial (and of its retrained choice), and of its rank correlations. A statistic is over the runs
 * where the value is defined ({@code n} says how many), and absent when it is defined in none.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GradingSummary(String grader, String dataset, String metric, Statistic best, Statistic chosen,
    Statistic kendallTau, Statistic spearmanRho) {

  /** Over the runs' gradings; null when the runs were not graded. */
  static GradingSummary of(List<RunSummary> runs) {
    List<RunGrading> graded = runs.stream().map(RunSummary::grading).filter(Objects::nonNull).toList();
    if (graded.isEmpty()) {
      return null;
    }
    RunGrading any = graded.get(0);
    return new GradingSummary(any.grader(), any.dataset(), any.metric(), over(graded, RunGrading::best),
        over(graded, RunGrading::chosen), over(graded, RunGrading::kendallTau), over(graded, RunGrading::spearmanRho));
  }

  private static Statistic over(List<RunGrading> runs, Function<RunGrading, Double> value) {
    List<Double> values = runs.stream().map(value).filter(Objects::nonNull).toList();
    return values.isEmpty() ? null : Statistic.of(values);
  }
}
