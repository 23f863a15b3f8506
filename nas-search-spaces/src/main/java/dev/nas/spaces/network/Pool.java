package dev.nas.spaces.network;

import java.util.List;

/**
 * Max or average pooling, square window. For average pooling, {@code countIncludePad=false}
 * divides by the number of real (unpadded) inputs in the window, as NB201 and DARTS do.
 */
public record Pool(Type type, int kernel, int stride, int padding, boolean countIncludePad) implements Op {

  /** Pooling kind. */
  public enum Type { MAX, AVG }

  public Pool {
    if (kernel < 1 || stride < 1 || padding < 0 || 2 * padding > kernel) {
      throw new IllegalArgumentException("invalid pool k" + kernel + " s" + stride + " p" + padding);
    }
  }

  public static Pool max(int kernel, int stride, int padding) {
    return new Pool(Type.MAX, kernel, stride, padding, false);
  }

  public static Pool avg(int kernel, int stride, int padding) {
    return new Pool(Type.AVG, kernel, stride, padding, false);
  }

  @Override
  public String kind() {
    return type == Type.MAX ? "max_pool" : "avg_pool";
  }

  @Override
  public TensorShape output(List<TensorShape> inputs) {
    TensorShape in = Op.single(kind(), inputs);
    return new TensorShape(in.channels(), Op.window(in.height(), kernel, stride, padding, 1),
        Op.window(in.width(), kernel, stride, padding, 1));
  }
}
