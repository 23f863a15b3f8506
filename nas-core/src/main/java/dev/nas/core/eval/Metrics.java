package dev.nas.core.eval;

import com.google.common.collect.ImmutableMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an evaluation measured. {@code signal} is what the search maximises (for example the
 * 12-epoch validation accuracy); {@code values} holds every named measurement, including the
 * evaluator's reported metric (for example the 200-epoch test accuracy), which the search never
 * sees while choosing.
 */
public record Metrics(double signal, Map<String, Double> values) {

  public Metrics {
    if (!Double.isFinite(signal)) {
      throw new IllegalArgumentException("signal must be finite, got " + signal);
    }
    values = ImmutableMap.copyOf(Objects.requireNonNull(values, "values"));
  }

  public double value(String name) {
    Double v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("no metric '" + name + "' in " + values.keySet());
    }
    return v;
  }
}
