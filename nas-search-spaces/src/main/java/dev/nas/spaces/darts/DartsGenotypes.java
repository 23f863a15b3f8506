package dev.nas.spaces.darts;

import dev.nas.core.arch.InvalidArchitectureException;
import dev.nas.spaces.InputEcho;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Published cells by name, as the DARTS reference code's {@code genotypes.py} lists them
 * (quark0/darts): NASNet-A, AmoebaNet-A, DARTS_V1 (first order), DARTS_V2 (second order; the
 * reference code's {@code DARTS}).
 */
public final class DartsGenotypes {

  private static final Map<String, String> TEXT = new LinkedHashMap<>();

  static {
    TEXT.put("NASNet", "Genotype(normal=[('sep_conv_5x5', 1), ('sep_conv_3x3', 0), ('sep_conv_5x5', 0),"
        + " ('sep_conv_3x3', 0), ('avg_pool_3x3', 1), ('skip_connect', 0), ('avg_pool_3x3', 0),"
        + " ('avg_pool_3x3', 0), ('sep_conv_3x3', 1), ('skip_connect', 1)], normal_concat=[2, 3, 4, 5, 6],"
        + " reduce=[('sep_conv_5x5', 1), ('sep_conv_7x7', 0), ('max_pool_3x3', 1), ('sep_conv_7x7', 0),"
        + " ('avg_pool_3x3', 1), ('sep_conv_5x5', 0), ('skip_connect', 3), ('avg_pool_3x3', 2),"
        + " ('sep_conv_3x3', 2), ('max_pool_3x3', 1)], reduce_concat=[4, 5, 6])");
    TEXT.put("AmoebaNet", "Genotype(normal=[('avg_pool_3x3', 0), ('max_pool_3x3', 1), ('sep_conv_3x3', 0),"
        + " ('sep_conv_5x5', 2), ('sep_conv_3x3', 0), ('avg_pool_3x3', 3), ('sep_conv_3x3', 1),"
        + " ('skip_connect', 1), ('skip_connect', 0), ('avg_pool_3x3', 1)], normal_concat=[4, 5, 6],"
        + " reduce=[('avg_pool_3x3', 0), ('sep_conv_3x3', 1), ('max_pool_3x3', 0), ('sep_conv_7x7', 2),"
        + " ('sep_conv_7x7', 0), ('avg_pool_3x3', 1), ('max_pool_3x3', 0), ('max_pool_3x3', 1),"
        + " ('conv_7x1_1x7', 0), ('sep_conv_3x3', 5)], reduce_concat=[3, 4, 6])");
    TEXT.put("DARTS_V1", "Genotype(normal=[('sep_conv_3x3', 1), ('sep_conv_3x3', 0), ('skip_connect', 0),"
        + " ('sep_conv_3x3', 1), ('skip_connect', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 0),"
        + " ('skip_connect', 2)], normal_concat=[2, 3, 4, 5], reduce=[('max_pool_3x3', 0),"
        + " ('max_pool_3x3', 1), ('skip_connect', 2), ('max_pool_3x3', 0), ('max_pool_3x3', 0),"
        + " ('skip_connect', 2), ('skip_connect', 2), ('avg_pool_3x3', 0)], reduce_concat=[2, 3, 4, 5])");
    TEXT.put("DARTS_V2", "Genotype(normal=[('sep_conv_3x3', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 0),"
        + " ('sep_conv_3x3', 1), ('sep_conv_3x3', 1), ('skip_connect', 0), ('skip_connect', 0),"
        + " ('dil_conv_3x3', 2)], normal_concat=[2, 3, 4, 5], reduce=[('max_pool_3x3', 0),"
        + " ('max_pool_3x3', 1), ('skip_connect', 2), ('max_pool_3x3', 1), ('max_pool_3x3', 0),"
        + " ('skip_connect', 2), ('skip_connect', 2), ('max_pool_3x3', 1)], reduce_concat=[2, 3, 4, 5])");
    TEXT.put("DARTS", TEXT.get("DARTS_V2"));
  }

  private DartsGenotypes() {}

  public static Iterable<String> names() {
    return TEXT.keySet();
  }

  /** The published genotype with this name, or the parse of {@code nameOrText} as genotype text. */
  public static DartsGenotype resolve(String nameOrText) {
    String text = TEXT.get(nameOrText == null ? "" : nameOrText.trim());
    if (text != null) {
      return DartsGenotype.parse(text);
    }
    if (nameOrText != null && nameOrText.trim().matches("[A-Za-z_0-9]+")) {
      throw new InvalidArchitectureException("unknown genotype name " + InputEcho.quote(nameOrText.trim()) + "; accepted: "
          + String.join(", ", TEXT.keySet()) + ", or genotype text Genotype(normal=[...], ...)");
    }
    return DartsGenotype.parse(nameOrText);
  }
}
