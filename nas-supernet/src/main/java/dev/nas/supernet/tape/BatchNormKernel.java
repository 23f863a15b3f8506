package dev.nas.supernet.tape;

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
final class BatchNormKernel {

  private BatchNormKernel() {}

  /** Whether the kernels handle {@code x}: a dense, C-ordered 4-D FLOAT array, kernels on. */
  static boolean supports(INDArray x) {
    return x.rank() == 4 && Kernels.denseFloats(x);
  }

  /** Per-channel mean and biased variance of {@code x}; returns {mean, variance}, each of length C. */
  static INDArray[] moments(INDArray x) {
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
      double sum = 0;
      double squares = 0;
      for (int i = 0; i < n; i++) {
        int base = (i * c + ch) * hw;
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        float q0 = 0;
        float q1 = 0;
        float q2 = 0;
        float q3 = 0;
        int j = 0;
        for (; j + 4 <= hw; j += 4) {
          float d0 = xb.get(base + j) - k;
          float d1 = xb.get(base + j + 1) - k;
          float d2 = xb.get(base + j + 2) - k;
          float d3 = xb.get(base + j + 3) - k;
          s0 += d0;
          s1 += d1;
          s2 += d2;
          s3 += d3;
          q0 += d0 * d0;
          q1 += d1 * d1;
          q2 += d2 * d2;
          q3 += d3 * d3;
        }
        for (; j < hw; j++) {
          float d = xb.get(base + j) - k;
          s0 += d;
          q0 += d * d;
        }
        sum += (s0 + s1) + (s2 + s3);
        squares += (q0 + q1) + (q2 + q3);
      }
      double shiftedMean = sum / count;
      mean[ch] = (float) (k + shiftedMean);
      variance[ch] = (float) Math.max(0, squares / count - shiftedMean * shiftedMean);
    });
    return new INDArray[] {Nd4j.createFromArray(mean), Nd4j.createFromArray(variance)};
  }

  /**
   * Moves the running statistics towards a batch's {mean, biased variance} by {@code momentum},
   * as PyTorch keeps them: the variance unbiased by {@code count / (count - 1)} for {@code count}
   * values per channel. The store's arrays are updated in place (outside any workspace).
   */
  static void updateRunning(INDArray runningMean, INDArray runningVar, INDArray[] stats, double momentum,
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
  static INDArray forward(INDArray x, INDArray mean, INDArray variance, INDArray gamma, INDArray beta, double eps) {
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
  static INDArray[] backward(INDArray x, INDArray mean, INDArray variance, INDArray gamma, INDArray beta,
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
      double sumG = 0;
      double sumGCentred = 0;
      for (int i = 0; i < n; i++) {
        int base = (i * c + ch) * hw;
        float a0 = 0;
        float a1 = 0;
        float a2 = 0;
        float a3 = 0;
        float b0 = 0;
        float b1 = 0;
        float b2 = 0;
        float b3 = 0;
        int j = 0;
        for (; j + 4 <= hw; j += 4) {
          float g0 = gb.get(base + j);
          float g1 = gb.get(base + j + 1);
          float g2 = gb.get(base + j + 2);
          float g3 = gb.get(base + j + 3);
          a0 += g0;
          a1 += g1;
          a2 += g2;
          a3 += g3;
          b0 += g0 * (xb.get(base + j) - m);
          b1 += g1 * (xb.get(base + j + 1) - m);
          b2 += g2 * (xb.get(base + j + 2) - m);
          b3 += g3 * (xb.get(base + j + 3) - m);
        }
        for (; j < hw; j++) {
          float gv = gb.get(base + j);
          a0 += gv;
          b0 += gv * (xb.get(base + j) - m);
        }
        sumG += (a0 + a1) + (a2 + a3);
        sumGCentred += (b0 + b1) + (b2 + b3);
      }
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
}
