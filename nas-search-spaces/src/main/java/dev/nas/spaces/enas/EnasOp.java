package dev.nas.spaces.enas;

import java.util.Arrays;
import java.util.List;

/** The six branches of an ENAS macro layer, in the reference code's branch order (gene values). */
public enum EnasOp {
  CONV_3X3("conv_3x3", 3, false),
  SEP_CONV_3X3("sep_conv_3x3", 3, true),
  CONV_5X5("conv_5x5", 5, false),
  SEP_CONV_5X5("sep_conv_5x5", 5, true),
  AVG_POOL_3X3("avg_pool_3x3", 3, false),
  MAX_POOL_3X3("max_pool_3x3", 3, false);

  private final String label;
  private final int kernel;
  private final boolean separable;

  EnasOp(String label, int kernel, boolean separable) {
    this.label = label;
    this.kernel = kernel;
    this.separable = separable;
  }

  public String label() {
    return label;
  }

  int kernel() {
    return kernel;
  }

  boolean separable() {
    return separable;
  }

  boolean isPool() {
    return this == AVG_POOL_3X3 || this == MAX_POOL_3X3;
  }

  public static List<String> labels() {
    return Arrays.stream(values()).map(EnasOp::label).toList();
  }
}
