package dev.nas.supernet.ops;

import dev.nas.spaces.network.Network;
import dev.nas.spaces.network.Node;
import dev.nas.spaces.network.Op;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Everything the engine does with one kind of op, in one place: the arrays it keeps in the weight
 * store (names, shapes, initial values, and where DL4J keeps them), its forward and backward on
 * the tape, its DL4J layer and its SameDiff form. The op record itself (in the spaces module)
 * holds its settings, output shape, parameter and FLOP counts. Adding an op means one record
 * there and one form here, registered in {@link OpForms}; the tape, the graph builders and the
 * weight store find it through {@link OpForms#of}.
 *
 * @param <O> the op record this form executes
 */
public interface OpForm<O extends Op> {

  /** The op record class this form is for. */
  Class<O> type();

  /** The weight-store arrays of node {@code n} (whose op is {@code op}) in {@code net}; none by default. */
  default List<StoreArray> arrays(O op, Network net, Node n) {
    return List.of();
  }

  /** The node's output on the tape, from its inputs' ({@link TapeContext#input}). */
  INDArray forward(O op, Node n, TapeContext tape);

  /**
   * Hands {@code gradient} (of the loss with respect to the node's output) on to the node's inputs
   * ({@link TapeContext#accumulate}) and its arrays ({@link TapeContext#parameterGradients}).
   */
  void backward(O op, Node n, INDArray gradient, TapeContext tape);

  /**
   * Whether the forward output is an array of the node's own, rather than one of its inputs'
   * (lean mode frees only what a node owns).
   */
  default boolean ownsValue(O op, Node n, TapeContext tape) {
    return true;
  }

  /** Whether the backward hands the node's gradient array on to its inputs unchanged (shared, so not freed with it). */
  default boolean passesGradient(O op, Node n, TapeContext tape) {
    return false;
  }

  /** Adds the node's DL4J layer or vertex to {@code graph}; returns the name its output is known by there. */
  String dl4j(O op, Node n, Dl4jContext graph);

  /** The node's output in a SameDiff graph, from its inputs' outputs there. */
  SDVariable sameDiff(O op, Node n, List<SDVariable> inputs, SameDiffContext graph);
}
