package dev.nas.supernet.ops;

import dev.nas.spaces.network.Input;
import dev.nas.spaces.network.Node;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The network's input: the batch itself. */
final class InputForm implements OpForm<Input> {

  @Override
  public Class<Input> type() {
    return Input.class;
  }

  @Override
  public INDArray forward(Input op, Node n, TapeContext tape) {
    return tape.networkInput();
  }

  @Override
  public void backward(Input op, Node n, INDArray gradient, TapeContext tape) {
    // The gradient that reaches the input is kept by the tape as it is.
  }

  @Override
  public boolean ownsValue(Input op, Node n, TapeContext tape) {
    return false;
  }

  @Override
  public String dl4j(Input op, Node n, Dl4jContext graph) {
    return graph.graphInput();
  }

  @Override
  public SDVariable sameDiff(Input op, Node n, List<SDVariable> inputs, SameDiffContext graph) {
    return graph.placeholderInput();
  }
}
