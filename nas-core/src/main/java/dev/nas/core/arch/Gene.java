package dev.nas.core.arch;

import java.util.List;
import java.util.Objects;

/**
 * One decision of a search space: a name and the labels of its values; the gene's value is an
 * index into {@code values}.
 */
public record Gene(String name, List<String> values) {

  public Gene {
    Objects.requireNonNull(name, "name");
    values = List.copyOf(values);
    if (values.size() < 2) {
      throw new IllegalArgumentException("gene " + name + " needs at least 2 values, got " + values);
    }
  }

  public int cardinality() {
    return values.size();
  }
}
