package dev.nas.supernet.ops;

import dev.nas.spaces.network.GlobalAvgPool;
import dev.nas.spaces.network.Node;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.factory.Nd4j;

/** The mean over each channel's plane, kept {@code [N, C, 1, 1]} on the tape. */
final class GlobalAvgPoolForm implements OpForm<GlobalAvgPool> {

  @Override
  public Class<GlobalAvgPool> type() {
    return GlobalAvgPool.class;
  }

  @Override
  public INDArray forward(GlobalAvgPool op, Node n, TapeContext tape) {
    INDArray x = tape.input(n, 0);
    return x.mean(2, 3).reshape(x.size(0), x.size(1), 1, 1);
  }

  @Override
  public void backward(GlobalAvgPool op, Node n, INDArray g, TapeContext tape) {
    INDArray x = tape.input(n, 0);
    INDArray dx = Nd4j.zeros(g.dataType(), x.shape());
    Nd4j.getExecutioner().exec(new BroadcastAddOp(dx, g.reshape(x.size(0), x.size(1)).div(x.size(2) * x.size(3)),
        dx, 0, 1));
    tape.accumulate(n.inputs().get(0), dx, true);
  }

  @Override
  public String dl4j(GlobalAvgPool op, Node n, Dl4jContext graph) {
    graph.graph().addLayer(n.name(), new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), graph.inputs());
    return n.name();
  }

  @Override
  public SDVariable sameDiff(GlobalAvgPool op, Node n, List<SDVariable> inputs, SameDiffContext graph) {
    return inputs.get(0).mean(2, 3);
  }
}
