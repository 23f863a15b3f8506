package dev.nas.spaces.network;

import java.util.List;

/**
 * 2-D convolution, square kernel. {@code groups == C_in == outChannels} is a depthwise conv.
 * Weights: {@code outChannels x C_in/groups x kernel x kernel}, plus a bias if {@code bias}.
 */
public record Conv2d(int outChannels, int kernel, int stride, int padding, int dilation, int groups, boolean bias)
    implements Op {

  public Conv2d {
    if (outChannels < 1 || kernel < 1 || stride < 1 || padding < 0 || dilation < 1 || groups < 1) {
      throw new IllegalArgumentException("invalid conv " + outChannels + " k" + kernel + " s" + stride
          + " p" + padding + " d" + dilation + " g" + groups);
    }
    if (outChannels % groups != 0) {
      throw new IllegalArgumentException("conv output channels " + outChannels + " not divisible by groups " + groups);
    }
  }

  /** A plain conv without bias, "same" padding for odd kernels. */
  public static Conv2d of(int outChannels, int kernel, int stride) {
    return new Conv2d(outChannels, kernel, stride, (kernel - 1) / 2, 1, 1, false);
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
    return new TensorShape(outChannels, Op.window(in.height(), kernel, stride, padding, dilation),
        Op.window(in.width(), kernel, stride, padding, dilation));
  }

  @Override
  public long params(List<TensorShape> inputs) {
    long inPerGroup = inputs.get(0).channels() / groups;
    return outChannels * inPerGroup * kernel * kernel + (bias ? outChannels : 0);
  }

  @Override
  public long flops(List<TensorShape> inputs, TensorShape out) {
    long inPerGroup = inputs.get(0).channels() / groups;
    return (long) kernel * kernel * inPerGroup * outChannels * out.height() * out.width();
  }
}
