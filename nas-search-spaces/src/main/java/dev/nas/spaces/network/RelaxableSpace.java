package dev.nas.spaces.network;

import java.util.Map;

/**
 * A space with a continuous relaxation (DARTS): one network holding every candidate op of every
 * edge, each edge's candidates weighted by a softmax over a row of architecture weights
 * ({@link Mixed} nodes). Candidate ops carry the same node names as in the space's sampled
 * children, so the relaxation and the children train the same weights in one store.
 */
public interface RelaxableSpace extends NetworkSpace {

  /** The relaxed network at this space's macro settings. */
  Network relaxedNetwork();

  /** The architecture-weight matrices of the relaxation: store name to {@code [rows, candidates]}. */
  Map<String, int[]> architectureWeights();
}
