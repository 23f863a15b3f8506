package dev.nas.supernet.ops;

import dev.nas.spaces.network.Crop;
import dev.nas.spaces.network.Node;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Drops the first rows and columns of the input (the odd-size alignment of a factorized reduce). */
final class CropForm implements OpForm<Crop> {

  @Override
  public Class<Crop> type() {
    return Crop.class;
  }

  @Override
  public INDArray forward(Crop c, Node n, TapeContext tape) {
    INDArray x = tape.input(n, 0);
    return x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(c.top(), x.size(2)),
        NDArrayIndex.interval(c.left(), x.size(3))).dup();
  }

  @Override
  public void backward(Crop c, Node n, INDArray g, TapeContext tape) {
    INDArray x = tape.input(n, 0);
    INDArray dx = Nd4j.zeros(g.dataType(), x.shape());
    dx.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(c.top(), x.size(2)),
        NDArrayIndex.interval(c.left(), x.size(3))).assign(g);
    tape.accumulate(n.inputs().get(0), dx, true);
  }

  @Override
  public String dl4j(Crop c, Node n, Dl4jContext graph) {
    graph.graph().addLayer(n.name(), new Cropping2D(c.top(), 0, c.left(), 0), graph.inputs());
    return n.name();
  }

  @Override
  public SDVariable sameDiff(Crop c, Node n, List<SDVariable> inputs, SameDiffContext graph) {
    return graph.graph().stridedSlice(inputs.get(0), new long[] {0, 0, c.top(), c.left()}, new long[] {0, 0, 0, 0},
        new long[] {1, 1, 1, 1}, 0b0011, 0b1111, 0, 0, 0);
  }
}
