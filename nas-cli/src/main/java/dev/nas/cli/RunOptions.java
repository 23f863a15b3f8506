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

  @Option(names = {"-q", "--quiet"}, description = "No progress bars (search, warm-up, training); only the final summary.")
  boolean quiet;

  /** How progress is reported on stderr. */
  enum LogFormat { text, json }

  @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text (default: progress bars on a terminal) or json (one JSON event per line on stderr,"
          + " no bars; accepted: ${COMPLETION-CANDIDATES}).")
  LogFormat logFormat;

  /** Prints settings that are accepted but probably not meant, before the run starts. */
  void warn(java.util.List<String> warnings, PrintWriter err) {
    for (String w : warnings) {
      if (logFormat == LogFormat.json) {
        JsonEvents events = new JsonEvents(err);
        events.emit(events.event("warning").put("message", w));
      } else {
        err.println("nas: warning: " + w);
      }
    }
  }

  /**
   * Runs {@code body} (start or resume) with Ctrl-C handling and a progress bar, prints the
   * outcome and returns the exit code.
   */
  int run(Experiment experiment, Path dir, PrintWriter out, PrintWriter err,
      BiFunction<RunListener, BooleanSupplier, Optional<ExperimentSummary>> body) {
    if (quiet || logFormat == LogFormat.json) {
      dev.nas.core.ProgressBars.suppress();
    }
    try (StopSignal stop = new StopSignal();
        ProgressReporter progress = new ProgressReporter(quiet || logFormat == LogFormat.json,
            experiment.setup().evaluator().signalMetric(), err)) {
      RunListener listener = logFormat == LogFormat.json ? new JsonLogListener(err) : progress;
      Optional<ExperimentSummary> summary = body.apply(listener, stop);
      progress.close();
      if (summary.isEmpty() && logFormat == LogFormat.json) {
        JsonEvents events = new JsonEvents(err);
        events.emit(events.event("interrupted").put("dir", dir.toString()).put("resume", "nas resume " + dir));
      }
      return SummaryPrinter.finish(summary, dir, out, err);
    }
  }
}
