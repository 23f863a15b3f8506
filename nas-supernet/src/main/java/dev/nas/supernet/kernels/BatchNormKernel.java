package dev.nas.supernet.kernels;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch norm over the channels of an NCHW array (statistics over N, H and W), forward and
 * backward, each in as few passes over memory as the arithmetic allows: statistics in one read
 * (sums of the values and their squares shifted by one of them), normalisation in one read and
 * one write with the scale and shift folded per channel, and the backward in two reads and one
 * write (both channel sums in one pass, then the input gradient).
 *
 * <p>Why not libnd4j's {@code moments}, {@code batchnorm} and {@code batchnorm_bp}: in M2.1 they
 * took about 1 ms, 1 ms and 10-15 ms on a 64x16x32x32 float array, and {@code batchnorm_bp} alone
 * was a quarter of an NB201 child's training step. Sums read the native memory directly on
 * several accumulators (one accumulator waits for each addition: about one element per ns);
 * element-wise passes copy each (example, channel) plane into a Java array, where the JIT
 * vectorises the loop. Channels are split across {@link Kernels#threads()} threads.
 *
 * <p>FLOAT arrays only, as training uses; {@link #supports} says when libnd4j's ops run instead
 * (DOUBLE, as the gradient checks use; strided views), and each method falls back to them by
 * itself. Sums are kept in float within a plane and in double across planes.
 */
public final class BatchNormKernel {

  private BatchNormKernel() {}

  /** Whether the kernels handle {@code x}: a dense, C-ordered 4-D FLOAT array, kernels on. */
  public static boolean supports(INDArray x) {
    return x.rank() == 4 && Kernels.denseFloats(x);
  }

  /** Per-channel mean and biased variance of {@code x}; returns {mean, variance}, each of length C. */
  public static INDArray[] moments(INDArray x) {
    if (!supports(x)) {
      return NativeOps.moments(x);
    }
    int n = (int) x.size(0);
    int c = (int) x.size(1);
    int hw = (int) (x.size(2) * x.size(3));
    FloatBuffer xb = Kernels.floats(x);
    float[] mean = new float[c];
    float[] variance = new float[c];
    double count = (double) n * hw;
    Kernels.forEach(c, ch -> {
      // One pass over x - k, with k the channel's first element: the shifted sums keep their
      // precision when the mean is large against the spread (the mean is near k), where plain
      // sums of x and x^2 would cancel.
      float k = xb.get(ch * hw);
      double[] sums = channelSums(xb, k, xb, k, n, c, ch, hw);
      double shiftedMean = sums[0] / count;
      mean[ch] = (float) (k + shiftedMean);
      variance[ch] = (float) Math.max(0, sums[1] / count - shiftedMean * shiftedMean);
    });
    return new INDArray[] {Nd4j.createFromArray(mean), Nd4j.createFromArray(variance)};
  }

  /**
   * Moves the running statistics towards a batch's {mean, biased variance} by {@code momentum},
   * as PyTorch keeps them: the variance unbiased by {@code count / (count - 1)} for {@code count}
   * values per channel. The store's arrays are updated in place (outside any workspace).
   */
  public static void updateRunning(INDArray runningMean, INDArray runningVar, INDArray[] stats, double momentum,
      double count) {
    double unbias = count / Math.max(1, count - 1);
    if (Kernels.denseFloats(runningMean, runningVar, stats[0], stats[1])) {
      FloatBuffer rm = Kernels.floats(runningMean);
      FloatBuffer rv = Kernels.floats(runningVar);
      FloatBuffer m = Kernels.floats(stats[0]);
      FloatBuffer v = Kernels.floats(stats[1]);
      for (int ch = 0; ch < runningMean.length(); ch++) {
        rm.put(ch, (float) ((1 - momentum) * rm.get(ch) + momentum * m.get(ch)));
        rv.put(ch, (float) ((1 - momentum) * rv.get(ch) + momentum * unbias * v.get(ch)));
      }
      return;
    }
    try (var scope = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      runningMean.muli(1 - momentum).addi(stats[0].mul(momentum));
      runningVar.muli(1 - momentum).addi(stats[1].mul(momentum * unbias));
    }
  }

  /**
   * {@code gamma * (x - mean) / sqrt(variance + eps) + beta} per channel; {@code gamma} and
   * {@code beta} null mean 1 and 0.
   */
  public static INDArray forward(INDArray x, INDArray mean, INDArray variance, INDArray gamma, INDArray beta, double eps) {
    if (!supports(x)) {
      return NativeOps.batchNorm(x, mean, variance, gamma, beta, eps);
    }
    int n = (int) x.size(0);
    int c = (int) x.size(1);
    int hw = (int) (x.size(2) * x.size(3));
    double[] means = mean.toDoubleVector();
    double[] variances = variance.toDoubleVector();
    double[] gammas = gamma == null ? null : gamma.toDoubleVector();
    double[] betas = beta == null ? null : beta.toDoubleVector();
    INDArray out = Nd4j.createUninitialized(DataType.FLOAT, x.shape());
    FloatBuffer xb = Kernels.floats(x);
    FloatBuffer ob = Kernels.floats(out);
    Kernels.forEach(c, ch -> {
      double invStd = 1 / Math.sqrt(variances[ch] + eps);
      double g = gammas == null ? 1 : gammas[ch];
      float scale = (float) (g * invStd);
      float shift = (float) ((betas == null ? 0 : betas[ch]) - means[ch] * g * invStd);
      float[] plane = Kernels.scratch(0, hw);
      for (int i = 0; i < n; i++) {
        int base = (i * c + ch) * hw;
        xb.get(base, plane, 0, hw);
        for (int j = 0; j < hw; j++) {
          plane[j] = plane[j] * scale + shift;
        }
        ob.put(base, plane, 0, hw);
      }
    });
    return out;
  }

  /**
   * Backward of {@link #forward} where {@code mean} and {@code variance} are {@code x}'s own batch
   * statistics (so gradients flow through them too). Returns {gradInput, gradGamma, gradBeta}.
   */
  public static INDArray[] backward(INDArray x, INDArray mean, INDArray variance, INDArray gamma, INDArray beta,
      INDArray gradOut, double eps) {
    if (!supports(x)) {
      return NativeOps.batchNormBp(x, mean, variance, gamma, beta, gradOut, eps);
    }
    int n = (int) x.size(0);
    int c = (int) x.size(1);
    int hw = (int) (x.size(2) * x.size(3));
    double count = (double) n * hw;
    INDArray g = Kernels.dense(gradOut) ? gradOut : gradOut.dup('c');
    INDArray gx = Nd4j.createUninitialized(DataType.FLOAT, x.shape());
    FloatBuffer xb = Kernels.floats(x);
    FloatBuffer gb = Kernels.floats(g);
    FloatBuffer ob = Kernels.floats(gx);
    float[] gradGamma = new float[c];
    float[] gradBeta = new float[c];
    float[] means = mean.toFloatVector();
    float[] variances = variance.toFloatVector();
    float[] gammas = gamma == null ? null : gamma.toFloatVector();
    Kernels.forEach(c, ch -> {
      float m = means[ch];
      float[] xs = Kernels.scratch(0, hw);
      float[] gs = Kernels.scratch(1, hw);
      double[] sums = channelSums(gb, 0f, xb, m, n, c, ch, hw);
      double sumG = sums[0];
      double sumGCentred = sums[1];
      double invStd = 1 / Math.sqrt(variances[ch] + eps);
      gradBeta[ch] = (float) sumG;
      gradGamma[ch] = (float) (sumGCentred * invStd);
      // dx = gamma * invStd * (g - mean(g) - (x - m) * invStd^2 * mean(g * (x - m)))
      float k = (float) ((gammas == null ? 1 : gammas[ch]) * invStd);
      float meanG = (float) (sumG / count);
      float slope = (float) (sumGCentred / count * invStd * invStd);
      for (int i = 0; i < n; i++) {
        int base = (i * c + ch) * hw;
        xb.get(base, xs, 0, hw);
        gb.get(base, gs, 0, hw);
        for (int j = 0; j < hw; j++) {
          xs[j] = k * (gs[j] - meanG - (xs[j] - m) * slope);
        }
        ob.put(base, xs, 0, hw);
      }
    });
    INDArray dGamma = Nd4j.createFromArray(gradGamma);
    INDArray dBeta = Nd4j.createFromArray(gradBeta);
    return gamma == null ? new INDArray[] {gx, dGamma, dBeta}
        : new INDArray[] {gx, dGamma.reshape(gamma.shape()), dBeta.reshape(gamma.shape())};
  }

  /**
   * Over every (example, channel {@code ch}) plane: the sum of {@code u - uShift} and the sum of
   * {@code (u - uShift) * (v - vShift)}. Both passes' channel sums are this: the statistics
   * ({@code u = v = x}, shifted by one of its values) and the backward's ({@code u = g},
   * {@code v = x - mean}). Each plane is copied to a scratch array first (a bulk copy, then a loop
   * free of buffer checks) and summed on four accumulators, so that additions overlap; with
   * {@code u = v} (the statistics) the plane is copied once.
   */
  private static double[] channelSums(FloatBuffer u, float uShift, FloatBuffer v, float vShift, int n, int c, int ch,
      int hw) {
    float[] us = Kernels.scratch(2, hw);
    boolean same = u == v && uShift == vShift;
    float[] vs = same ? us : Kernels.scratch(3, hw);
    double first = 0;
    double products = 0;
    float[] plane = new float[2];
    for (int i = 0; i < n; i++) {
      int base = (i * c + ch) * hw;
      u.get(base, us, 0, hw);
      if (!same) {
        v.get(base, vs, 0, hw);
      }
      productSums(us, uShift, vs, vShift, hw, plane);
      first += plane[0];
      products += plane[1];
    }
    return new double[] {first, products};
  }

  /** {sum of u - uk, sum of (u - uk)(v - vk)} over {@code [0..hw)}. */
  private static void productSums(float[] u, float uk, float[] v, float vk, int hw, float[] out) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    float p0 = 0;
    float p1 = 0;
    float p2 = 0;
    float p3 = 0;
    int j = 0;
    for (; j + 4 <= hw; j += 4) {
      float u0 = u[j] - uk;
      float u1 = u[j + 1] - uk;
      float u2 = u[j + 2] - uk;
      float u3 = u[j + 3] - uk;
      s0 += u0;
      s1 += u1;
      s2 += u2;
      s3 += u3;
      p0 += u0 * (v[j] - vk);
      p1 += u1 * (v[j + 1] - vk);
      p2 += u2 * (v[j + 2] - vk);
      p3 += u3 * (v[j + 3] - vk);
    }
    for (; j < hw; j++) {
      float uj = u[j] - uk;
      s0 += uj;
      p0 += uj * (v[j] - vk);
    }
    out[0] = (s0 + s1) + (s2 + s3);
    out[1] = (p0 + p1) + (p2 + p3);
  }
}
