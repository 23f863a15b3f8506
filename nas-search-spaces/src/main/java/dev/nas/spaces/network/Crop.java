package dev.nas.spaces.network;

import java.util.List;

/** Drops the first {@code top} rows and {@code left} columns (the shifted branch of a factorized reduce). */
public record Crop(int top, int left) implements Op {

  @Override
  public String kind() {
    return "crop";
  }

  @Override
  public TensorShape output(List<TensorShape> inputs) {
    TensorShape in = Op.single("crop", inputs);
    return new TensorShape(in.channels(), in.height() - top, in.width() - left);
  }
}
