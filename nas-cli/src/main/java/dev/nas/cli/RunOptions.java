package dev.nas.cli;

import dev.nas.core.experiment.Experiment;
import dev.nas.core.experiment.ExperimentSummary;
import dev.nas.core.experiment.RunListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.Option;

/** Options shared by the commands that run an experiment, and how they run it. */
final class RunOptions {

  @Option(names = {"-q", "--quiet"}, description = "No progress bar; only the final summary.")
  boolean quiet;

  /**
   * Runs {@code body} (start or resume) with Ctrl-C handling and a progress bar, prints the
   * outcome and returns the exit code.
   */
  int run(Experiment experiment, Path dir, PrintWriter out,
      BiFunction<RunListener, BooleanSupplier, Optional<ExperimentSummary>> body) {
    try (StopSignal stop = new StopSignal();
        ProgressReporter progress = new ProgressReporter(quiet, experiment.setup().evaluator().signalMetric())) {
      Optional<ExperimentSummary> summary = body.apply(progress, stop);
      progress.close();
      return SummaryPrinter.finish(summary, dir, out);
    }
  }
}
