package dev.nas.supernet.ops;

import dev.nas.spaces.network.Node;
import dev.nas.spaces.network.Pool;
import dev.nas.supernet.kernels.NativeOps;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;

/**
 * Max and average pooling. Average pooling that counts padding in its divisor runs in DL4J only:
 * libnd4j's backward of it is wrong (SameDiff) and the tape has no form of it.
 */
final class PoolForm implements OpForm<Pool> {

  @Override
  public Class<Pool> type() {
    return Pool.class;
  }

  private static boolean max(Pool p) {
    return p.type() == Pool.Type.MAX;
  }

  @Override
  public INDArray forward(Pool p, Node n, TapeContext tape) {
    INDArray x = tape.input(n, 0);
    if (!max(p) && p.countIncludePad()) {
      throw new IllegalArgumentException(n.name() + ": include-pad average pooling is not supported");
    }
    return NativeOps.pool(x, max(p), p.kernel(), p.stride(), p.padding(),
        new long[] {x.size(0), n.shape().channels(), n.shape().height(), n.shape().width()});
  }

  @Override
  public void backward(Pool p, Node n, INDArray g, TapeContext tape) {
    tape.accumulate(n.inputs().get(0), NativeOps.poolBp(tape.input(n, 0), g, max(p), p.kernel(), p.stride(),
        p.padding()), true);
  }

  @Override
  public String dl4j(Pool p, Node n, Dl4jContext graph) {
    graph.graph().addLayer(n.name(), new SubsamplingLayer.Builder(
            max(p) ? SubsamplingLayer.PoolingType.MAX : SubsamplingLayer.PoolingType.AVG)
        .kernelSize(p.kernel(), p.kernel()).stride(p.stride(), p.stride()).padding(p.padding(), p.padding())
        .avgPoolIncludePadInDivisor(p.countIncludePad()).build(), graph.inputs());
    return n.name();
  }

  @Override
  public SDVariable sameDiff(Pool p, Node n, List<SDVariable> inputs, SameDiffContext graph) {
    Pooling2DConfig cfg = Pooling2DConfig.builder().kH(p.kernel()).kW(p.kernel()).sH(p.stride()).sW(p.stride())
        .pH(p.padding()).pW(p.padding()).extra(0).isNHWC(false).paddingMode(PaddingMode.VALID)
        .type(max(p) ? Pooling2D.Pooling2DType.MAX : Pooling2D.Pooling2DType.AVG).build();
    if (!max(p) && p.countIncludePad()) {
      throw new IllegalArgumentException(n.name() + ": include-pad average pooling has a wrong backward in SameDiff");
    }
    return max(p) ? graph.graph().cnn().maxPooling2d(inputs.get(0), cfg)
        : graph.graph().cnn().avgPooling2d(inputs.get(0), cfg);
  }
}
