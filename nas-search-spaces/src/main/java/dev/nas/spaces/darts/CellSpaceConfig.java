package dev.nas.spaces.darts;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.config.ConfigException;
import dev.nas.core.config.SpaceConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code space: {type: cell, ops: [...], nodes: N, ...}}: a user-declared cell space of the
 * DARTS family, without Java code. Ops come from the DARTS reference code's op set; the network
 * settings are those of {@code darts}.
 *
 * @param ops the ops a node may apply to an input (at least 2, no repeats); sampled as listed, so
 *     list {@code none} only to sample edges that contribute nothing
 * @param nodes intermediate nodes per cell, 1 to 10 (default 4)
 * @param distinctInputs whether a node's two inputs must differ (default {@code true}, as in the
 *     {@code darts} space); {@code false}: each edge's input is chosen on its own, as before issue 18
 */
@JsonTypeName("cell")
public record CellSpaceConfig(List<String> ops, Integer nodes, Boolean distinctInputs, Integer channels, Integer layers,
    Integer classes, Integer inputSize, Boolean auxiliary) implements SpaceConfig {

  public static final int MAX_NODES = 10;
  /** The config key of {@link #distinctInputs}. */
  public static final String DISTINCT_INPUTS = "distinct_inputs";

  public CellSpaceConfig {
    if (ops == null) {
      throw ConfigException.missing("ops", "a list of at least 2 of " + String.join(", ", DartsOp.allLabels()));
    }
    for (int i = 0; i < ops.size(); i++) {
      // List.copyOf would throw a NullPointerException on YAML "ops: [none, ~]".
      if (ops.get(i) == null) {
        throw ConfigException.badValue("ops[" + i + "]", null, String.join(", ", DartsOp.allLabels()));
      }
    }
    ops = List.copyOf(ops);
    if (ops.size() < 2) {
      throw ConfigException.badValue("ops", ops, "at least 2 of " + String.join(", ", DartsOp.allLabels()));
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < ops.size(); i++) {
      if (DartsOp.byLabel(ops.get(i)) == null) {
        throw ConfigException.badValue("ops[" + i + "]", ops.get(i), String.join(", ", DartsOp.allLabels()));
      }
      if (!seen.add(ops.get(i))) {
        throw ConfigException.badValue("ops[" + i + "]", ops.get(i), "each op once; it is already listed");
      }
    }
    nodes = nodes == null ? DartsSpace.NODES : nodes;
    if (nodes < 1 || nodes > MAX_NODES) {
      throw ConfigException.badValue("nodes", nodes, "an integer from 1 to " + MAX_NODES);
    }
    distinctInputs = distinctInputs == null || distinctInputs;
    DartsMacro macro = DartsMacro.withDefaults(channels, layers, classes, inputSize, auxiliary);
    channels = macro.channels();
    layers = macro.layers();
    classes = macro.classes();
    inputSize = macro.inputSize();
    auxiliary = macro.auxiliary();
  }

  private DartsMacro macro() {
    return new DartsMacro(channels, layers, classes, inputSize, auxiliary);
  }

  @Override
  public SearchSpace create() {
    List<DartsOp> list = new ArrayList<>();
    ops.forEach(o -> list.add(DartsOp.byLabel(o)));
    return new DartsSpace("cell", macro(), list, nodes, distinctInputs);
  }
}
