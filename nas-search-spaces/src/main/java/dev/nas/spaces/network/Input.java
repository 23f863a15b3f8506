package dev.nas.spaces.network;

import java.util.List;

/** The network's input (always node 0): one example of the given shape. */
public record Input(TensorShape shape) implements Op {

  @Override
  public String kind() {
    return "input";
  }

  @Override
  public TensorShape output(List<TensorShape> inputs) {
    if (!inputs.isEmpty()) {
      throw new IllegalArgumentException("input takes no inputs");
    }
    return shape;
  }
}
