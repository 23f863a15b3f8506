package dev.nas.cli;

import dev.nas.core.experiment.BestTrial;
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
  private final String signalName;
  private ProgressBar bar;
  private long finishedRuns;
  private long trialsPerRun;
  private double bestSignal = Double.NEGATIVE_INFINITY;

  ProgressReporter(boolean quiet, String signalName) {
    this.enabled = !quiet && System.console() != null;
    this.signalName = signalName;
  }

  @Override
  public void experimentStarted(String name, int repeats, long totalTrials) {
    if (!enabled) {
      return;
    }
    trialsPerRun = totalTrials / repeats;
    bar = new ProgressBarBuilder()
        .setTaskName(name)
        .setInitialMax(totalTrials)
        .setStyle(ProgressBarStyle.ASCII)
        .setConsumer(new ConsoleProgressBarConsumer(System.err))
        .setUpdateIntervalMillis(250)
        .setUnit(" trials", 1)
        .build();
  }

  @Override
  public void trialFinished(long seed, Trial trial, BestTrial best, int counted) {
    if (bar == null) {
      return;
    }
    bar.stepTo(finishedRuns * trialsPerRun + counted);
    if (best != null && best.signal() > bestSignal) {
      bestSignal = best.signal();
      bar.setExtraMessage(String.format(Locale.ROOT, "best %s %.3f", signalName, bestSignal));
    }
  }

  @Override
  public void runFinished(RunSummary summary) {
    finishedRuns++;
    if (bar != null) {
      bar.stepTo(finishedRuns * trialsPerRun);
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
