package dev.nas.cli;

import dev.nas.core.trial.Trial;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where an experiment's wall-clock time went, from its start and end (provenance) and each run's
 * trial timestamps (journal): before the first trial (data, config), each run's first trial (which
 * includes the supernet warm-up, done when the first child is scored), the other trials
 * (evaluation), between a run's trials (strategy updates, checkpoints), and the rest (retraining,
 * summaries, the next runs' setup). Runs are sequential, so the phases add up to the wall time.
 *
 * @param phases seconds per phase, in the order above
 * @param trialSeconds each finished trial's duration
 * @param resumes how often the experiment was resumed (then the wall time includes the stops)
 */
record TimingBreakdown(Map<String, Double> phases, List<Double> trialSeconds, int resumes) {

  static final String BEFORE = "setup";
  static final String FIRST = "first trials (with warm-up)";
  static final String TRIALS = "other trials";
  static final String BETWEEN = "between trials";
  static final String AFTER = "retraining and the rest";

  static TimingBreakdown of(Instant started, Instant finished, int resumes, List<List<Trial>> runs) {
    List<Double> durations = new ArrayList<>();
    Instant first = null;
    double spans = 0;
    double firstTrials = 0;
    for (List<Trial> run : runs) {
      Instant runFirst = null;
      Instant runLast = null;
      double runFirstSeconds = 0;
      for (Trial t : run) {
        if (t.started() == null || t.finished() == null) {
          continue;
        }
        double seconds = seconds(t.started(), t.finished());
        durations.add(seconds);
        if (runFirst == null || t.started().isBefore(runFirst)) {
          runFirst = t.started();
          runFirstSeconds = seconds;
        }
        runLast = runLast == null || t.finished().isAfter(runLast) ? t.finished() : runLast;
      }
      if (runFirst != null) {
        spans += seconds(runFirst, runLast);
        firstTrials += runFirstSeconds;
        first = first == null || runFirst.isBefore(first) ? runFirst : first;
      }
    }
    double inTrials = durations.stream().mapToDouble(Double::doubleValue).sum();
    double total = started != null && finished != null ? seconds(started, finished) : spans;
    double before = started != null && first != null ? Math.max(0, seconds(started, first)) : 0;
    Map<String, Double> phases = new LinkedHashMap<>();
    phases.put(BEFORE, before);
    phases.put(FIRST, firstTrials);
    phases.put(TRIALS, inTrials - firstTrials);
    phases.put(BETWEEN, Math.max(0, spans - inTrials));
    phases.put(AFTER, Math.max(0, total - before - spans));
    return new TimingBreakdown(phases, durations, resumes);
  }

  double total() {
    return phases.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e9;
  }
}
