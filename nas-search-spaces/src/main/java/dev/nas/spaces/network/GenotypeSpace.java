package dev.nas.spaces.network;

import java.util.Map;

/**
 * A space whose networks can also be built from a published genotype (by name or text) that lies
 * outside the search space itself, e.g. NASNet's 5-node cells in the DARTS evaluation network.
 */
public interface GenotypeSpace extends NetworkSpace {

  /** Canonical text, parameters, FLOPs and layers of the genotype's network at this space's macro settings. */
  Map<String, Object> describeGenotype(String nameOrText);

  /** The network of a published genotype (by name or text) at this space's macro settings. */
  Network genotypeNetwork(String nameOrText);

  /** The genotype's canonical text (a name resolved to its cells). */
  String genotypeText(String nameOrText);
}
