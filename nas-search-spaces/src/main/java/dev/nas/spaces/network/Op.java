package dev.nas.spaces.network;

import java.util.List;

/**
 * A primitive operation of the network description. Ops hold only their own settings; input
 * shapes come from the graph, so the same op record describes the op wherever it is used.
 *
 * <p>FLOPs follow the convention of NAS-Bench-201's counter (and of most NAS papers): the
 * multiply-adds of convolutions ({@code k*k*C_in/groups*C_out*H_out*W_out}) and of linear layers
 * ({@code in*out + out}); pooling, batch norm, activations, additions and concatenations count 0.
 * Counts are computed with {@link #product} and {@link Math#addExact}: the space configs bound
 * every size so that no count comes near {@link Long#MAX_VALUE}, and if a bound were ever too
 * generous the count fails loudly instead of wrapping to a negative number.
 */
public sealed interface Op
    permits Input, Conv2d, BatchNorm, Relu, Pool, Identity, Zero, Crop, Add, Concat, GlobalAvgPool, Linear,
        DropPath, Mixed {

  /** Short kind name used in layer listings, e.g. {@code conv}, {@code bn}. */
  String kind();

  /** The output shape for these input shapes; throws {@link IllegalArgumentException} if they do not fit. */
  TensorShape output(List<TensorShape> inputs);

  /** Trainable parameters for these input shapes. */
  default long params(List<TensorShape> inputs) {
    return 0;
  }

  /** Multiply-adds for one example. */
  default long flops(List<TensorShape> inputs, TensorShape output) {
    return 0;
  }

  /** The product of {@code factors}; throws {@link ArithmeticException} rather than overflow. */
  static long product(long... factors) {
    long p = 1;
    for (long f : factors) {
      p = Math.multiplyExact(p, f);
    }
    return p;
  }

  static TensorShape single(String kind, List<TensorShape> inputs) {
    if (inputs.size() != 1) {
      throw new IllegalArgumentException(kind + " takes one input, got " + inputs.size());
    }
    return inputs.get(0);
  }

  /** Output size of a sliding window: floor((in + 2p - d(k-1) - 1) / s) + 1. */
  static int window(int in, int kernel, int stride, int padding, int dilation) {
    int out = Math.floorDiv(in + 2 * padding - dilation * (kernel - 1) - 1, stride) + 1;
    if (out < 1) {
      throw new IllegalArgumentException("window " + kernel + " (stride " + stride + ", padding " + padding
          + ", dilation " + dilation + ") does not fit an input of size " + in);
    }
    return out;
  }
}
