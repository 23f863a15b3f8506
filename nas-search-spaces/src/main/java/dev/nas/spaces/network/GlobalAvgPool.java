package dev.nas.spaces.network;

import java.util.List;

/** Average over all positions: C x H x W to C x 1 x 1. */
public record GlobalAvgPool() implements Op {

  @Override
  public String kind() {
    return "global_avg_pool";
  }

  @Override
  public TensorShape output(List<TensorShape> inputs) {
    return new TensorShape(Op.single(kind(), inputs).channels(), 1, 1);
  }
}
