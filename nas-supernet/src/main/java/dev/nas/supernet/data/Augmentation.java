package dev.nas.supernet.data;

/**
 * Training-time augmentation of the DARTS/NB201 recipes: random crop with zero padding,
 * horizontal flip, and optionally cutout (a square of side {@code cutout} set to zero after
 * normalisation). {@link #NONE} for evaluation.
 */
public record Augmentation(int cropPadding, boolean flip, int cutout) {

  public static final Augmentation NONE = new Augmentation(0, false, 0);
  public static final Augmentation CIFAR = new Augmentation(4, true, 0);

  public Augmentation {
    if (cropPadding < 0 || cutout < 0) {
      throw new IllegalArgumentException("crop padding and cutout must be >= 0");
    }
  }

  public Augmentation withCutout(int length) {
    return new Augmentation(cropPadding, flip, length);
  }
}
