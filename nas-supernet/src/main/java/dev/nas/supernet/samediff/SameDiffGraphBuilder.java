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
import dev.nas.supernet.dl4j.DilationMask;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
 * from a {@link Network}, binding each parameter to the array of that name in {@code store},
 * creating (He-initialised, from {@code seed}) the ones missing. Names: {@code <node>.W},
 * {@code <node>.b}, {@code <node>.gamma}, {@code <node>.beta}. Conv weights are SameDiff's
 * {@code [kH, kW, iC, oC]}; a dilated conv is stored as its covered window and masked in the graph.
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
    Random random = new Random(seed);
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
        v = conv(sd, store, random, n.name(), inputs.get(0), c, inShapes.get(0).channels(), dataType);
      } else if (op instanceof BatchNorm b) {
        v = batchNorm(sd, store, n.name(), inputs.get(0), n.shape().channels(), b.affine(), dataType);
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
        SDVariable w = variable(sd, store, n.name() + ".W", dataType,
            () -> Nd4j.randn(random.nextLong(), new long[] {features, l.outFeatures()}).muli(Math.sqrt(1.0 / features)));
        v = x.mmul(w);
        if (l.bias()) {
          v = v.add(variable(sd, store, n.name() + ".b", dataType, () -> Nd4j.zeros(l.outFeatures())));
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

  private static SDVariable conv(SameDiff sd, Map<String, INDArray> store, Random random, String name, SDVariable x,
      Conv2d c, int inChannels, DataType dataType) {
    int d = c.dilation();
    int kh = DilationMask.effectiveKernel(c.kernelH(), d);
    int kw = DilationMask.effectiveKernel(c.kernelW(), d);
    boolean depthwise = c.groups() > 1;
    if (depthwise && !(c.groups() == inChannels && c.outChannels() == inChannels)) {
      throw new IllegalArgumentException(name + ": only plain and depthwise convs are supported");
    }
    long fanIn = (long) c.kernelH() * c.kernelW() * (inChannels / c.groups());
    long[] shape = depthwise ? new long[] {kh, kw, inChannels, 1} : new long[] {kh, kw, inChannels, c.outChannels()};
    SDVariable w = variable(sd, store, name + ".W", dataType,
        () -> gridOnly(Nd4j.randn(random.nextLong(), shape).muli(Math.sqrt(2.0 / fanIn)), d));
    if (d > 1) {
      w = w.mul(sd.constant(name + ".mask", gridOnly(Nd4j.ones(dataType, shape), d)));
    }
    Conv2DConfig cfg = Conv2DConfig.builder().kH(kh).kW(kw).sH(c.strideH()).sW(c.strideW()).pH(c.padH()).pW(c.padW())
        .dH(1).dW(1).paddingMode(PaddingMode.VALID).dataFormat("NCHW").build();
    SDVariable y = depthwise ? sd.cnn().depthWiseConv2d(x, w, cfg) : sd.cnn().conv2d(x, w, cfg);
    if (c.bias()) {
      SDVariable b = variable(sd, store, name + ".b", dataType, () -> Nd4j.zeros(c.outChannels()));
      y = y.add(b.reshape(1, c.outChannels(), 1, 1));
    }
    return y;
  }

  /** Zeroes every weight off the dilation grid of a [kH, kW, ...] kernel. */
  private static INDArray gridOnly(INDArray w, int dilation) {
    if (dilation == 1) {
      return w;
    }
    for (long i = 0; i < w.size(0); i++) {
      for (long j = 0; j < w.size(1); j++) {
        if (i % dilation != 0 || j % dilation != 0) {
          w.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i), org.nd4j.linalg.indexing.NDArrayIndex.point(j)).assign(0);
        }
      }
    }
    return w;
  }

  /** Batch norm from reductions over (N, H, W) with batch statistics (the built-in op has no usable gradient). */
  private static SDVariable batchNorm(SameDiff sd, Map<String, INDArray> store, String name, SDVariable x, int channels,
      boolean affine, DataType dataType) {
    SDVariable mean = x.mean(true, 0, 2, 3);
    SDVariable centred = x.sub(mean);
    SDVariable variance = centred.mul(centred).mean(true, 0, 2, 3);
    SDVariable y = centred.div(sd.math().sqrt(variance.add(BN_EPS)));
    if (affine) {
      SDVariable gamma = variable(sd, store, name + ".gamma", dataType, () -> Nd4j.ones(channels));
      SDVariable beta = variable(sd, store, name + ".beta", dataType, () -> Nd4j.zeros(channels));
      y = y.mul(gamma.reshape(1, channels, 1, 1)).add(beta.reshape(1, channels, 1, 1));
    }
    return y;
  }

  /** The store's array of that name (created if absent), bound by reference as a variable. */
  private static SDVariable variable(SameDiff sd, Map<String, INDArray> store, String name, DataType dataType,
      java.util.function.Supplier<INDArray> init) {
    INDArray array = store.computeIfAbsent(name, k -> init.get().castTo(dataType));
    return sd.var(name, array);
  }
}
