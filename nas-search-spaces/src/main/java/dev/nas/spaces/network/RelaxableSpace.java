package dev.nas.spaces.network;

import dev.nas.core.arch.Architecture;
import java.util.List;
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

  /** The candidate ops of every edge, in column order of the architecture weights. */
  List<String> candidates();

  /** What each row of architecture-weight matrix {@code matrix} weights, e.g. {@code node1<-c_{k-1}}. */
  List<String> edges(String matrix);

  /**
   * Discretises the relaxation: the architecture its weights stand for, as the space's reference
   * code derives it. {@code weights} holds each matrix of {@link #architectureWeights()} after the
   * softmax over each row.
   */
  Architecture derive(Map<String, double[][]> weights);
}
