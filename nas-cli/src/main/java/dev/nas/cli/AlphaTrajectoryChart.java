package dev.nas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nas.core.experiment.Journal;
import dev.nas.core.trial.Trial;
import dev.nas.core.trial.TrialStatus;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;

/**
 * The trajectories of DARTS' architecture weights: one small chart per edge (softmax weight of
 * each candidate op against the epoch, y axis fitted to the values), edges of each matrix in rows, all in one PNG. Read from
 * the {@code proposal.alphas} the DARTS strategy journals every epoch.
 */
final class AlphaTrajectoryChart {

  static final String FILE = "alphas.png";
  private static final int WIDTH = 320;
  private static final int HEIGHT = 230;
  private static final int COLUMNS = 7;

  private AlphaTrajectoryChart() {}

  /** Writes {@value #FILE} into {@code runDir} if its journal holds architecture weights; returns the file or null. */
  static Path writeIfDarts(Path runDir) {
    List<JsonNode> epochs = epochs(runDir);
    if (epochs.isEmpty()) {
      return null;
    }
    BufferedImage image = render(epochs);
    Path file = runDir.resolve(FILE);
    try {
      ImageIO.write(image, "png", file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return file;
  }

  /** The proposals with architecture weights in {@code runDir}'s journal, epoch by epoch (none for other strategies). */
  static List<JsonNode> epochs(Path runDir) {
    return epochs(Journal.read(runDir).stream().map(Journal.Entry::trial).toList());
  }

  /** The proposals with architecture weights among {@code trials}' finished events, in order. */
  static List<JsonNode> epochs(List<Trial> trials) {
    return trials.stream()
        .filter(t -> t.status() != TrialStatus.RUNNING && t.proposal() != null && t.proposal().has("alphas"))
        .map(Trial::proposal).toList();
  }

  static BufferedImage render(List<JsonNode> epochs) {
    JsonNode last = epochs.get(epochs.size() - 1);
    List<String> candidates = new ArrayList<>();
    last.path("candidates").forEach(c -> candidates.add(c.asText()));
    Map<String, Integer> rowsPerMatrix = new LinkedHashMap<>();
    last.path("alphas").fields().forEachRemaining(e -> rowsPerMatrix.put(e.getKey(), e.getValue().size()));
    int gridRows = rowsPerMatrix.values().stream().mapToInt(r -> (r + COLUMNS - 1) / COLUMNS).sum();
    BufferedImage image = new BufferedImage(COLUMNS * WIDTH, gridRows * HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    double[] x = new double[epochs.size()];
    for (int e = 0; e < x.length; e++) {
      x[e] = epochs.get(e).path("epoch").asInt(e + 1);
    }
    int gridRow = 0;
    for (var matrix : rowsPerMatrix.entrySet()) {
      for (int edge = 0; edge < matrix.getValue(); edge++) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
            .title(matrix.getKey().replace("alpha.", "") + " " + last.path("edges").path(matrix.getKey()).path(edge)
                .asText("edge " + edge)).xAxisTitle("epoch").yAxisTitle("softmax")
            .build();
        XYStyler style = chart.getStyler();
        style.setLegendVisible(edge == 0 && gridRow == 0);
        style.setLegendPosition(Styler.LegendPosition.InsideNE);
        style.setMarkerSize(3);
        for (int k = 0; k < candidates.size(); k++) {
          double[] y = new double[epochs.size()];
          for (int e = 0; e < y.length; e++) {
            y[e] = epochs.get(e).path("alphas").path(matrix.getKey()).path(edge).path(k).asDouble();
          }
          chart.addSeries(candidates.get(k), x, y);
        }
        g.drawImage(BitmapEncoder.getBufferedImage(chart), (edge % COLUMNS) * WIDTH,
            (gridRow + edge / COLUMNS) * HEIGHT, null);
      }
      gridRow += (matrix.getValue() + COLUMNS - 1) / COLUMNS;
    }
    g.dispose();
    return image;
  }
}
