package dev.nas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nas report}: a self-contained HTML page whose charts a real browser (Debian's chromium,
 * headless) decodes and draws: the page counts its decoded charts, and a screenshot must show the
 * charts' fixed highlight and bar colours.
 */
class ReportTest {

  static final String CHROMIUM = "chromium";

  @TempDir
  Path tmp;

  @Test
  void aDartsRunsReportRendersItsChartsAndCellDiagramsInChromium() throws Exception {
    Path cfg = tmp.resolve("darts.yaml");
    Files.writeString(cfg, """
        name: tiny-darts
        seed: 2
        space: {type: darts, channels: 4, layers: 3, auxiliary: false}
        evaluator: {type: supernet, train_images: 256, batch_size: 32, steps: 0, valid_batches: 2}
        strategy: {type: darts, order: 1, epochs: 3, steps_per_epoch: 2, batch_size: 16}
        budget: {trials: 5}
        retrain:
          top_k: 1
          select: latest
          evaluator: {type: standalone, train_images: 256, batch_size: 32, epochs: 1, eval_images: 64}
        """);
    Path run = tmp.resolve("darts");
    Cli searched = Cli.run("search", cfg.toString(), "--out", run.toString(), "-q");
    assertEquals(0, searched.exit(), searched.err());
    Cli r = Cli.run("report", run.toString());
    assertEquals(0, r.exit(), r.err());
    Path report = run.resolve(ReportCommand.FILE);
    String html = Files.readString(report);
    assertSelfContained(html);
    assertEquals(List.of("progress", "distribution", "alphas", "timing", "durations"), plots(html));
    // The answer's normal and reduction cells, drawn by Graphviz inline.
    assertEquals(2, count(html, "<svg"), "two cell diagrams");
    assertTrue(html.contains("<h2>Retraining</h2>"), "retraining table");
    assertTrue(html.contains("first trials (with warm-up)") && html.contains("retraining and the rest"),
        "timing table");

    assertEquals(5, renderedPlots(report));
    BufferedImage shot = screenshot(report, 9000);
    assertTrue(pixels(shot, ReportCharts.HIGHLIGHT) > 300, "best-so-far line: " + pixels(shot, ReportCharts.HIGHLIGHT));
    assertTrue(pixels(shot, ReportCharts.BARS) > 20_000, "histogram and timing bars: " + pixels(shot, ReportCharts.BARS));
  }

  @Test
  void aMultiObjectiveReportDrawsTheParetoFront() throws Exception {
    Path run = tmp.resolve("pareto");
    Cli.search("nb201-pareto.yaml", run, "--repeats", "2", "-q", "--set", "budget.trials=100");
    Path report = tmp.resolve("elsewhere/pareto.html");
    Files.createDirectories(report.getParent());
    Cli r = Cli.run("report", run.toString(), "--out", report.toString());
    assertEquals(0, r.exit(), r.err());
    String html = Files.readString(report);
    assertSelfContained(html);
    assertTrue(plots(html).contains("pareto"), plots(html).toString());
    assertTrue(html.contains("<h2>Pareto front</h2>"));
    assertEquals(plots(html).size(), renderedPlots(report));
    BufferedImage shot = screenshot(report, 6000);
    assertTrue(pixels(shot, ReportCharts.HIGHLIGHT) > 300, "front markers and best so far");
  }

  @Test
  void aDirectoryWithoutASummaryGetsNoReport() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("empty"));
    Cli r = Cli.run("report", dir.toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("not a finished run directory"), r.err());
    assertFalse(Files.exists(dir.resolve(ReportCommand.FILE)));
  }

  private static void assertSelfContained(String html) {
    assertFalse(Pattern.compile("(src|href)=\"(?!data:)").matcher(html).find(), "only data: URIs");
    assertFalse(html.contains("<link"), "no external style sheets");
  }

  private static List<String> plots(String html) {
    List<String> names = new ArrayList<>();
    Matcher m = Pattern.compile("<img class=\"plot\" data-plot=\"([a-z]+)\"").matcher(html);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private static int count(String s, String part) {
    return s.split(Pattern.quote(part), -1).length - 1;
  }

  /** The charts chromium decoded, as the page's own script counted them after loading. */
  private int renderedPlots(Path report) throws Exception {
    String dom = chromium(List.of("--dump-dom", report.toUri().toString()));
    Matcher m = Pattern.compile("data-plots-rendered=\"(\\d+)\"").matcher(dom);
    assertTrue(m.find(), "the page's script ran: " + dom.substring(0, Math.min(300, dom.length())));
    return Integer.parseInt(m.group(1));
  }

  private BufferedImage screenshot(Path report, int height) throws Exception {
    Path png = tmp.resolve("shot-" + System.nanoTime() + ".png");
    chromium(List.of("--hide-scrollbars", "--window-size=1000," + height, "--screenshot=" + png,
        report.toUri().toString()));
    assertTrue(Files.size(png) > 10_000, "screenshot written");
    return ImageIO.read(png.toFile());
  }

  private String chromium(List<String> args) throws Exception {
    List<String> command = new ArrayList<>(List.of(CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
        "--user-data-dir=" + tmp.resolve("chromium-profile")));
    command.addAll(args);
    Process p;
    try {
      p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      throw new AssertionError("this test needs Debian's chromium (apt-get install chromium; .ci/run installs it)", e);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium finished");
    assertEquals(0, p.exitValue(), "chromium exit status");
    return out;
  }

  private static int pixels(BufferedImage image, Color color) {
    int rgb = color.getRGB() & 0xffffff;
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        n += (image.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
      }
    }
    return n;
  }
}
