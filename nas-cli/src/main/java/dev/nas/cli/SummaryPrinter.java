package dev.nas.cli;

import dev.nas.core.experiment.ExperimentSummary;
import dev.nas.core.experiment.GradingSummary;
import dev.nas.core.experiment.RetrainedTrial;
import dev.nas.core.experiment.Statistic;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The few lines a finished (or interrupted) command prints on stdout. */
final class SummaryPrinter {

  private SummaryPrinter() {}

  private static void printRetrain(ExperimentSummary.RetrainSummary r, int repeats, PrintWriter out) {
    if (repeats > 1 && r.reported().n() > 0) {
      Statistic st = r.reported();
      out.printf(Locale.ROOT, "retrained %s: mean %.3f ± %.3f (std over %d runs)%n", r.reportedMetric(), st.mean(),
          st.std(), st.n());
    }
    RetrainedTrial c = r.chosen();
    if (c == null) {
      out.println("retrained: every retraining failed (see retrain.jsonl)");
      return;
    }
    out.printf(Locale.ROOT, "retrained best: %s  %s %.3f, %s %s (%s from scratch; search trial %d of seed %d)%n",
        c.notation(), r.signalMetric(), c.signal(), r.reportedMetric(),
        r.chosenReported() == null ? "n/a" : String.format(Locale.ROOT, "%.3f", r.chosenReported()), r.evaluator(),
        c.trial(), r.seed());
  }

  /** The benchmark's verdict on the runs: the graded figure of their best, and how their signal ranks. */
  private static void printGrading(GradingSummary g, PrintWriter out) {
    int runs = g.best() == null ? 0 : g.best().n();
    String chosen = g.chosen() == null ? "" : "; retrained choice's " + meanStd(g.chosen(), runs);
    out.printf(Locale.ROOT, "graded by %s (%s): best's %s %s%s; signal vs %s: Kendall tau %s, Spearman rho %s"
        + " (std over %d runs)%n", g.grader(), g.dataset(), g.metric(), meanStd(g.best(), runs), chosen, g.metric(),
        meanStd(g.kendallTau(), runs), meanStd(g.spearmanRho(), runs), runs);
  }

  /** "mean ± std", naming its runs when they are not all ({@code runs}); "n/a" when no run had the value. */
  private static String meanStd(Statistic st, int runs) {
    return st == null ? "n/a" : String.format(Locale.ROOT, "mean %.3f ± %.3f%s", st.mean(), st.std(),
        st.n() == runs ? "" : " over " + st.n() + " runs");
  }

  /** Prints the outcome and returns the exit code. */
  static int finish(Optional<ExperimentSummary> result, Path dir, PrintWriter out, PrintWriter err) {
    if (result.isEmpty()) {
      // A message about the run, not its result: stderr, so that stdout stays the summary.
      err.println("interrupted; the journal is intact. Continue with: nas resume " + dir);
      return NasCommand.INTERRUPTED;
    }
    ExperimentSummary s = result.get();
    String budget = s.budgetTrials() == null ? String.format(Locale.ROOT, "cost %.0f", s.budgetCost())
        : s.budgetTrials() + " trials" + (s.budgetCost() == null ? ""
            : String.format(Locale.ROOT, " or cost %.0f", s.budgetCost()));
    out.printf(Locale.ROOT, "%s: %d run(s) x %s, strategy %s on %s (%s)%n",
        s.name(), s.repeats(), budget, s.strategy(), s.space(), s.evaluator());
    for (Map.Entry<String, Statistic> e : s.reported().entrySet()) {
      Statistic r = e.getValue();
      out.printf(Locale.ROOT, "%s %s: mean %.3f ± %.3f (std over %d runs; min %.3f, max %.3f)%n",
          e.getKey(), s.reportedMetric(), r.mean(), r.std(), r.n(), r.min(), r.max());
    }
    if (s.best() != null) {
      var best = s.best();
      String signalMetric = best.trial().signalMetric() != null ? best.trial().signalMetric() : s.signalMetric();
      String reported = s.reportedMetric().equals(signalMetric) ? ""
          : String.format(Locale.ROOT, ", %s %.3f", s.reportedMetric(), best.reported());
      String fidelity = best.trial().fidelity() == null ? "" : " at fidelity " + best.trial().fidelity();
      out.printf(Locale.ROOT, "best: %s  %s %.3f%s%s (seed %d, trial %d, hash %s)%n",
          best.trial().notation(), signalMetric, best.trial().signal(), reported, fidelity, best.seed(),
          best.trial().trial(), best.trial().hash());
    }
    if (s.grading() != null) {
      printGrading(s.grading(), out);
    }
    int failed = s.runs().stream().mapToInt(ExperimentSummary.RunOutcome::failed).sum();
    int trials = s.runs().stream().mapToInt(ExperimentSummary.RunOutcome::trials).sum();
    if (failed > 0) {
      out.printf(Locale.ROOT, "failed trials: %d of %d (their errors are in the journal: status FAILED)%n", failed,
          trials);
    }
    if (s.hypervolume() != null) {
      Statistic hv = s.hypervolume();
      out.printf(Locale.ROOT, "hypervolume: mean %.6g ± %.3g (std over %d runs); Pareto front of all runs: %d"
          + " architectures%n", hv.mean(), hv.std(), hv.n(), s.paretoFront() == null ? 0 : s.paretoFront().size());
    }
    if (s.retrain() != null) {
      printRetrain(s.retrain(), s.repeats(), out);
    }
    for (ExperimentSummary.RunOutcome run : s.runs()) {
      Path chart = AlphaTrajectoryChart.writeIfDarts(dir.resolve(run.dir()).normalize());
      if (chart != null) {
        out.println("architecture weights per epoch: " + chart);
      }
    }
    out.println("summary: " + dir.resolve(ExperimentSummary.FILE));
    return 0;
  }
}
