package dev.nas.spaces.darts;

import java.util.Arrays;
import java.util.List;

/**
 * Every op name of the DARTS reference code's {@code OPS}. The first eight, in this order, are
 * its search {@code PRIMITIVES}: the candidates of the DARTS relaxation's mixed edges; an edge of
 * the {@code darts} space takes one of the seven other than {@code none} (its op genes index them
 * in this order). The last two appear only in published genotypes (NASNet, AmoebaNet).
 */
public enum DartsOp {
  NONE("none"),
  MAX_POOL_3X3("max_pool_3x3"),
  AVG_POOL_3X3("avg_pool_3x3"),
  SKIP_CONNECT("skip_connect"),
  SEP_CONV_3X3("sep_conv_3x3"),
  SEP_CONV_5X5("sep_conv_5x5"),
  DIL_CONV_3X3("dil_conv_3x3"),
  DIL_CONV_5X5("dil_conv_5x5"),
  SEP_CONV_7X7("sep_conv_7x7"),
  CONV_7X1_1X7("conv_7x1_1x7");

  /** Number of search primitives (the first values of this enum). */
  public static final int SEARCHABLE = 8;

  private final String label;

  DartsOp(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public boolean searchable() {
    return ordinal() < SEARCHABLE;
  }

  /** The 8 search primitives, in gene order: the DARTS relaxation's candidates. */
  public static List<DartsOp> searchOps() {
    return Arrays.stream(values()).filter(DartsOp::searchable).toList();
  }

  public static List<String> searchLabels() {
    return Arrays.stream(values()).filter(DartsOp::searchable).map(DartsOp::label).toList();
  }

  public static List<String> allLabels() {
    return Arrays.stream(values()).map(DartsOp::label).toList();
  }

  /** The op with this name, or null. */
  public static DartsOp byLabel(String label) {
    return Arrays.stream(values()).filter(o -> o.label.equals(label)).findFirst().orElse(null);
  }
}
