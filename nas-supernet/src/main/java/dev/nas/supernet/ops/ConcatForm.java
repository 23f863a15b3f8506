package dev.nas.supernet.ops;

import dev.nas.spaces.network.Concat;
import dev.nas.spaces.network.Node;
import java.util.List;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Concatenation along channels; of one input, that input itself. */
final class ConcatForm implements OpForm<Concat> {

  @Override
  public Class<Concat> type() {
    return Concat.class;
  }

  private static boolean single(Node n) {
    return n.inputs().size() == 1;
  }

  @Override
  public INDArray forward(Concat op, Node n, TapeContext tape) {
    if (single(n)) {
      return tape.input(n, 0);
    }
    INDArray[] parts = new INDArray[n.inputs().size()];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = tape.input(n, i);
    }
    return Nd4j.concat(1, parts);
  }

  @Override
  public void backward(Concat op, Node n, INDArray g, TapeContext tape) {
    long at = 0;
    for (int i = 0; i < n.inputs().size(); i++) {
      long c = tape.input(n, i).size(1);
      tape.accumulate(n.inputs().get(i), g.get(NDArrayIndex.all(), NDArrayIndex.interval(at, at + c)).dup(), true);
      at += c;
    }
  }

  @Override
  public boolean ownsValue(Concat op, Node n, TapeContext tape) {
    return !single(n);
  }

  @Override
  public boolean passesGradient(Concat op, Node n, TapeContext tape) {
    return single(n);
  }

  @Override
  public String dl4j(Concat op, Node n, Dl4jContext graph) {
    graph.graph().addVertex(n.name(), new MergeVertex(), graph.inputs());
    return n.name();
  }

  @Override
  public SDVariable sameDiff(Concat op, Node n, List<SDVariable> inputs, SameDiffContext graph) {
    return inputs.size() == 1 ? inputs.get(0) : graph.graph().concat(1, inputs.toArray(SDVariable[]::new));
  }
}
