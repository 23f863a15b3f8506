package dev.nas.spaces.network;

import java.util.List;

/**
 * The DARTS mixed op's weighting: {@code sum_k softmax(alpha[row])_k * input_k}, where
 * {@code alpha} names a {@code [rows, K]} matrix of architecture weights in the weight store and
 * the K inputs are the candidate ops' outputs on one edge. The architecture weights are not
 * counted as network parameters (they are not part of any derived child).
 */
public record Mixed(String alpha, int row, int rows) implements Op {

  public Mixed {
    if (row < 0 || row >= rows) {
      throw new IllegalArgumentException("mixed op row " + row + " outside 0.." + (rows - 1));
    }
  }

  @Override
  public String kind() {
    return "mixed";
  }

  @Override
  public TensorShape output(List<TensorShape> inputs) {
    if (inputs.size() < 2) {
      throw new IllegalArgumentException("a mixed op needs at least two candidate inputs, got " + inputs.size());
    }
    for (TensorShape s : inputs) {
      if (!s.equals(inputs.get(0))) {
        throw new IllegalArgumentException("mixed op inputs differ in shape: " + inputs);
      }
    }
    return inputs.get(0);
  }
}
