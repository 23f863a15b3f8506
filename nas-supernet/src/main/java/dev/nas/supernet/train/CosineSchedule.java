package dev.nas.supernet.train;

/** Cosine annealing from {@code max} to {@code min} over {@code steps} (SGDR without restarts, as DARTS uses). */
public record CosineSchedule(double max, double min, long steps) {

  public CosineSchedule {
    if (steps < 1 || max < min || min < 0) {
      throw new IllegalArgumentException("cosine schedule needs steps >= 1 and max >= min >= 0");
    }
  }

  public double at(long step) {
    double t = Math.min(step, steps) / (double) steps;
    return min + 0.5 * (max - min) * (1 + Math.cos(Math.PI * t));
  }
}
