package dev.nas.spaces.network;

/** The shape of one example's activation: channels x height x width (a vector has 1 x 1). */
public record TensorShape(int channels, int height, int width) {

  public TensorShape {
    if (channels < 1 || height < 1 || width < 1) {
      throw new IllegalArgumentException("shape must be positive, got " + channels + "x" + height + "x" + width);
    }
  }

  public long elements() {
    return Op.product(channels, height, width);
  }

  @Override
  public String toString() {
    return channels + "x" + height + "x" + width;
  }
}
