package dev.nas.spaces.network;

import dev.nas.core.arch.Architecture;
import dev.nas.core.arch.SearchSpace;
import java.util.LinkedHashMap;
import java.util.Map;

/** A search space whose architectures compile to a {@link Network} for its macro settings. */
public interface NetworkSpace extends SearchSpace {

  /** The network of an architecture, at this space's macro settings (channels, depth, classes, input). */
  Network network(Architecture architecture);

  /** Parameters, FLOPs and layers of the architecture's network, for {@code nas describe}. */
  @Override
  default Map<String, Object> describe(Architecture architecture) {
    Network n = network(architecture);
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("params", n.params());
    facts.put("params_with_auxiliary", n.paramsWithAuxiliary());
    facts.put("flops", n.flops());
    facts.put("input", n.inputShape().toString());
    facts.put("layers", n.layers().stream().filter(l -> l.params() > 0 || l.kind().equals("input")).toList());
    return facts;
  }
}
