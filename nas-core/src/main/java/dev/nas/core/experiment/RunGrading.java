package dev.nas.core.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.nas.core.grade.Grader;
import dev.nas.core.grade.RankCorrelation;
import dev.nas.core.trial.Trial;
import dev.nas.core.trial.TrialStatus;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A run graded by an independent benchmark ({@link Grader}): in {@code result.json} and, per run,
 * in {@code summary.json}. How NASLib and NATS-Bench grade a search whose signal is not the
 * benchmark's (supernet scores, short training): the benchmark's figure of the architecture the
 * search picked, and how well the signal ranks the architectures it evaluated.
 *
 * <p>The correlations are taken over the run's succeeded trials (a failed or pruned trial has no
 * signal), one per architecture the run evaluated: the first evaluation of each, by its choices
 * (cells that differ only in a way the canonical form ignores are distinct points, as they are
 * distinct rows of the table). A later evaluation of the same architecture is left out, so that a
 * cell the strategy proposed many times (evolution re-proposes its population) is one point, not
 * many; so is a duplicate answered from an earlier trial ({@code budget.count_duplicates: false}),
 * whose signal is that trial's, measured on a cell of the same canonical form. Only trials at the
 * best trial's fidelity count: signals at different fidelities (Hyperband's 12 and 200 epochs) are
 * not on one scale.
 *
 * @param grader the benchmark, e.g. {@code nb201-table}
 * @param dataset the benchmark's dataset whose figures grade, e.g. {@code cifar10}
 * @param metric the figure graded by, e.g. {@code test_acc_200}
 * @param best that figure of the run's best trial (the highest signal, {@code best} of the run), or
 *     null when no trial succeeded
 * @param chosen with {@code retrain:}, that figure of the retraining's chosen architecture (the
 *     run's answer: DARTS' final cell with {@code select: latest}), or null
 * @param trials how many trials the correlations are taken over
 * @param kendallTau Kendall's tau-b between their signals and their figures; null when undefined
 *     (fewer than two trials, or all signals or all figures equal)
 * @param spearmanRho Spearman's rho (average ranks for ties) between the same; null when undefined
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunGrading(String grader, String dataset, String metric, Double best, Double chosen, int trials,
    Double kendallTau, Double spearmanRho) {

  /**
   * Grades a run's finished trials (in trial order, by id) by {@code grader}; {@code best} is the
   * run's best, or null; {@code retrain} its retraining, or null; {@code countDuplicates} says
   * whether a trial journaled as a duplicate was evaluated again (else it was answered from the
   * earlier trial).
   */
  static RunGrading of(Grader grader, List<Trial> finished, Trial best, RetrainResult retrain,
      boolean countDuplicates) {
    String metric = grader.metric();
    Set<String> seen = new HashSet<>();
    List<Trial> ranked = best == null ? List.of() : finished.stream()
        .filter(t -> t.status() == TrialStatus.SUCCEEDED && Objects.equals(t.fidelity(), best.fidelity())
            && t.graded() != null && t.graded().containsKey(metric)
            && (t.duplicateOf() == null || countDuplicates) && seen.add(Arrays.toString(t.arch().genes())))
        .toList();
    double[] signal = ranked.stream().mapToDouble(t -> t.metrics().signal()).toArray();
    double[] graded = ranked.stream().mapToDouble(t -> t.graded().get(metric)).toArray();
    Trial chosen = retrain == null || retrain.chosen() == null ? null : finished.get(retrain.chosen().trial());
    return new RunGrading(grader.name(), grader.dataset(), metric, figure(best, metric), figure(chosen, metric),
        ranked.size(), definedOrNull(RankCorrelation.kendallTauB(signal, graded)),
        definedOrNull(RankCorrelation.spearmanRho(signal, graded)));
  }

  private static Double figure(Trial t, String metric) {
    return t == null || t.graded() == null ? null : t.graded().get(metric);
  }

  /** NaN (undefined) as null: JSON has no NaN. */
  private static Double definedOrNull(double v) {
    return Double.isNaN(v) ? null : v;
  }
}
