package dev.nas.supernet.data;

/** Per-channel mean and standard deviation applied to pixels scaled to [0, 1]. */
public record Normalization(float[] mean, float[] std) {

  /** CIFAR-10 training-set statistics, as the DARTS reference code uses. */
  public static final Normalization CIFAR10 = new Normalization(
      new float[] {0.49139968f, 0.48215827f, 0.44653124f}, new float[] {0.24703233f, 0.24348505f, 0.26158768f});
}
