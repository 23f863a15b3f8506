package dev.nas.spaces.network;

import java.util.List;

/** Element-wise sum of inputs of one shape. */
public record Add() implements Op {

  @Override
  public String kind() {
    return "add";
  }

  @Override
  public TensorShape output(List<TensorShape> inputs) {
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("add needs at least one input");
    }
    for (TensorShape s : inputs) {
      if (!s.equals(inputs.get(0))) {
        throw new IllegalArgumentException("add inputs differ in shape: " + inputs);
      }
    }
    return inputs.get(0);
  }
}
