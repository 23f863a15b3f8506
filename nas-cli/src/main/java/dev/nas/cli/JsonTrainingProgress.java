package dev.nas.cli;

import dev.nas.supernet.train.Trainer;
import dev.nas.supernet.train.TrainingProgress;

/**
 * Training progress as {@code train_progress} JSON events ({@code --log-format json} of
 * {@code nas train}): every {@value #EVERY} steps and at the last, with the step, the step count,
 * the last step's loss, accuracy and learning rate, and images per second since the previous event.
 */
final class JsonTrainingProgress implements TrainingProgress {

  static final int EVERY = 50;

  private final JsonEvents events;
  private final long steps;
  private long done;
  private long images;
  private long nanos;

  JsonTrainingProgress(JsonEvents events, long steps) {
    this.events = events;
    this.steps = steps;
  }

  @Override
  public void step(Trainer.StepResult result, int batchImages, long stepNanos) {
    done++;
    images += batchImages;
    nanos += stepNanos;
    if (done % EVERY == 0 || done == steps) {
      var n = events.event("train_progress");
      n.put("step", done);
      n.put("steps", steps);
      n.put("loss", result.loss());
      n.put("accuracy", result.accuracy());
      n.put("lr", result.lr());
      n.put("images_per_second", nanos == 0 ? 0 : images / (nanos / 1e9));
      events.emit(n);
      images = 0;
      nanos = 0;
    }
  }

  @Override
  public void close() {}
}
