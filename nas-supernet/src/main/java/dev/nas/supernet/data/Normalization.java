package dev.nas.supernet.data;

/** Per-channel mean and standard deviation applied to pixels scaled to [0, 1]. */
public record Normalization(float[] mean, float[] std) {

  /** CIFAR-10 training-set statistics, as the DARTS reference code uses. */
  public static final Normalization CIFAR10 = new Normalization(
      new float[] {0.49139968f, 0.48215827f, 0.44653124f}, new float[] {0.24703233f, 0.24348505f, 0.26158768f});

  /** Fashion-MNIST training-set statistics (measured over its 60,000 images; FashionMnistTest re-measures them). */
  public static final Normalization FASHION_MNIST = new Normalization(new float[] {0.2860406f}, new float[] {0.3530242f});

  /** The same statistics repeated for {@code channels} channels (a grey set fed to an RGB network). */
  public Normalization withChannels(int channels) {
    if (channels == mean.length) {
      return this;
    }
    float[] m = new float[channels];
    float[] s = new float[channels];
    java.util.Arrays.fill(m, mean[0]);
    java.util.Arrays.fill(s, std[0]);
    return new Normalization(m, s);
  }

  /** The per-channel mean and (population) standard deviation of a set's pixels scaled to [0, 1]. */
  public static Normalization measure(ImageSet set) {
    int c = set.channels();
    int plane = set.height() * set.width();
    double[] sum = new double[c];
    double[] squares = new double[c];
    byte[] pixels = set.pixels();
    for (int i = 0; i < pixels.length; i++) {
      int ch = (i / plane) % c;
      double v = (pixels[i] & 0xff) / 255.0;
      sum[ch] += v;
      squares[ch] += v * v;
    }
    float[] mean = new float[c];
    float[] std = new float[c];
    double n = (double) set.size() * plane;
    for (int ch = 0; ch < c; ch++) {
      double m = sum[ch] / n;
      mean[ch] = (float) m;
      std[ch] = (float) Math.sqrt(Math.max(0, squares[ch] / n - m * m));
    }
    return new Normalization(mean, std);
  }
}
