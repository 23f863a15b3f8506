package dev.nas.supernet.data;

import java.util.List;

/**
 * Images as bytes, channel-planar per image ({@code C x H x W}, values 0..255), with integer
 * labels. Kept as bytes (3 KB per CIFAR image) and turned into float batches on demand.
 */
public record ImageSet(String name, byte[] pixels, int[] labels, int channels, int height, int width,
    List<String> classes) {

  public ImageSet {
    classes = List.copyOf(classes);
    if (pixels.length != (long) labels.length * channels * height * width) {
      throw new IllegalArgumentException(name + ": " + pixels.length + " pixel bytes for " + labels.length + " images");
    }
  }

  public int size() {
    return labels.length;
  }

  public int imageBytes() {
    return channels * height * width;
  }

  /** The images at {@code indices}, in that order, as a new set. */
  public ImageSet subset(String subsetName, int[] indices) {
    int n = imageBytes();
    byte[] p = new byte[indices.length * n];
    int[] l = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      System.arraycopy(pixels, indices[i] * n, p, i * n, n);
      l[i] = labels[indices[i]];
    }
    return new ImageSet(subsetName, p, l, channels, height, width, classes);
  }

  /** This set with its single channel repeated {@code channels} times (grey images for RGB networks). */
  public ImageSet withChannels(int channels) {
    if (channels == this.channels) {
      return this;
    }
    if (this.channels != 1) {
      throw new IllegalArgumentException(name + " has " + this.channels + " channels; only 1-channel sets can be widened");
    }
    int plane = height * width;
    byte[] p = new byte[pixels.length * channels];
    for (int i = 0; i < size(); i++) {
      for (int c = 0; c < channels; c++) {
        System.arraycopy(pixels, i * plane, p, (i * channels + c) * plane, plane);
      }
    }
    return new ImageSet(name, p, labels, channels, height, width, classes);
  }

  /** A training part and a held-out validation part of one set. */
  public record Split(ImageSet train, ImageSet valid) {}

  /**
   * Splits this set for bilevel search: a seeded shuffle, then {@code validFraction} of the images
   * (rounded down) become the validation part and the rest the training part. The same seed
   * gives the same split.
   */
  public Split split(double validFraction, long seed) {
    if (!(validFraction > 0 && validFraction < 1)) {
      throw new IllegalArgumentException("validation fraction must be in (0, 1), got " + validFraction);
    }
    int[] order = java.util.stream.IntStream.range(0, size()).toArray();
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int valid = (int) Math.floor(size() * validFraction);
    if (valid == 0 || valid == size()) {
      throw new IllegalArgumentException(name + ": a validation fraction of " + validFraction + " of " + size()
          + " images leaves one part empty");
    }
    return new Split(subset(name + "-train", java.util.Arrays.copyOfRange(order, valid, order.length)),
        subset(name + "-valid", java.util.Arrays.copyOf(order, valid)));
  }

  /** Concatenation of several sets with the same image shape and classes. */
  public static ImageSet concat(String name, List<ImageSet> parts) {
    ImageSet first = parts.get(0);
    int count = parts.stream().mapToInt(ImageSet::size).sum();
    byte[] p = new byte[count * first.imageBytes()];
    int[] l = new int[count];
    int at = 0;
    for (ImageSet s : parts) {
      System.arraycopy(s.pixels, 0, p, at * first.imageBytes(), s.pixels.length);
      System.arraycopy(s.labels, 0, l, at, s.size());
      at += s.size();
    }
    return new ImageSet(name, p, l, first.channels, first.height, first.width, first.classes);
  }
}
