package dev.nas.supernet.ops;

import dev.nas.spaces.network.Identity;
import dev.nas.spaces.network.Node;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The input passed on as it is: the same array forward, the same gradient backward; an alias in DL4J. */
final class IdentityForm implements OpForm<Identity> {

  @Override
  public Class<Identity> type() {
    return Identity.class;
  }

  @Override
  public INDArray forward(Identity op, Node n, TapeContext tape) {
    return tape.input(n, 0);
  }

  @Override
  public void backward(Identity op, Node n, INDArray gradient, TapeContext tape) {
    tape.accumulate(n.inputs().get(0), gradient, false);
  }

  @Override
  public boolean ownsValue(Identity op, Node n, TapeContext tape) {
    return false;
  }

  @Override
  public boolean passesGradient(Identity op, Node n, TapeContext tape) {
    return true;
  }

  @Override
  public String dl4j(Identity op, Node n, Dl4jContext graph) {
    return graph.inputs()[0];
  }

  @Override
  public SDVariable sameDiff(Identity op, Node n, List<SDVariable> inputs, SameDiffContext graph) {
    return inputs.get(0);
  }
}
