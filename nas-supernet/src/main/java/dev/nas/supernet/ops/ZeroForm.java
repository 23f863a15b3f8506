package dev.nas.supernet.ops;

import dev.nas.spaces.network.Node;
import dev.nas.spaces.network.Zero;
import java.util.List;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The {@code none} op: zeros of the (possibly strided) input's shape. On the tape it is not made
 * at all when only mixed ops read it (they skip it), and nothing flows back through it.
 */
final class ZeroForm implements OpForm<Zero> {

  @Override
  public Class<Zero> type() {
    return Zero.class;
  }

  @Override
  public INDArray forward(Zero op, Node n, TapeContext tape) {
    return tape.silent(n) ? null : tape.zeros(n);
  }

  @Override
  public void backward(Zero op, Node n, INDArray g, TapeContext tape) {
    // Constant output: nothing flows back.
  }

  @Override
  public String dl4j(Zero z, Node n, Dl4jContext graph) {
    String[] source = graph.inputs();
    if (z.stride() > 1) {
      String subsample = n.name() + ".subsample";
      graph.graph().addLayer(subsample, new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
          .kernelSize(1, 1).stride(z.stride(), z.stride()).build(), source);
      source = new String[] {subsample};
    }
    graph.graph().addVertex(n.name(), new ScaleVertex(0.0), source[0]);
    return n.name();
  }

  @Override
  public SDVariable sameDiff(Zero z, Node n, List<SDVariable> inputs, SameDiffContext graph) {
    SDVariable x = inputs.get(0);
    if (z.stride() > 1) {
      x = graph.graph().stridedSlice(x, new long[] {0, 0, 0, 0}, new long[] {0, 0, 0, 0},
          new long[] {1, 1, z.stride(), z.stride()}, 0b1111, 0b1111, 0, 0, 0);
    }
    return x.mul(0.0);
  }
}
