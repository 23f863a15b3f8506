package dev.nas.supernet.ops;

import dev.nas.spaces.network.DropPath;
import dev.nas.spaces.network.Node;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Drop-path (the DARTS/NASNet evaluation recipe): in a forward that drops paths, each example's
 * whole input is zeroed or scaled by {@code 1 / (1 - rate)} by a mask the tape draws; otherwise,
 * and in the DL4J and SameDiff graphs (which do not apply it), an identity.
 */
final class DropPathForm implements OpForm<DropPath> {

  @Override
  public Class<DropPath> type() {
    return DropPath.class;
  }

  @Override
  public INDArray forward(DropPath op, Node n, TapeContext tape) {
    INDArray x = tape.input(n, 0);
    if (!tape.dropsPaths()) {
      return x;
    }
    INDArray mask = tape.dropPathMask();
    tape.remember(n, mask);
    return Nd4j.getExecutioner().exec(new BroadcastMulOp(x, mask, x.ulike(), 0));
  }

  @Override
  public void backward(DropPath op, Node n, INDArray gradient, TapeContext tape) {
    INDArray[] mask = tape.remembered(n);
    if (mask == null) {
      tape.accumulate(n.inputs().get(0), gradient, false);
    } else {
      tape.accumulate(n.inputs().get(0),
          Nd4j.getExecutioner().exec(new BroadcastMulOp(gradient, mask[0], gradient.ulike(), 0)), true);
    }
  }

  @Override
  public boolean ownsValue(DropPath op, Node n, TapeContext tape) {
    return tape.remembered(n) != null;
  }

  @Override
  public boolean passesGradient(DropPath op, Node n, TapeContext tape) {
    return tape.remembered(n) == null;
  }

  @Override
  public String dl4j(DropPath op, Node n, Dl4jContext graph) {
    return graph.inputs()[0];
  }

  @Override
  public SDVariable sameDiff(DropPath op, Node n, List<SDVariable> inputs, SameDiffContext graph) {
    return inputs.get(0);
  }
}
