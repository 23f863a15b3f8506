package dev.nas.supernet.kernels;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Thin calls into libnd4j's convolution and pooling ops and their backward ops, NCHW data and
 * {@code [kH, kW, iC, oC]} weights. Integer arguments follow libnd4j's declarations:
 * {@code kH, kW, sH, sW, pH, pW, dH, dW, paddingMode (0 = explicit), format (0 = NCHW), ...}.
 */
public final class NativeOps {

  private NativeOps() {}

  private static int[] convArgs(int kh, int kw, int sh, int sw, int ph, int pw) {
    // kH kW sH sW pH pW dH dW paddingMode(0 explicit) dataFormat(0 NCHW) weightsFormat(0 [kH,kW,iC,oC])
    return new int[] {kh, kw, sh, sw, ph, pw, 1, 1, 0, 0, 0};
  }

  public static INDArray conv2d(INDArray x, INDArray w, int sh, int sw, int ph, int pw, boolean depthwise, long[] outShape) {
    INDArray out = Nd4j.createUninitialized(x.dataType(), outShape);
    Nd4j.exec(DynamicCustomOp.builder(depthwise ? "depthwise_conv2d" : "conv2d")
        .addInputs(x, w).addOutputs(out)
        .addIntegerArguments(convArgs((int) w.size(0), (int) w.size(1), sh, sw, ph, pw)).build());
    return out;
  }

  /** Returns {gradInput, gradWeights}. */
  public static INDArray[] conv2dBp(INDArray x, INDArray w, INDArray gradOut, int sh, int sw, int ph, int pw, boolean depthwise) {
    INDArray gx = Nd4j.createUninitialized(x.dataType(), x.shape());
    INDArray gw = Nd4j.createUninitialized(w.dataType(), w.shape());
    Nd4j.exec(DynamicCustomOp.builder(depthwise ? "depthwise_conv2d_bp" : "conv2d_bp")
        .addInputs(x, w, gradOut).addOutputs(gx, gw)
        .addIntegerArguments(convArgs((int) w.size(0), (int) w.size(1), sh, sw, ph, pw)).build());
    return new INDArray[] {gx, gw};
  }

  private static int[] poolArgs(int k, int s, int p) {
    // kH kW sH sW pH pW dH dW paddingMode(0) extraParam0(0: average excludes padding) format(0 NCHW)
    return new int[] {k, k, s, s, p, p, 1, 1, 0, 0, 0};
  }

  public static INDArray pool(INDArray x, boolean max, int k, int s, int p, long[] outShape) {
    INDArray out = Nd4j.createUninitialized(x.dataType(), outShape);
    Nd4j.exec(DynamicCustomOp.builder(max ? "maxpool2d" : "avgpool2d")
        .addInputs(x).addOutputs(out).addIntegerArguments(poolArgs(k, s, p)).build());
    return out;
  }

  public static INDArray poolBp(INDArray x, INDArray gradOut, boolean max, int k, int s, int p) {
    INDArray gx = Nd4j.createUninitialized(x.dataType(), x.shape());
    Nd4j.exec(DynamicCustomOp.builder(max ? "maxpool2d_bp" : "avgpool2d_bp")
        .addInputs(x, gradOut).addOutputs(gx).addIntegerArguments(poolArgs(k, s, p)).build());
    return gx;
  }

  /**
   * Batch norm over channels (axis 1) with the given statistics; gamma and beta may be null
   * (no affine).
   */
  public static INDArray batchNorm(INDArray x, INDArray mean, INDArray variance, INDArray gamma, INDArray beta, double eps) {
    INDArray out = Nd4j.createUninitialized(x.dataType(), x.shape());
    // The builder's addInputs/addOutputs replace earlier calls: pass every array at once.
    var b = DynamicCustomOp.builder("batchnorm")
        .addInputs(gamma != null ? new INDArray[] {x, mean, variance, gamma, beta} : new INDArray[] {x, mean, variance});
    Nd4j.exec(b.addOutputs(out).addIntegerArguments(gamma != null ? 1 : 0, gamma != null ? 1 : 0, 1)
        .addFloatingPointArguments(eps).build());
    return out;
  }

  /**
   * Backward of batch norm whose mean and variance were computed from {@code x} itself; returns
   * {gradInput, gradGamma, gradBeta} (the last two null without affine).
   */
  public static INDArray[] batchNormBp(INDArray x, INDArray mean, INDArray variance, INDArray gamma, INDArray beta,
      INDArray gradOut, double eps) {
    INDArray gx = Nd4j.createUninitialized(x.dataType(), x.shape());
    INDArray gm = Nd4j.createUninitialized(mean.dataType(), mean.shape());
    INDArray gv = Nd4j.createUninitialized(variance.dataType(), variance.shape());
    INDArray gg = null;
    INDArray gb = null;
    var b = DynamicCustomOp.builder("batchnorm_bp");
    if (gamma != null) {
      gg = Nd4j.createUninitialized(gamma.dataType(), gamma.shape());
      gb = Nd4j.createUninitialized(beta.dataType(), beta.shape());
      b.addInputs(x, mean, variance, gamma, beta, gradOut).addOutputs(gx, gm, gv, gg, gb);
    } else {
      b.addInputs(x, mean, variance, gradOut).addOutputs(gx, gm, gv);
    }
    Nd4j.exec(b.addIntegerArguments(gamma != null ? 1 : 0, gamma != null ? 1 : 0, 1)
        .addFloatingPointArguments(eps).build());
    return new INDArray[] {gx, gg, gb};
  }

  public static INDArray reluBp(INDArray x, INDArray gradOut) {
    INDArray gx = Nd4j.createUninitialized(x.dataType(), x.shape());
    Nd4j.exec(DynamicCustomOp.builder("relu_bp").addInputs(x, gradOut).addOutputs(gx)
        .addFloatingPointArguments(0.0).build());
    return gx;
  }

  /** Per-channel mean and biased variance over (N, H, W) in one pass; returns {mean, variance}. */
  public static INDArray[] moments(INDArray x) {
    INDArray mean = Nd4j.createUninitialized(x.dataType(), x.size(1));
    INDArray variance = Nd4j.createUninitialized(x.dataType(), x.size(1));
    Nd4j.exec(DynamicCustomOp.builder("moments").addInputs(x).addOutputs(mean, variance)
        .addIntegerArguments(0, 2, 3).build());
    return new INDArray[] {mean, variance};
  }
}
