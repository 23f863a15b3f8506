package dev.nas.spaces.network;

import java.util.List;

/** ReLU. */
public record Relu() implements Op {

  @Override
  public String kind() {
    return "relu";
  }

  @Override
  public TensorShape output(List<TensorShape> inputs) {
    return Op.single("relu", inputs);
  }
}
