package dev.nas.spaces.network;

import java.util.List;

/**
 * Drop-path (DARTS/NASNet): during training, zeroes the whole input of an example with the
 * probability set at training time and rescales the rest; the identity at evaluation.
 */
public record DropPath() implements Op {

  @Override
  public String kind() {
    return "drop_path";
  }

  @Override
  public TensorShape output(List<TensorShape> inputs) {
    return Op.single("drop_path", inputs);
  }
}
