package dev.nas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nas.core.arch.Architecture;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.experiment.ExperimentResults;
import dev.nas.core.experiment.ExperimentSummary;
import dev.nas.core.experiment.Journal;
import dev.nas.core.experiment.Provenance;
import dev.nas.core.experiment.RetrainedTrial;
import dev.nas.core.experiment.RunSummary;
import dev.nas.core.experiment.SearchRun;
import dev.nas.core.experiment.Statistic;
import dev.nas.core.json.Json;
import dev.nas.core.trial.Trial;
import dev.nas.core.trial.TrialStatus;
import dev.nas.spaces.darts.CellDiagram;
import dev.nas.spaces.darts.DartsGenotype;
import dev.nas.spaces.darts.DartsSpace;
import dev.nas.spaces.network.NetworkDiagram;
import dev.nas.spaces.network.NetworkSpace;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * {@code report.html}: one self-contained page (charts as embedded PNGs, diagrams as inline SVG,
 * no external files or scripts) describing a finished experiment: summary, search progress,
 * score distribution, the Pareto front and DARTS' architecture weights when present, the best
 * architecture's diagrams, retraining, timing and provenance. A small inline script counts the
 * charts the browser decoded ({@code data-plots-rendered} on the body), for the browser test.
 */
final class HtmlReport {

  private final Path dir;
  private final ExperimentSummary summary;
  private final SearchSpace space;
  /** The experiment's provenance.json, or null when it has none. */
  private final JsonNode provenance;
  private final StringBuilder html = new StringBuilder();

  private HtmlReport(Path dir, ExperimentSummary summary, SearchSpace space) {
    this.dir = dir;
    this.summary = summary;
    this.space = space;
    this.provenance = provenanceJson(dir);
  }

  /**
   * The report of the finished experiment in {@code dir} ({@code summary}, read by
   * {@link ExperimentResults#summary}), whose search space is {@code space}.
   */
  static String of(Path dir, ExperimentSummary summary, SearchSpace space) {
    return new HtmlReport(dir, summary, space).render();
  }

  private String render() {
    List<RunData> runs = runs();
    head();
    overview(runs);
    progress(runs);
    distribution(runs);
    pareto(runs);
    alphas(runs);
    best();
    retraining(runs);
    timing(runs);
    provenance();
    html.append("<script>\n// Charts the browser decoded: read by the headless-browser test.\n")
        .append("window.addEventListener('load', () => document.body.setAttribute('data-plots-rendered',\n")
        .append("  [...document.querySelectorAll('img.plot')].filter(i => i.complete && i.naturalWidth > 0).length));\n")
        .append("</script>\n</body>\n</html>\n");
    return html.toString();
  }

  /** One run's directory, summary (if it finished) and finished trials. */
  private record RunData(long seed, Path dir, RunSummary result, List<Trial> trials) {}

  private List<RunData> runs() {
    List<RunData> runs = new ArrayList<>();
    for (ExperimentSummary.RunOutcome o : summary.runs()) {
      Path runDir = dir.resolve(o.dir()).normalize();
      List<Trial> trials = Journal.read(runDir).stream().map(Journal.Entry::trial)
          .filter(t -> t.status() != TrialStatus.RUNNING && t.status() != TrialStatus.QUEUED).toList();
      runs.add(new RunData(o.seed(), runDir, SearchRun.completed(runDir).orElse(null), trials));
    }
    return runs;
  }

  private void head() {
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>nas report: ")
        .append(esc(summary.name())).append("</title>\n<style>\n")
        .append("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px auto;max-width:960px;")
        .append("color:#222;line-height:1.45}\n")
        .append("h1{margin-bottom:4px}h2{margin-top:36px;border-bottom:1px solid #ddd;padding-bottom:4px}\n")
        .append("table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ddd;padding:3px 8px;")
        .append("text-align:left;vertical-align:top}th{background:#f4f4f4}\n")
        .append("code{font-size:90%;word-break:break-all}.note{color:#666;font-size:90%}\n")
        .append(".diagram{overflow:auto;max-height:720px;border:1px solid #eee;margin:8px 0}img.plot{display:block;margin:8px 0}\n")
        .append("</style>\n</head>\n<body>\n");
  }

  private void overview(List<RunData> runs) {
    html.append("<h1>").append(esc(summary.name())).append("</h1>\n<p class=\"note\">nas report of ")
        .append(esc(dir.toAbsolutePath().normalize().toString())).append("</p>\n<table>\n");
    row("space", summary.space());
    row("strategy", summary.strategy());
    row("evaluator", summary.evaluator() + " (signal " + summary.signalMetric()
        + (summary.reportedMetric() != null ? ", reported " + summary.reportedMetric() : "") + ")");
    row("runs", summary.repeats() + " (seeds " + seeds(runs) + ")");
    row("budget", (summary.budgetTrials() != null ? summary.budgetTrials() + " trials" : "")
        + (summary.budgetCost() != null ? (summary.budgetTrials() != null ? ", " : "") + "cost "
            + num(summary.budgetCost()) : ""));
    row("trials", runs.stream().mapToInt(r -> r.trials().size()).sum() + " finished ("
        + summary.runs().stream().mapToInt(ExperimentSummary.RunOutcome::failed).sum() + " failed, "
        + summary.runs().stream().mapToInt(ExperimentSummary.RunOutcome::duplicates).sum() + " duplicates)");
    row("search signal of each run's best", stat(summary.signal()));
    summary.reported().forEach((strategy, s) -> row(summary.reportedMetric() + " of each run's answer", stat(s)));
    if (summary.best() != null) {
      rawRow("best architecture", "<code>" + esc(summary.best().trial().notation()) + "</code><br>" + summary.signalMetric()
          + " " + num(summary.best().trial().signal()) + " (seed " + summary.best().seed() + ", trial "
          + summary.best().trial().trial() + ")");
    }
    if (summary.hypervolume() != null) {
      row("hypervolume", stat(summary.hypervolume()));
    }
    if (summary.grading() != null) {
      var g = summary.grading();
      String by = " (" + g.grader() + ", " + g.dataset() + ")";
      row("graded " + g.metric() + " of each run's best" + by, stat(g.best()));
      if (g.chosen() != null) {
        row("graded " + g.metric() + " of each run's retrained choice" + by, stat(g.chosen()));
      }
      row("Kendall tau, signal vs " + g.metric() + by, stat(g.kendallTau()));
      row("Spearman rho, signal vs " + g.metric() + by, stat(g.spearmanRho()));
    }
    html.append("</table>\n");
  }

  private void progress(List<RunData> runs) {
    List<ReportCharts.RunTrace> traces = new ArrayList<>();
    for (RunData r : runs) {
      List<Trial> ok = r.trials().stream().filter(t -> t.status() == TrialStatus.SUCCEEDED).toList();
      double[] x = ok.stream().mapToDouble(Trial::id).toArray();
      double[] y = ok.stream().mapToDouble(t -> t.metrics().signal()).toArray();
      traces.add(new ReportCharts.RunTrace(r.seed(), x, y, bestSignalSoFar(r.trials())));
    }
    if (traces.stream().allMatch(t -> t.trials().length == 0)) {
      return;
    }
    html.append("<h2>Search progress</h2>\n<p>").append(runs.size() == 1
        ? "Every trial's search signal (grey) and the best so far."
        : "Every trial's search signal (grey; the first " + Math.min(ReportCharts.RUNS_DRAWN, runs.size())
            + " runs), each of those runs' best so far, and in black the mean best so far over all " + runs.size()
            + " runs.").append("</p>\n");
    plot("progress", ReportCharts.dataUri(ReportCharts.progress(traces, mean(traces), summary.signalMetric())),
        ReportCharts.WIDTH, ReportCharts.HEIGHT);
  }

  /** After each trial (by id), the best signal of the run's successful trials so far (NaN before the first). */
  private static List<Double> bestSignalSoFar(List<Trial> trials) {
    List<Trial> byId = trials.stream().sorted(java.util.Comparator.comparingInt(Trial::id)).toList();
    List<Double> best = new ArrayList<>();
    double max = Double.NaN;
    for (Trial t : byId) {
      if (t.status() == TrialStatus.SUCCEEDED) {
        max = Double.isNaN(max) ? t.metrics().signal() : Math.max(max, t.metrics().signal());
      }
      best.add(max);
    }
    return best;
  }

  /** The mean best-so-far over runs, up to the shortest run. */
  private static List<Double> mean(List<ReportCharts.RunTrace> traces) {
    int n = traces.stream().mapToInt(t -> t.bestSoFar().size()).min().orElse(0);
    List<Double> mean = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      final int at = i;
      mean.add(traces.stream().mapToDouble(t -> t.bestSoFar().get(at)).average().orElse(Double.NaN));
    }
    return mean;
  }

  private void distribution(List<RunData> runs) {
    List<Double> signals = runs.stream().flatMap(r -> r.trials().stream())
        .filter(t -> t.status() == TrialStatus.SUCCEEDED).map(t -> t.metrics().signal()).toList();
    if (signals.size() < 2) {
      return;
    }
    html.append("<h2>Architecture scores</h2>\n");
    plot("distribution", ReportCharts.dataUri(ReportCharts.distribution(signals, summary.signalMetric())),
        ReportCharts.WIDTH, ReportCharts.HEIGHT);
  }

  private void pareto(List<RunData> runs) {
    if (summary.paretoFront() == null || summary.paretoFront().isEmpty()) {
      return;
    }
    List<String> names = new ArrayList<>(summary.paretoFront().get(0).point().objectives().keySet());
    if (names.size() < 2) {
      return;
    }
    String xName = names.get(1);
    String yName = names.get(0);
    List<double[]> all = new ArrayList<>();
    for (RunData r : runs.subList(0, Math.min(ReportCharts.RUNS_DRAWN, runs.size()))) {
      for (Trial t : r.trials()) {
        Map<String, Double> v = t.metrics() == null ? Map.of() : t.metrics().values();
        if (t.status() == TrialStatus.SUCCEEDED && v.containsKey(xName) && v.containsKey(yName)) {
          all.add(new double[] {v.get(xName), v.get(yName)});
        }
      }
    }
    double[][] trials = {all.stream().mapToDouble(p -> p[0]).toArray(), all.stream().mapToDouble(p -> p[1]).toArray()};
    var front = summary.paretoFront();
    double[][] points = {front.stream().mapToDouble(p -> p.point().objectives().get(xName)).toArray(),
        front.stream().mapToDouble(p -> p.point().objectives().get(yName)).toArray()};
    html.append("<h2>Pareto front</h2>\n<p>The non-dominated architectures of all runs (")
        .append(front.size()).append(") on ").append(esc(yName)).append(" and ").append(esc(xName))
        .append(", over the trials of the first runs (grey).")
        .append(names.size() > 2 ? " Objectives not drawn: " + esc(String.join(", ", names.subList(2, names.size())))
            + "." : "").append("</p>\n");
    plot("pareto", ReportCharts.dataUri(ReportCharts.pareto(xName, yName, trials, points)), ReportCharts.WIDTH,
        ReportCharts.HEIGHT);
  }

  private void alphas(List<RunData> runs) {
    List<JsonNode> epochs = runs.isEmpty() ? List.of() : AlphaTrajectoryChart.epochs(runs.get(0).trials());
    if (epochs.isEmpty()) {
      return;
    }
    BufferedImage image = AlphaTrajectoryChart.render(epochs);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    html.append("<h2>DARTS architecture weights</h2>\n<p>Softmax weight of each candidate op per edge and epoch")
        .append(" (seed ").append(runs.get(0).seed()).append(").</p>\n");
    // Scaled to the page width; the PNG keeps its full resolution.
    plot("alphas", "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray()), 960,
        960 * image.getHeight() / image.getWidth());
  }

  private void best() {
    Architecture arch = answer();
    if (arch == null) {
      return;
    }
    html.append("<h2>Best architecture</h2>\n<p><code>").append(esc(space.format(arch))).append("</code></p>\n");
    if (space instanceof NetworkSpace networks) {
      var net = networks.network(arch);
      html.append(String.format(Locale.ROOT, "<p>%,d parameters, %,d FLOPs (multiply-adds).</p>%n", net.params(),
          net.flops()));
    }
    boolean dot = Graphviz.available();
    if (!dot) {
      html.append("<p class=\"note\">Graphviz's dot is not installed, so the diagrams are shown as DOT source; ")
          .append(esc(Graphviz.INSTALL)).append(" and run nas report again to draw them.</p>\n");
    }
    if (space instanceof DartsSpace darts) {
      DartsGenotype genotype = darts.genotype(arch);
      diagram("Normal cell", CellDiagram.dot(genotype, false), dot);
      diagram("Reduction cell", CellDiagram.dot(genotype, true), dot);
    } else if (space instanceof NetworkSpace networks) {
      diagram("Network", NetworkDiagram.dot(networks.network(arch)), dot);
    }
  }

  /** The run's answer: the chosen retrained architecture when the experiment retrained, else the best by signal. */
  private Architecture answer() {
    if (summary.retrain() != null && summary.retrain().chosen() != null) {
      return summary.retrain().chosen().arch();
    }
    return summary.best() == null ? null : summary.best().trial().arch();
  }

  private void diagram(String title, String dotSource, boolean draw) {
    html.append("<h3>").append(esc(title)).append("</h3>\n<div class=\"diagram\">");
    if (draw) {
      String svg = Graphviz.svg(dotSource, title);
      html.append(svg.substring(Math.max(0, svg.indexOf("<svg"))));
    } else {
      html.append("<pre>").append(esc(dotSource)).append("</pre>");
    }
    html.append("</div>\n");
  }

  private void retraining(List<RunData> runs) {
    List<RetrainedTrial> retrained = new ArrayList<>();
    for (RunData r : runs) {
      if (r.result() != null && r.result().retrain() != null) {
        retrained.addAll(r.result().retrain().trials());
      }
    }
    if (retrained.isEmpty()) {
      return;
    }
    var rs = summary.retrain();
    html.append("<h2>Retraining</h2>\n<p>The best distinct architectures of the search, trained again with ")
        .append(esc(rs.evaluator())).append("; the answer is the one with the best ").append(esc(rs.signalMetric()))
        .append(".</p>\n<table>\n<tr><th>seed</th><th>rank</th><th>architecture</th><th>search signal</th><th>")
        .append(esc(rs.signalMetric())).append("</th><th>").append(esc(String.valueOf(rs.reportedMetric())))
        .append("</th></tr>\n");
    for (RetrainedTrial t : retrained) {
      Double reported = t.metrics() == null || rs.reportedMetric() == null ? null : t.metrics().get(rs.reportedMetric());
      html.append("<tr><td>").append(t.seed()).append("</td><td>").append(t.rank()).append("</td><td><code>")
          .append(esc(t.notation())).append("</code></td><td>").append(num(t.searchSignal())).append("</td><td>")
          .append(t.signal() == null ? esc("failed: " + t.error()) : num(t.signal())).append("</td><td>")
          .append(reported == null ? "" : num(reported)).append("</td></tr>\n");
    }
    html.append("</table>\n");
  }

  private void timing(List<RunData> runs) {
    Instant started = instant(provenance, "started");
    Instant finished = instant(provenance, "finished");
    int resumes = provenance == null ? 0 : provenance.path("resumed").size();
    TimingBreakdown t = TimingBreakdown.of(started, finished, resumes, runs.stream().map(RunData::trials).toList());
    html.append("<h2>Timing</h2>\n<p>From the experiment's start and end (provenance.json) and the trials' own")
        .append(" timestamps (journal.jsonl).")
        .append(resumes > 0 ? " The experiment was resumed " + resumes + " time(s): the wall time includes the stops."
            : "").append("</p>\n");
    plot("timing", ReportCharts.dataUri(ReportCharts.timing(t)), ReportCharts.WIDTH, ReportCharts.HEIGHT);
    html.append("<table>\n");
    t.phases().forEach((phase, seconds) -> row(phase, String.format(Locale.ROOT, "%.2f s (%.1f%%)", seconds,
        t.total() > 0 ? 100 * seconds / t.total() : 0)));
    html.append("</table>\n");
    if (t.trialSeconds().size() >= 2) {
      plot("durations", ReportCharts.dataUri(ReportCharts.trialDurations(t.trialSeconds())), ReportCharts.WIDTH,
          ReportCharts.HEIGHT);
    }
  }

  private void provenance() {
    JsonNode p = provenance;
    if (p == null) {
      return;
    }
    html.append("<h2>Provenance</h2>\n<table>\n");
    row("nas", p.path("nas_version").asText() + " (" + p.path("git_commit").asText("unknown commit") + ")");
    row("master seed", p.path("seed").asText());
    row("Java", p.path("java").asText());
    row("OS", p.path("os").asText());
    row("started", p.path("started").asText());
    row("finished", p.path("finished").asText());
    p.path("libraries").fields().forEachRemaining(e -> row(e.getKey(), e.getValue().asText()));
    p.path("data_files").fields().forEachRemaining(e -> rawRow("data " + e.getKey(), "<code>" + esc(e.getValue().asText())
        + "</code>"));
    html.append("</table>\n<p class=\"note\">The resolved config is in config.yaml and provenance.json.</p>\n");
  }

  private static JsonNode provenanceJson(Path dir) {
    Path file = dir.resolve(Provenance.FILE);
    if (!Files.exists(file)) {
      return null;
    }
    try {
      return Json.json().readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static Instant instant(JsonNode node, String key) {
    return node == null || !node.hasNonNull(key) ? null : Instant.parse(node.get(key).asText());
  }

  private void plot(String name, String dataUri, int width, int height) {
    html.append("<img class=\"plot\" data-plot=\"").append(name).append("\" alt=\"").append(name)
        .append(" chart\" width=\"").append(width).append("\" height=\"").append(height).append("\" src=\"")
        .append(dataUri).append("\">\n");
  }

  private void row(String key, String value) {
    rawRow(key, esc(value));
  }

  private void rawRow(String key, String htmlValue) {
    html.append("<tr><th>").append(esc(key)).append("</th><td>").append(htmlValue).append("</td></tr>\n");
  }

  private static String seeds(List<RunData> runs) {
    List<String> s = runs.stream().map(r -> Long.toString(r.seed())).toList();
    return s.size() <= 6 ? String.join(", ", s) : String.join(", ", s.subList(0, 3)) + ", ..., " + s.get(s.size() - 1);
  }

  private static String stat(Statistic s) {
    if (s == null || s.n() == 0) {
      return "none";
    }
    return s.n() == 1 ? num(s.mean()) : num(s.mean()) + " ± " + num(s.std()) + " (min " + num(s.min()) + ", max "
        + num(s.max()) + ", n " + s.n() + ")";
  }

  private static String num(double v) {
    return Math.abs(v) >= 1e5 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.4g", v);
  }

  static String esc(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
