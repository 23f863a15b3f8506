package dev.nas.supernet.tape;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Thin calls into libnd4j's convolution and pooling ops and their backward ops, NCHW data and
 * {@code [kH, kW, iC, oC]} weights. Integer arguments follow libnd4j's declarations:
 * {@code kH, kW, sH, sW, pH, pW, dH, dW, paddingMode (0 = explicit), format (0 = NCHW), ...}.
 */
final class NativeOps {

  private NativeOps() {}

  private static int[] convArgs(int kh, int kw, int sh, int sw, int ph, int pw) {
    // kH kW sH sW pH pW dH dW paddingMode(0 explicit) dataFormat(0 NCHW) weightsFormat(0 [kH,kW,iC,oC])
    return new int[] {kh, kw, sh, sw, ph, pw, 1, 1, 0, 0, 0};
  }

  static INDArray conv2d(INDArray x, INDArray w, int sh, int sw, int ph, int pw, boolean depthwise, long[] outShape) {
    INDArray out = Nd4j.createUninitialized(x.dataType(), outShape);
    Nd4j.exec(DynamicCustomOp.builder(depthwise ? "depthwise_conv2d" : "conv2d")
        .addInputs(x, w).addOutputs(out)
        .addIntegerArguments(convArgs((int) w.size(0), (int) w.size(1), sh, sw, ph, pw)).build());
    return out;
  }

  /** Returns {gradInput, gradWeights}. */
  static INDArray[] conv2dBp(INDArray x, INDArray w, INDArray gradOut, int sh, int sw, int ph, int pw, boolean depthwise) {
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

  static INDArray pool(INDArray x, boolean max, int k, int s, int p, long[] outShape) {
    INDArray out = Nd4j.createUninitialized(x.dataType(), outShape);
    Nd4j.exec(DynamicCustomOp.builder(max ? "maxpool2d" : "avgpool2d")
        .addInputs(x).addOutputs(out).addIntegerArguments(poolArgs(k, s, p)).build());
    return out;
  }

  static INDArray poolBp(INDArray x, INDArray gradOut, boolean max, int k, int s, int p) {
    INDArray gx = Nd4j.createUninitialized(x.dataType(), x.shape());
    Nd4j.exec(DynamicCustomOp.builder(max ? "maxpool2d_bp" : "avgpool2d_bp")
        .addInputs(x, gradOut).addOutputs(gx).addIntegerArguments(poolArgs(k, s, p)).build());
    return gx;
  }
}
