package dev.nas.cli;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.Histogram;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's charts, drawn by XChart: search progress, score distribution, Pareto front and
 * timing. The highlighted series (best so far, the front, bars) have fixed colours, which the
 * browser test looks for in a screenshot.
 */
final class ReportCharts {

  static final int WIDTH = 900;
  static final int HEIGHT = 420;
  /** The run's best so far, and the Pareto front. */
  static final Color HIGHLIGHT = new Color(214, 39, 40);
  /** Histogram and bar fills. */
  static final Color BARS = new Color(31, 119, 180);
  private static final Color TRIALS = new Color(150, 150, 150);
  private static final Color MEAN = Color.BLACK;
  /** Runs whose trials are drawn one by one (the mean covers all runs). */
  static final int RUNS_DRAWN = 5;

  private ReportCharts() {}

  /** One run's trials: their ids and signals, and the run's best signal so far after each trial. */
  record RunTrace(long seed, double[] trials, double[] signals, List<Double> bestSoFar) {}

  static XYChart progress(List<RunTrace> runs, List<Double> meanBestSoFar, String signal) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Search signal per trial and best so far")
        .xAxisTitle("trial").yAxisTitle(signal).build();
    style(chart.getStyler());
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    List<RunTrace> drawn = runs.subList(0, Math.min(RUNS_DRAWN, runs.size()));
    for (RunTrace r : drawn) {
      if (r.trials().length == 0) {
        continue;
      }
      XYSeries s = chart.addSeries("trials, seed " + r.seed(), r.trials(), r.signals());
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      s.setMarker(SeriesMarkers.CIRCLE);
      s.setMarkerColor(TRIALS);
      s.setShowInLegend(r == drawn.get(0));
    }
    for (RunTrace r : drawn) {
      if (!r.bestSoFar().isEmpty()) {
        XYSeries s = chart.addSeries("best so far, seed " + r.seed(), index(r.bestSoFar().size()),
            values(r.bestSoFar()));
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(r == drawn.get(0) ? HIGHLIGHT : HIGHLIGHT.brighter());
        s.setLineWidth(r == drawn.get(0) ? 3f : 1.5f);
      }
    }
    if (runs.size() > 1 && !meanBestSoFar.isEmpty()) {
      XYSeries s = chart.addSeries("mean best so far, " + runs.size() + " runs", index(meanBestSoFar.size()),
          values(meanBestSoFar));
      s.setMarker(SeriesMarkers.NONE);
      s.setLineColor(MEAN);
      s.setLineWidth(2f);
    }
    return chart;
  }

  static CategoryChart distribution(List<Double> signals, String signal) {
    return histogram("Distribution of architecture scores (" + signals.size() + " trials)", signal, signals, "#0.00");
  }

  static CategoryChart trialDurations(List<Double> seconds) {
    return histogram("Trial durations (" + seconds.size() + " trials)", "seconds", seconds, "#0.000");
  }

  /** Trials per bin of {@code values} (5 to 25 bins), bin centres labelled with {@code decimals}. */
  private static CategoryChart histogram(String title, String xTitle, List<Double> values, String decimals) {
    CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
        .yAxisTitle("trials").build();
    style(chart.getStyler());
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setXAxisLabelRotation(45);
    chart.getStyler().setXAxisDecimalPattern(decimals);
    Histogram h = new Histogram(values, Math.min(25, Math.max(5, values.size() / 4)));
    chart.addSeries("trials", h.getxAxisData(), h.getyAxisData()).setFillColor(BARS);
    return chart;
  }

  /** All trials' objective pairs (grey) and the front (highlighted), on the first two objectives. */
  static XYChart pareto(String xName, String yName, double[][] trials, double[][] front) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Pareto front")
        .xAxisTitle(xName).yAxisTitle(yName).build();
    style(chart.getStyler());
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    if (trials[0].length > 0) {
      XYSeries all = chart.addSeries("trials", trials[0], trials[1]);
      all.setMarkerColor(TRIALS);
      all.setMarker(SeriesMarkers.CIRCLE);
    }
    XYSeries f = chart.addSeries("non-dominated (" + front[0].length + ")", front[0], front[1]);
    f.setMarkerColor(HIGHLIGHT);
    f.setMarker(SeriesMarkers.DIAMOND);
    chart.getStyler().setMarkerSize(9);
    return chart;
  }

  static CategoryChart timing(TimingBreakdown timing) {
    CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
        .title(String.format(Locale.ROOT, "Where the time went (%.1f s in all)", timing.total()))
        .yAxisTitle("seconds").build();
    style(chart.getStyler());
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setLabelsVisible(true);
    Map<String, Double> phases = timing.phases();
    chart.addSeries("seconds", new ArrayList<>(phases.keySet()), new ArrayList<>(phases.values())).setFillColor(BARS);
    return chart;
  }

  /** A chart as a PNG data URI. */
  static String dataUri(Chart<?, ?> chart) {
    try {
      return "data:image/png;base64," + Base64.getEncoder().encodeToString(
          BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the chart " + chart.getTitle(), e);
    }
  }

  private static void style(Styler styler) {
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setChartTitleBoxVisible(false);
    styler.setAntiAlias(true);
  }

  private static double[] values(List<Double> list) {
    return list.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double[] index(int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i;
    }
    return x;
  }
}
