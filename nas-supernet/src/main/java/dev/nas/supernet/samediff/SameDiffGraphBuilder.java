package dev.nas.supernet.samediff;

import dev.nas.spaces.network.Add;
import dev.nas.spaces.network.BatchNorm;
import dev.nas.spaces.network.Concat;
import dev.nas.spaces.network.Conv2d;
import dev.nas.spaces.network.Crop;
import dev.nas.spaces.network.DropPath;
import dev.nas.spaces.network.GlobalAvgPool;
import dev.nas.spaces.network.Identity;
import dev.nas.spaces.network.Input;
import dev.nas.spaces.network.Linear;
import dev.nas.spaces.network.Network;
import dev.nas.spaces.network.Node;
import dev.nas.spaces.network.Pool;
import dev.nas.spaces.network.Relu;
import dev.nas.spaces.network.TensorShape;
import dev.nas.spaces.network.Zero;
import dev.nas.supernet.Backend;
import dev.nas.supernet.ParameterStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Builds a training graph (placeholders {@value #INPUT} and {@value #LABELS}, loss {@value #LOSS})
 * from a {@link Network}, binding each parameter to the array of that name in {@code store}
 * (see {@link ParameterStore} for names, layouts and the initialisation of missing ones); a
 * dilated conv's stored window is masked in the graph.
 */
public final class SameDiffGraphBuilder {

  public static final String INPUT = "input";
  public static final String LABELS = "labels";
  public static final String LOSS = "loss";
  public static final String LOGITS = "logits";
  static final double BN_EPS = 1e-5;

  private SameDiffGraphBuilder() {}

  public static SameDiff build(Network net, Map<String, INDArray> store, long seed, DataType dataType) {
    Backend.init();
    ParameterStore.initialise(net, store, seed, dataType);
    SameDiff sd = SameDiff.create();
    TensorShape in = net.inputShape();
    Map<Integer, SDVariable> values = new HashMap<>();
    for (Node n : net.nodes()) {
      var op = n.op();
      List<SDVariable> inputs = n.inputs().stream().map(values::get).toList();
      List<TensorShape> inShapes = net.inputShapes(n);
      SDVariable v;
      if (op instanceof Input) {
        v = sd.placeHolder(INPUT, dataType, -1, in.channels(), in.height(), in.width());
      } else if (op instanceof Identity || op instanceof DropPath) {
        v = inputs.get(0);
      } else if (op instanceof Conv2d c) {
        v = conv(sd, store, n.name(), inputs.get(0), c, inShapes.get(0).channels(), dataType);
      } else if (op instanceof BatchNorm b) {
        v = batchNorm(sd, store, n.name(), inputs.get(0), n.shape().channels(), b.affine());
      } else if (op instanceof Relu) {
        v = sd.nn().relu(inputs.get(0), 0);
      } else if (op instanceof Pool p) {
        Pooling2DConfig cfg = Pooling2DConfig.builder().kH(p.kernel()).kW(p.kernel()).sH(p.stride()).sW(p.stride())
            .pH(p.padding()).pW(p.padding()).extra(0).isNHWC(false).paddingMode(PaddingMode.VALID)
            .type(p.type() == Pool.Type.MAX ? Pooling2D.Pooling2DType.MAX : Pooling2D.Pooling2DType.AVG).build();
        if (p.type() == Pool.Type.AVG && p.countIncludePad()) {
          throw new IllegalArgumentException(n.name() + ": include-pad average pooling has a wrong backward in SameDiff");
        }
        v = p.type() == Pool.Type.MAX ? sd.cnn().maxPooling2d(inputs.get(0), cfg) : sd.cnn().avgPooling2d(inputs.get(0), cfg);
      } else if (op instanceof Zero z) {
        SDVariable x = inputs.get(0);
        if (z.stride() > 1) {
          x = sd.stridedSlice(x, new long[] {0, 0, 0, 0}, new long[] {0, 0, 0, 0},
              new long[] {1, 1, z.stride(), z.stride()}, 0b1111, 0b1111, 0, 0, 0);
        }
        v = x.mul(0.0);
      } else if (op instanceof Crop c) {
        v = sd.stridedSlice(inputs.get(0), new long[] {0, 0, c.top(), c.left()}, new long[] {0, 0, 0, 0},
            new long[] {1, 1, 1, 1}, 0b0011, 0b1111, 0, 0, 0);
      } else if (op instanceof Add) {
        v = inputs.get(0);
        for (int i = 1; i < inputs.size(); i++) {
          v = v.add(inputs.get(i));
        }
      } else if (op instanceof Concat) {
        v = inputs.size() == 1 ? inputs.get(0) : sd.concat(1, inputs.toArray(SDVariable[]::new));
      } else if (op instanceof GlobalAvgPool) {
        v = inputs.get(0).mean(2, 3);
      } else if (op instanceof Linear l) {
        long features = inShapes.get(0).elements();
        SDVariable x = inputs.get(0).reshape(-1, features);
        v = x.mmul(variable(sd, store, n.name() + ".W"));
        if (l.bias()) {
          v = v.add(variable(sd, store, n.name() + ".b"));
        }
      } else {
        throw new IllegalStateException("node " + n.name() + ": no SameDiff form for " + op);
      }
      values.put(n.id(), v);
    }
    SDVariable logits = sd.identity(LOGITS, values.get(net.output()));
    SDVariable labels = sd.placeHolder(LABELS, dataType, -1, net.outputShape().channels());
    sd.loss().softmaxCrossEntropy(LOSS, labels, logits.reshape(-1, net.outputShape().channels()), null);
    sd.setLossVariables(LOSS);
    return sd;
  }

  private static SDVariable conv(SameDiff sd, Map<String, INDArray> store, String name, SDVariable x, Conv2d c,
      int inChannels, DataType dataType) {
    boolean depthwise = c.groups() > 1;
    if (depthwise && !(c.groups() == inChannels && c.outChannels() == inChannels)) {
      throw new IllegalArgumentException(name + ": only plain and depthwise convs are supported");
    }
    long[] shape = ParameterStore.convShape(c, inChannels);
    SDVariable w = variable(sd, store, name + ".W");
    if (c.dilation() > 1) {
      w = w.mul(sd.constant(name + ".mask", ParameterStore.dilationMask(c.dilation(), shape, dataType)));
    }
    Conv2DConfig cfg = Conv2DConfig.builder().kH(shape[0]).kW(shape[1]).sH(c.strideH()).sW(c.strideW())
        .pH(c.padH()).pW(c.padW()).dH(1).dW(1).paddingMode(PaddingMode.VALID).dataFormat("NCHW").build();
    SDVariable y = depthwise ? sd.cnn().depthWiseConv2d(x, w, cfg) : sd.cnn().conv2d(x, w, cfg);
    if (c.bias()) {
      y = y.add(variable(sd, store, name + ".b").reshape(1, c.outChannels(), 1, 1));
    }
    return y;
  }

  /** Batch norm from reductions over (N, H, W) with batch statistics (the built-in op has no usable gradient). */
  private static SDVariable batchNorm(SameDiff sd, Map<String, INDArray> store, String name, SDVariable x, int channels,
      boolean affine) {
    SDVariable mean = x.mean(true, 0, 2, 3);
    SDVariable centred = x.sub(mean);
    SDVariable variance = centred.mul(centred).mean(true, 0, 2, 3);
    SDVariable y = centred.div(sd.math().sqrt(variance.add(BN_EPS)));
    if (affine) {
      SDVariable gamma = variable(sd, store, name + ".gamma");
      SDVariable beta = variable(sd, store, name + ".beta");
      y = y.mul(gamma.reshape(1, channels, 1, 1)).add(beta.reshape(1, channels, 1, 1));
    }
    return y;
  }

  /** The store's array of that name, bound by reference as a variable. */
  private static SDVariable variable(SameDiff sd, Map<String, INDArray> store, String name) {
    return sd.var(name, store.get(name));
  }
}
