package dev.nas.supernet.train;

import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Reports training steps: a progress bar on stderr with steps done, ETA, and the moving averages
 * of loss, accuracy and images per second; or nothing ({@link #NONE}, for tests, scripts and
 * non-terminal output).
 */
public interface TrainingProgress extends AutoCloseable {

  TrainingProgress NONE = new TrainingProgress() {
    @Override
    public void step(Trainer.StepResult result, int images, long nanos) {}

    @Override
    public void close() {}
  };

  /** One finished step: its result, how many images it trained on and how long it took. */
  void step(Trainer.StepResult result, int images, long nanos);

  @Override
  void close();

  /** A bar for {@code steps} steps, or {@link #NONE} when not {@code enabled}. */
  static TrainingProgress bar(String task, long steps, boolean enabled) {
    if (!enabled) {
      return NONE;
    }
    ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(steps)
        .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
        .setUpdateIntervalMillis(500).setUnit(" steps", 1).build();
    return new TrainingProgress() {
      // Exponential moving averages over about the last 20 steps.
      private static final double DECAY = 0.95;
      private double loss = Double.NaN;
      private double accuracy = Double.NaN;
      private double imagesPerSecond = Double.NaN;

      @Override
      public void step(Trainer.StepResult r, int images, long nanos) {
        loss = average(loss, r.loss());
        accuracy = average(accuracy, r.accuracy());
        imagesPerSecond = average(imagesPerSecond, images / (nanos / 1e9));
        bar.step();
        bar.setExtraMessage(String.format(Locale.ROOT, "loss %.3f acc %.3f %.1f img/s", loss, accuracy, imagesPerSecond));
      }

      private double average(double mean, double x) {
        return Double.isNaN(mean) ? x : DECAY * mean + (1 - DECAY) * x;
      }

      @Override
      public void close() {
        bar.close();
      }
    };
  }
}
