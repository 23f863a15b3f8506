package dev.nas.spaces.network;

import java.util.List;

/** Concatenation along channels of inputs with one spatial size. */
public record Concat() implements Op {

  @Override
  public String kind() {
    return "concat";
  }

  @Override
  public TensorShape output(List<TensorShape> inputs) {
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("concat needs at least one input");
    }
    int channels = 0;
    for (TensorShape s : inputs) {
      if (s.height() != inputs.get(0).height() || s.width() != inputs.get(0).width()) {
        throw new IllegalArgumentException("concat inputs differ in spatial size: " + inputs);
      }
      // An overflow would wrap to a negative channel count; fail where it happens instead.
      channels = Math.addExact(channels, s.channels());
    }
    return new TensorShape(channels, inputs.get(0).height(), inputs.get(0).width());
  }
}
