package dev.nas.supernet.ops;

import dev.nas.spaces.network.Add;
import dev.nas.spaces.network.Node;
import java.util.List;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The element-wise sum of the inputs; its gradient goes to every input unchanged (shared). */
final class AddForm implements OpForm<Add> {

  @Override
  public Class<Add> type() {
    return Add.class;
  }

  @Override
  public INDArray forward(Add op, Node n, TapeContext tape) {
    INDArray out = tape.input(n, 0).dup();
    for (int i = 1; i < n.inputs().size(); i++) {
      out.addi(tape.input(n, i));
    }
    return out;
  }

  @Override
  public void backward(Add op, Node n, INDArray g, TapeContext tape) {
    for (int i : n.inputs()) {
      tape.accumulate(i, g, false);
    }
  }

  @Override
  public boolean passesGradient(Add op, Node n, TapeContext tape) {
    return true;
  }

  @Override
  public String dl4j(Add op, Node n, Dl4jContext graph) {
    if (graph.inputs().length == 1) {
      return graph.inputs()[0];
    }
    graph.graph().addVertex(n.name(), new ElementWiseVertex(ElementWiseVertex.Op.Add), graph.inputs());
    return n.name();
  }

  @Override
  public SDVariable sameDiff(Add op, Node n, List<SDVariable> inputs, SameDiffContext graph) {
    SDVariable v = inputs.get(0);
    for (int i = 1; i < inputs.size(); i++) {
      v = v.add(inputs.get(i));
    }
    return v;
  }
}
