package dev.nas.spaces.network;

import java.util.List;

/** Passes its input through (a skip connection). */
public record Identity() implements Op {

  @Override
  public String kind() {
    return "identity";
  }

  @Override
  public TensorShape output(List<TensorShape> inputs) {
    return Op.single("identity", inputs);
  }
}
