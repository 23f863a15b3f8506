package dev.nas.spaces.network;

import java.util.List;

/** Batch normalisation; with {@code affine} it learns a scale and a shift per channel (2C parameters). */
public record BatchNorm(boolean affine) implements Op {

  @Override
  public String kind() {
    return "bn";
  }

  @Override
  public TensorShape output(List<TensorShape> inputs) {
    return Op.single("bn", inputs);
  }

  @Override
  public long params(List<TensorShape> inputs) {
    return affine ? 2L * inputs.get(0).channels() : 0;
  }
}
