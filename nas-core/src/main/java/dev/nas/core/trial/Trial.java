package dev.nas.core.trial;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableSortedMap;
import dev.nas.core.arch.Architecture;
import dev.nas.core.eval.Metrics;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One evaluation of one architecture. Immutable: each status change returns a new trial, and only
 * the transitions of {@link TrialStatus} are allowed.
 *
 * @param id position in the run, from 0
 * @param notation the architecture in its space's own text notation
 * @param seed the trial's own seed, split from the run's master seed
 * @param duplicateOf id of the earlier trial with the same canonical architecture, or null
 * @param proposal what the strategy recorded when it proposed the architecture (DARTS: the epoch's
 *     losses and architecture-weight softmax), or null
 * @param fidelity the budget the strategy asked the evaluation at (epochs or supernet steps, see
 *     {@link dev.nas.core.eval.MultiFidelityEvaluator}), or null for the evaluator's own
 * @param graded a benchmark's figures for the architecture (see {@link dev.nas.core.grade.Grader}), sorted
 *     by name, or null when the run is not graded. Kept apart from {@code metrics}, and removed
 *     ({@link #ungraded}) before the strategy is told, so that no strategy can select on them
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Trial(
    int id,
    Architecture arch,
    String notation,
    long seed,
    TrialStatus status,
    Metrics metrics,
    String error,
    Integer duplicateOf,
    Instant started,
    Instant finished,
    JsonNode proposal,
    Integer fidelity,
    Map<String, Double> graded) {

  public Trial {
    Objects.requireNonNull(arch, "arch");
    Objects.requireNonNull(status, "status");
    if (status == TrialStatus.SUCCEEDED && metrics == null) {
      throw new IllegalArgumentException("a succeeded trial needs metrics");
    }
    // Sorted, so that a journal line does not depend on the order a grader (or a JSON reader) produced.
    graded = graded == null ? null : ImmutableSortedMap.copyOf(graded);
  }

  public static Trial queued(int id, Architecture arch, String notation, long seed) {
    return new Trial(id, arch, notation, seed, TrialStatus.QUEUED, null, null, null, null, null, null, null, null);
  }

  /** This trial with a benchmark's figures for its architecture (see {@link dev.nas.core.grade.Grader}). */
  public Trial withGrades(Map<String, Double> grades) {
    return new Trial(id, arch, notation, seed, status, metrics, error, duplicateOf, started, finished, proposal,
        fidelity, Objects.requireNonNull(grades, "grades"));
  }

  /** This trial as a strategy is told it: without the benchmark's figures. */
  public Trial ungraded() {
    return graded == null ? this : new Trial(id, arch, notation, seed, status, metrics, error, duplicateOf, started,
        finished, proposal, fidelity, null);
  }

  /** This trial with the strategy's notes on its proposal (see {@link dev.nas.core.strategy.Strategy#proposalNotes}). */
  public Trial withProposal(JsonNode notes) {
    return new Trial(id, arch, notation, seed, status, metrics, error, duplicateOf, started, finished, notes, fidelity,
        graded);
  }

  public Trial duplicateOf(int earlierTrial) {
    return new Trial(id, arch, notation, seed, status, metrics, error, earlierTrial, started, finished, proposal,
        fidelity, graded);
  }

  /** This trial asked at {@code budget} (null: the evaluator's own fidelity). */
  public Trial atFidelity(Integer budget) {
    return new Trial(id, arch, notation, seed, status, metrics, error, duplicateOf, started, finished, proposal,
        budget, graded);
  }

  public Trial start(Instant now) {
    return moveTo(TrialStatus.RUNNING, metrics, error, now, finished);
  }

  public Trial succeed(Metrics result, Instant now) {
    return moveTo(TrialStatus.SUCCEEDED, Objects.requireNonNull(result, "metrics"), null, started, now);
  }

  public Trial fail(String reason, Instant now) {
    return moveTo(TrialStatus.FAILED, null, Objects.requireNonNull(reason, "reason"), started, now);
  }

  public Trial prune(String reason, Instant now) {
    return moveTo(TrialStatus.PRUNED, metrics, reason, started, now);
  }

  private Trial moveTo(TrialStatus next, Metrics m, String err, Instant start, Instant end) {
    if (!status.successors().contains(next)) {
      throw new IllegalStateException("trial " + id + " cannot go from " + status + " to " + next);
    }
    return new Trial(id, arch, notation, seed, next, m, err, duplicateOf, start, end, proposal, fidelity, graded);
  }
}
