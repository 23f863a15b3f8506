package dev.nas.cli;

import dev.nas.core.experiment.BestTrial;
import dev.nas.core.experiment.RetrainedTrial;
import dev.nas.core.experiment.RunListener;
import dev.nas.core.experiment.RunSummary;
import dev.nas.core.trial.Trial;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr (trials done over the whole budget, best signal, ETA) when stderr is a
 * terminal and not {@code --quiet}; silent otherwise, so scripts and CI logs stay clean.
 */
final class ProgressReporter implements RunListener, AutoCloseable {

  private final boolean enabled;
  private final boolean quiet;
  private final java.io.PrintWriter err;
  private final String signalName;
  private ProgressBar bar;
  private String name;
  private long totalTrials;
  private long done;
  private long finishedRuns;
  private long trialsPerRun;
  private long countedBefore;
  private double bestSignal = Double.NEGATIVE_INFINITY;
  // Hyperband: a best at a higher fidelity replaces one at a lower fidelity whatever the signals.
  private int bestFidelity = Integer.MIN_VALUE;
  private String bestName;

  ProgressReporter(boolean quiet, String signalName, java.io.PrintWriter err) {
    this.enabled = !quiet && dev.nas.core.ProgressBars.enabled();
    this.quiet = quiet;
    this.err = err;
    this.signalName = signalName;
  }

  @Override
  public void experimentStarted(String name, int repeats, long totalTrials) {
    if (!enabled) {
      return;
    }
    // A run limited by cost only has no known trial count: the bar then counts without a total.
    trialsPerRun = totalTrials < 0 ? -1 : totalTrials / repeats;
    this.name = name;
    this.totalTrials = totalTrials;
    // The bar opens with the first finished trial: before it, a supernet's warm-up shows its own.
  }

  /** The search bar, opened again after a retraining (which shows its own bars) closed it. */
  private ProgressBar bar() {
    if (bar == null) {
      bar = new ProgressBarBuilder()
          .setTaskName(name)
          .setInitialMax(totalTrials)
          .startsFrom(done, java.time.Duration.ZERO)
          .setStyle(ProgressBarStyle.ASCII)
          .setConsumer(new ConsoleProgressBarConsumer(System.err))
          .setUpdateIntervalMillis(250)
          .setUnit(" trials", 1)
          .build();
      if (bestSignal > Double.NEGATIVE_INFINITY) {
        bar.setExtraMessage(String.format(Locale.ROOT, "best %s %.3f", bestName, bestSignal));
      }
    }
    return bar;
  }

  @Override
  public void trialFinished(long seed, Trial trial, BestTrial best, int counted) {
    if (!enabled) {
      return;
    }
    done = (trialsPerRun < 0 ? countedBefore : finishedRuns * trialsPerRun) + counted;
    ProgressBar bar = bar();
    bar.stepTo(done);
    int fidelity = best == null || best.fidelity() == null ? Integer.MAX_VALUE : best.fidelity();
    if (best != null && (fidelity > bestFidelity || (fidelity == bestFidelity && best.signal() > bestSignal))) {
      bestSignal = best.signal();
      bestFidelity = fidelity;
      bestName = best.signalMetric() != null ? best.signalMetric() : signalName;
      bar.setExtraMessage(String.format(Locale.ROOT, "best %s %.3f", bestName, bestSignal));
    }
  }

  @Override
  public void retrainStarted(long seed, int rank, int of, Trial trial) {
    if (!enabled) {
      return;
    }
    close();
    System.err.printf(Locale.ROOT, "retraining %d/%d (seed %d): %s (search %s %.3f)%n", rank + 1, of, seed,
        trial.notation(), signalName, trial.metrics().signal());
  }

  @Override
  public void retrainFinished(long seed, RetrainedTrial result, int of) {
    if (!enabled) {
      return;
    }
    System.err.println(result.error() != null ? "  failed: " + result.error() : "  " + result.metrics());
  }

  @Override
  public void runFinished(RunSummary summary) {
    finishedRuns++;
    countedBefore += summary.counted();
    done = trialsPerRun < 0 ? countedBefore : finishedRuns * trialsPerRun;
    if (bar != null) {
      bar.stepTo(done);
    }
  }

  @Override
  public void resumed(long seed, String what) {
    if (!quiet) {
      close();
      err.println("resumed seed " + seed + ": " + what);
    }
  }

  /** Ends the bar (before the summary is printed); closing again does nothing. */
  @Override
  public void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
