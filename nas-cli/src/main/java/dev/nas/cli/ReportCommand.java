package dev.nas.cli;

import dev.nas.core.config.ConfigLoader;
import dev.nas.core.config.ExperimentConfig;
import dev.nas.core.experiment.Experiment;
import dev.nas.core.experiment.ExperimentResults;
import dev.nas.core.experiment.ExperimentSummary;
import dev.nas.core.json.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nas report DIR}: writes {@code DIR/report.html} ({@link HtmlReport}), one self-contained
 * page to open in a browser or attach to a ticket. The run directory is only read; the report is
 * written atomically (an earlier report is replaced).
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write a self-contained HTML report (charts, diagrams, timing, provenance) of a finished run.")
final class ReportCommand implements Callable<Integer> {

  static final String FILE = "report.html";

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "Run directory of a finished 'nas search'.")
  Path dir;

  @Option(names = "--out", paramLabel = "FILE", description = "Where to write (default: DIR/" + FILE + ").")
  Path out;

  @Override
  public Integer call() {
    ExperimentSummary summary = ExperimentResults.summary(dir);
    ExperimentConfig config = ConfigLoader.withInstalledTypes().load(dir.resolve(Experiment.CONFIG_FILE), List.of());
    if (!Graphviz.available()) {
      spec.commandLine().getErr().println("nas: warning: " + Graphviz.MISSING + "; the report shows their DOT source");
    }
    String html = HtmlReport.of(dir, summary, config.space().create());
    Path target = OutputPath.file(out != null ? out : dir.resolve(FILE), out != null ? "--out" : "report");
    Json.writeAtomically(target, html);
    spec.commandLine().getOut().println("report: " + target + " (" + Math.round(html.length() / 1024.0) + " KiB)");
    return 0;
  }
}
