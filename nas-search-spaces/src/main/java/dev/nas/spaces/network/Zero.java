package dev.nas.spaces.network;

import java.util.List;

/** The {@code none} op: zeros of the input's shape, spatially subsampled by {@code stride}. */
public record Zero(int stride) implements Op {

  @Override
  public String kind() {
    return "zero";
  }

  @Override
  public TensorShape output(List<TensorShape> inputs) {
    TensorShape in = Op.single("zero", inputs);
    return new TensorShape(in.channels(), Op.window(in.height(), 1, stride, 0, 1), Op.window(in.width(), 1, stride, 0, 1));
  }
}
