package dev.nas.supernet.morph;

import dev.nas.spaces.network.Network;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The result of a {@link Morphism}: the new network and its weights, keyed by the new network's
 * node names as {@link dev.nas.supernet.ParameterStore} names them, ready to be put in a store.
 * The map is immutable; its arrays are the morphism's own copies.
 */
public record Morphed(Network network, Map<String, INDArray> weights) {

  public Morphed {
    weights = Map.copyOf(weights);
  }
}
