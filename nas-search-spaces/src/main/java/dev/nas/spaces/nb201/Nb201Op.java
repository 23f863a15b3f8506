package dev.nas.spaces.nb201;

import java.util.Arrays;
import java.util.List;

/** The five NB201 edge operations, in the benchmark's official order (this order defines genes). */
public enum Nb201Op {
  NONE("none"),
  SKIP_CONNECT("skip_connect"),
  NOR_CONV_1X1("nor_conv_1x1"),
  NOR_CONV_3X3("nor_conv_3x3"),
  AVG_POOL_3X3("avg_pool_3x3");

  private final String label;

  Nb201Op(String label) {
    this.label = label;
  }

  /** The name used in arch strings. */
  public String label() {
    return label;
  }

  public static List<String> labels() {
    return Arrays.stream(values()).map(Nb201Op::label).toList();
  }

  /** The op with this arch-string name, or null. */
  public static Nb201Op byLabel(String label) {
    for (Nb201Op op : values()) {
      if (op.label.equals(label)) {
        return op;
      }
    }
    return null;
  }
}
