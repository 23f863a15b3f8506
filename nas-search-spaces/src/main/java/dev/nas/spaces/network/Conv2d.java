package dev.nas.spaces.network;

import java.util.List;

/**
 * 2-D convolution. {@code groups == C_in == outChannels} is a depthwise conv. Kernels, strides and
 * paddings may differ between height and width (for the 7x1 / 1x7 pair of NASNet-family cells).
 * Weights: {@code outChannels x C_in/groups x kernelH x kernelW}, plus a bias if {@code bias}.
 */
public record Conv2d(int outChannels, int kernelH, int kernelW, int strideH, int strideW, int padH, int padW,
    int dilation, int groups, boolean bias) implements Op {

  public Conv2d {
    if (outChannels < 1 || kernelH < 1 || kernelW < 1 || strideH < 1 || strideW < 1 || padH < 0 || padW < 0
        || dilation < 1 || groups < 1) {
      throw new IllegalArgumentException("invalid conv " + outChannels + " k" + kernelH + "x" + kernelW
          + " s" + strideH + "x" + strideW + " p" + padH + "x" + padW + " d" + dilation + " g" + groups);
    }
    if (outChannels % groups != 0) {
      throw new IllegalArgumentException("conv output channels " + outChannels + " not divisible by groups " + groups);
    }
  }

  /** A square conv without bias. */
  public static Conv2d square(int outChannels, int kernel, int stride, int padding, int dilation, int groups) {
    return new Conv2d(outChannels, kernel, kernel, stride, stride, padding, padding, dilation, groups, false);
  }

  /** A plain square conv without bias, "same" padding for odd kernels. */
  public static Conv2d of(int outChannels, int kernel, int stride) {
    return square(outChannels, kernel, stride, (kernel - 1) / 2, 1, 1);
  }

  @Override
  public String kind() {
    return groups == 1 ? "conv" : "conv_grouped";
  }

  @Override
  public TensorShape output(List<TensorShape> inputs) {
    TensorShape in = Op.single("conv", inputs);
    if (in.channels() % groups != 0) {
      throw new IllegalArgumentException("conv input channels " + in.channels() + " not divisible by groups " + groups);
    }
    return new TensorShape(outChannels, Op.window(in.height(), kernelH, strideH, padH, dilation),
        Op.window(in.width(), kernelW, strideW, padW, dilation));
  }

  @Override
  public long params(List<TensorShape> inputs) {
    long inPerGroup = inputs.get(0).channels() / groups;
    return Math.addExact(Op.product(outChannels, inPerGroup, kernelH, kernelW), bias ? outChannels : 0);
  }

  @Override
  public long flops(List<TensorShape> inputs, TensorShape out) {
    long inPerGroup = inputs.get(0).channels() / groups;
    return Op.product(kernelH, kernelW, inPerGroup, outChannels, out.height(), out.width());
  }
}
