package dev.nas.cli;

import dev.nas.core.experiment.ExperimentSummary;
import dev.nas.core.experiment.Statistic;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The few lines a finished (or interrupted) command prints on stdout. */
final class SummaryPrinter {

  private SummaryPrinter() {}

  /** Prints the outcome and returns the exit code. */
  static int finish(Optional<ExperimentSummary> result, Path dir, PrintWriter out) {
    if (result.isEmpty()) {
      out.println("interrupted; the journal is intact. Continue with: nas resume " + dir);
      return NasCommand.INTERRUPTED;
    }
    ExperimentSummary s = result.get();
    out.printf(Locale.ROOT, "%s: %d run(s) x %d trials, strategy %s on %s (%s)%n",
        s.name(), s.repeats(), s.budgetTrials(), s.strategy(), s.space(), s.evaluator());
    for (Map.Entry<String, Statistic> e : s.reported().entrySet()) {
      Statistic r = e.getValue();
      out.printf(Locale.ROOT, "%s %s: mean %.3f ± %.3f (std over %d runs; min %.3f, max %.3f)%n",
          e.getKey(), s.reportedMetric(), r.mean(), r.std(), r.n(), r.min(), r.max());
    }
    if (s.best() != null) {
      var best = s.best();
      out.printf(Locale.ROOT, "best: %s  %s %.3f, %s %.3f (seed %d, trial %d, hash %s)%n",
          best.trial().notation(), s.signalMetric(), best.trial().signal(), s.reportedMetric(),
          best.reported(), best.seed(), best.trial().trial(), best.trial().hash());
    }
    out.println("summary: " + dir.resolve(ExperimentSummary.FILE));
    return 0;
  }
}
