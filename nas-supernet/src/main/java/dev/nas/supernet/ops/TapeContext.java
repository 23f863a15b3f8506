package dev.nas.supernet.ops;

import dev.nas.spaces.network.Node;
import dev.nas.spaces.network.Op;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What an op's tape forward and backward may use of the running network
 * ({@link dev.nas.supernet.tape.TapeNetwork}): its inputs' outputs, the weight store, the mode it
 * runs in, a per-node memo from forward to backward, and the gradient accumulators.
 */
public interface TapeContext {

  /** The batch the network is running on (the {@code Input} node's output). */
  INDArray networkInput();

  /** The output of node {@code n}'s {@code i}-th input in the running forward. */
  INDArray input(Node n, int i);

  /** The op of node {@code id}. */
  Op op(int id);

  /** The store's array of that name, as it is. */
  INDArray stored(String name);

  /** A cached constant vector of {@code channels} values {@code value}, outside any workspace. */
  INDArray constant(int channels, double value);

  /** Zeros of node {@code n}'s output shape for the running batch. */
  INDArray zeros(Node n);

  /** Whether zero node {@code n} need not produce an output (every consumer of it skips it). */
  boolean silent(Node n);

  /** Training mode (batch statistics, drop-path) rather than evaluation. */
  boolean training();

  /** Whether batch norm keeps running statistics (and evaluation uses them). */
  boolean tracksRunningStatistics();

  /** The weight of this batch's statistics in the running ones: PyTorch's momentum, or 1/k while recalibrating. */
  double runningMomentum();

  /** Whether this forward drops paths. */
  boolean dropsPaths();

  /** A fresh drop-path mask for the batch: per example 0 or {@code 1 / (1 - rate)}. */
  INDArray dropPathMask();

  /** The weight of DARTS-'s auxiliary skip term on mixed edges (0 for none). */
  double auxiliarySkip();

  /** Keeps arrays from node {@code n}'s forward for its backward. */
  void remember(Node n, INDArray... arrays);

  /** What node {@code n}'s forward kept, null if nothing. */
  INDArray[] remembered(Node n);

  /**
   * Adds {@code gradient} to node {@code id}'s output gradient. {@code fresh}: the array was made
   * for this call alone, so it may later be added to in place; a gradient passed through as it is
   * stays shared with the node it came from.
   */
  void accumulate(int id, INDArray gradient, boolean fresh);

  /** The gradients of store arrays found so far in this backward, by store name. */
  Map<String, INDArray> parameterGradients();
}
