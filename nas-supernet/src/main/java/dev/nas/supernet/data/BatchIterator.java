package dev.nas.supernet.data;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Seeded mini-batches of an {@link ImageSet}: each epoch is a fresh permutation drawn from the
 * iterator's own generator, and augmentation draws from it too, so the same seed always gives
 * the same batches. Features are NCHW floats, normalised; labels are one-hot.
 */
public final class BatchIterator {

  /** One mini-batch. */
  public record Batch(INDArray features, INDArray labels, int[] classes) {}

  private final ImageSet set;
  private final int batchSize;
  private final Augmentation augmentation;
  private final Normalization normalization;
  private final boolean shuffle;
  private final SplittableRandom random;
  private final DataType dataType;
  private int[] order;
  private int next;
  private long epoch;

  public BatchIterator(ImageSet set, int batchSize, Augmentation augmentation, Normalization normalization,
      boolean shuffle, long seed, DataType dataType) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1");
    }
    this.set = set;
    this.batchSize = batchSize;
    this.augmentation = augmentation;
    this.normalization = normalization;
    this.shuffle = shuffle;
    this.random = new SplittableRandom(seed);
    this.dataType = dataType;
    newEpoch();
  }

  public long epoch() {
    return epoch;
  }

  /** Batches per epoch (the last, smaller batch included). */
  public int batchesPerEpoch() {
    return (set.size() + batchSize - 1) / batchSize;
  }

  private void newEpoch() {
    order = new int[set.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    if (shuffle) {
      for (int i = order.length - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
    }
    next = 0;
  }

  /** The next batch, starting a new epoch after the last. */
  public Batch next() {
    if (next >= order.length) {
      epoch++;
      newEpoch();
    }
    int n = Math.min(batchSize, order.length - next);
    int c = set.channels();
    int h = set.height();
    int w = set.width();
    float[] x = new float[n * c * h * w];
    float[] y = new float[n * set.classes().size()];
    int[] classes = new int[n];
    for (int b = 0; b < n; b++) {
      int index = order[next + b];
      writeImage(index, x, b * c * h * w);
      classes[b] = set.labels()[index];
      y[b * set.classes().size() + classes[b]] = 1f;
    }
    next += n;
    INDArray features = Nd4j.create(x, new long[] {n, c, h, w}, 'c').castTo(dataType);
    INDArray labels = Nd4j.create(y, new long[] {n, set.classes().size()}, 'c').castTo(dataType);
    return new Batch(features, labels, classes);
  }

  /** Crops, flips, normalises and cuts out one image into {@code out} at {@code at}. */
  private void writeImage(int index, float[] out, int at) {
    int c = set.channels();
    int h = set.height();
    int w = set.width();
    int pad = augmentation.cropPadding();
    int dy = pad == 0 ? 0 : random.nextInt(2 * pad + 1) - pad;
    int dx = pad == 0 ? 0 : random.nextInt(2 * pad + 1) - pad;
    boolean flip = augmentation.flip() && random.nextBoolean();
    int cy = -1;
    int cx = -1;
    if (augmentation.cutout() > 0) {
      cy = random.nextInt(h);
      cx = random.nextInt(w);
    }
    byte[] pixels = set.pixels();
    int base = index * c * h * w;
    int half = augmentation.cutout() / 2;
    for (int ch = 0; ch < c; ch++) {
      float mean = normalization.mean()[ch];
      float std = normalization.std()[ch];
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int sy = y + dy;
          int sx = (flip ? w - 1 - x : x) + dx;
          // Padding is black in pixel space (as torchvision's RandomCrop pads), then normalised.
          int pixel = sy < 0 || sy >= h || sx < 0 || sx >= w ? 0 : pixels[base + (ch * h + sy) * w + sx] & 0xff;
          float v = (pixel / 255f - mean) / std;
          if (cy >= 0 && Math.abs(y - cy) <= half && y - cy < half + (augmentation.cutout() % 2)
              && Math.abs(x - cx) <= half && x - cx < half + (augmentation.cutout() % 2)) {
            v = 0f;
          }
          out[at + (ch * h + y) * w + x] = v;
        }
      }
    }
  }
}
