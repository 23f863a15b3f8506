package dev.nas.spaces.network;

import java.util.List;

/**
 * The DARTS mixed op's weighting: {@code sum_k softmax(alpha[row])_k * input_k}, where
 * {@code alpha} names a {@code [rows, K]} matrix of architecture weights in the weight store and
 * the K inputs are the candidate ops' outputs on one edge. The architecture weights are not
 * counted as network parameters (they are not part of any derived child).
 *
 * @param skip which candidate is the edge's skip connection (identity, or its stride-2 form), or
 *     -1: the input an auxiliary skip term reuses (DARTS-, when the runtime gives it a weight)
 */
public record Mixed(String alpha, int row, int rows, int skip) implements Op {

  public Mixed {
    if (row < 0 || row >= rows) {
      throw new IllegalArgumentException("mixed op row " + row + " outside 0.." + (rows - 1));
    }
    if (skip < -1) {
      throw new IllegalArgumentException("mixed op skip candidate " + skip + " must be -1 (none) or an input index");
    }
  }

  /** A mixed op without a skip candidate. */
  public Mixed(String alpha, int row, int rows) {
    this(alpha, row, rows, -1);
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
    if (skip >= inputs.size()) {
      throw new IllegalArgumentException("mixed op skip candidate " + skip + " but only " + inputs.size() + " inputs");
    }
    for (TensorShape s : inputs) {
      if (!s.equals(inputs.get(0))) {
        throw new IllegalArgumentException("mixed op inputs differ in shape: " + inputs);
      }
    }
    return inputs.get(0);
  }
}
