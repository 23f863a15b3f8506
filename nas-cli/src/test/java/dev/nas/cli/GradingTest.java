package dev.nas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nas.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grading by the NB201 table through the command line: a shipped NB201 config graded run by run
 * (journal, result.json, summary.json, stdout, report, export), checked against the evaluator's own
 * lookups and against commons-math3's correlations; the same search with {@code grading: false}.
 */
class GradingTest {

  @TempDir
  Path tmp;

  private static final String[] SMALL = {"--repeats", "3", "--seed", "11", "--set", "budget.trials=120"};

  private static String[] args(String... more) {
    String[] all = new String[SMALL.length + more.length];
    System.arraycopy(SMALL, 0, all, 0, SMALL.length);
    System.arraycopy(more, 0, all, SMALL.length, more.length);
    return all;
  }

  @Test
  void aTableSearchIsGradedAndTheSummaryRanksItsSignal() throws IOException {
    Path out = tmp.resolve("rea");
    JsonNode summary = Cli.search("nb201-rea.yaml", out, args());
    List<Double> taus = new ArrayList<>();
    for (int r = 0; r < 3; r++) {
      Path run = out.resolve("seed-" + (11 + r));
      List<JsonNode> trials = JournalFiles.finished(run);
      List<double[]> pairs = new ArrayList<>();
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (JsonNode t : trials) {
        JsonNode graded = t.get("graded");
        JsonNode metrics = t.get("metrics").get("values");
        // The grader and the table evaluator read one table: the same figures, by two paths.
        assertEquals(metrics.get("test_acc_200").asDouble(), graded.get("test_acc_200").asDouble(), t.toString());
        assertEquals(metrics.get("valid_acc_12").asDouble(), graded.get("valid_acc_12").asDouble(), t.toString());
        assertEquals(metrics.get("test_acc_12").asDouble(), graded.get("test_acc_12").asDouble(), t.toString());
        // One point per cell, its first evaluation.
        if (seen.add(t.get("notation").asText())) {
          pairs.add(new double[] {t.get("metrics").get("signal").asDouble(), graded.get("test_acc_200").asDouble()});
        }
      }
      assertTrue(pairs.size() < trials.size() - 10, "evolution re-proposes cells; they are left out: " + pairs.size());
      double[] signal = pairs.stream().mapToDouble(p -> p[0]).toArray();
      double[] test200 = pairs.stream().mapToDouble(p -> p[1]).toArray();
      JsonNode result = Json.json().readTree(run.resolve("result.json").toFile());
      JsonNode grading = result.get("grading");
      assertEquals(pairs.size(), grading.get("trials").asInt());
      assertEquals(new KendallsCorrelation().correlation(signal, test200), grading.get("kendall_tau").asDouble(),
          1e-12);
      assertEquals(new SpearmansCorrelation().correlation(signal, test200), grading.get("spearman_rho").asDouble(),
          1e-12);
      // The best trial's graded figure is the run's reported one (the table evaluator reports test_acc_200).
      assertEquals(result.get("reported").asDouble(), grading.get("best").asDouble());
      assertEquals(grading, summary.get("runs").get(r).get("grading"));
      taus.add(grading.get("kendall_tau").asDouble());
    }
    JsonNode tau = summary.get("grading").get("kendall_tau");
    assertEquals(3, tau.get("n").asInt());
    assertEquals(taus.stream().mapToDouble(Double::doubleValue).average().orElseThrow(), tau.get("mean").asDouble(),
        1e-12);
    assertEquals(summary.get("reported").get("evolution").get("mean").asDouble(),
        summary.get("grading").get("best").get("mean").asDouble(), 1e-12);
    // The 12-epoch validation accuracy ranks the cells evolution visits, but not perfectly.
    assertTrue(tau.get("mean").asDouble() > 0.3 && tau.get("max").asDouble() < 1, tau.toString());
  }

  @Test
  void gradingShowsInTheSummaryLinesTheReportAndTheExport() throws IOException {
    Path out = tmp.resolve("rea");
    Cli r = Cli.run(concat(new String[] {"search", Cli.config("nb201-rea.yaml").toString(), "--out", out.toString(),
        "-q"}, args()));
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().matches("(?s).*\ngraded by nb201-table \\(cifar10\\): best's test_acc_200"
        + " mean [0-9.]+ ± [0-9.]+; signal vs test_acc_200: Kendall tau mean [0-9.]+ ± [0-9.]+,"
        + " Spearman rho mean [0-9.]+ ± [0-9.]+"
        + " \\(std over 3 runs\\)\n.*"), r.out());
    Cli report = Cli.run("report", out.toString());
    assertEquals(0, report.exit(), report.err());
    String html = Files.readString(out.resolve(ReportCommand.FILE));
    assertTrue(html.contains("graded test_acc_200 of each run&#39;s best (nb201-table, cifar10)")
        || html.contains("graded test_acc_200 of each run's best (nb201-table, cifar10)"), "report");
    assertTrue(html.contains("Kendall tau, signal vs test_acc_200"), "report");
    Cli export = Cli.run("export", out.toString(), "--top-k", "1", "--no-svg");
    assertEquals(0, export.exit(), export.err());
    JsonNode arch = Json.json().readTree(out.resolve("export/rank-1/architecture.json").toFile());
    assertEquals(arch.get("metrics").get("test_acc_200"), arch.get("graded").get("test_acc_200"));
  }

  @Test
  void gradingOffMakesTheSameSearchWithoutAnyGrade() throws IOException {
    Path graded = tmp.resolve("graded");
    Path plain = tmp.resolve("plain");
    Cli.search("nb201-rea.yaml", graded, args());
    JsonNode summary = Cli.search("nb201-rea.yaml", plain, args("--set", "grading=false"));
    assertFalse(summary.has("grading"), summary.toString());
    assertTrue(Files.readString(plain.resolve("config.yaml")).contains("grading: false"));
    assertTrue(Files.readString(graded.resolve("config.yaml")).contains("grading: true"));
    for (int r = 0; r < 3; r++) {
      String run = "seed-" + (11 + r);
      List<String> withGrades = new ArrayList<>();
      for (String line : JournalFiles.timeless(graded.resolve(run))) {
        ObjectNode n = (ObjectNode) Json.json().readTree(line);
        n.remove("graded");
        withGrades.add(n.toString());
      }
      assertEquals(JournalFiles.timeless(plain.resolve(run)), withGrades, run);
      assertFalse(Files.readString(plain.resolve(run).resolve("journal.jsonl")).contains("graded"));
      ObjectNode result = (ObjectNode) Json.json().readTree(graded.resolve(run).resolve("result.json").toFile());
      result.remove("grading");
      assertEquals(Json.json().readTree(plain.resolve(run).resolve("result.json").toFile()), result, run);
    }
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
