package dev.nas.spaces.network;

import java.util.List;

/** Fully connected layer over the flattened input; FLOPs {@code in*out + out} (NB201's counter). */
public record Linear(int outFeatures, boolean bias) implements Op {

  @Override
  public String kind() {
    return "linear";
  }

  @Override
  public TensorShape output(List<TensorShape> inputs) {
    Op.single("linear", inputs);
    return new TensorShape(outFeatures, 1, 1);
  }

  @Override
  public long params(List<TensorShape> inputs) {
    return Math.addExact(Op.product(inputs.get(0).elements(), outFeatures), bias ? outFeatures : 0);
  }

  @Override
  public long flops(List<TensorShape> inputs, TensorShape out) {
    return params(inputs);
  }
}
