package dev.nas.supernet.ops;

import dev.nas.spaces.network.Conv2d;
import dev.nas.spaces.network.Network;
import dev.nas.spaces.network.Node;
import dev.nas.supernet.kernels.DilationGrid;
import dev.nas.supernet.kernels.NativeOps;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Plain and depthwise convolutions. Weights are stored {@code [kH, kW, iC, oC]} (depthwise
 * {@code [kH, kW, C, 1]}), He-normal; DL4J keeps plain ones as {@code [oC, iC, kH, kW]}. A dilated
 * conv runs as an undilated one over the window it covers, off-grid weights held at zero
 * ({@link DilationGrid}) in every form.
 */
final class ConvForm implements OpForm<Conv2d> {

  @Override
  public Class<Conv2d> type() {
    return Conv2d.class;
  }

  /** The stored weight shape of a conv with {@code inChannels} inputs. */
  static long[] weightShape(Conv2d c, int inChannels) {
    int kh = DilationGrid.effectiveKernel(c.kernelH(), c.dilation());
    int kw = DilationGrid.effectiveKernel(c.kernelW(), c.dilation());
    return depthwise(c) ? new long[] {kh, kw, inChannels, 1} : new long[] {kh, kw, inChannels, c.outChannels()};
  }

  private static boolean depthwise(Conv2d c) {
    return c.groups() > 1;
  }

  @Override
  public List<StoreArray> arrays(Conv2d c, Network net, Node n) {
    int in = net.inputShapes(n).get(0).channels();
    long[] shape = weightShape(c, in);
    double std = Math.sqrt(2.0 / ((long) c.kernelH() * c.kernelW() * (in / c.groups())));
    List<StoreArray> arrays = new ArrayList<>();
    arrays.add(new StoreArray(n.name() + ".W", shape, StoreArray.Role.PARAMETER,
        (seed, s, type) -> Nd4j.randn(seed, s).muli(std).castTo(type).muli(DilationGrid.mask(c.dilation(), s, type)),
        "W", depthwise(c) ? null : new int[] {3, 2, 0, 1}));
    if (c.bias()) {
      arrays.add(StoreArray.parameter(n.name() + ".b", new long[] {c.outChannels()},
          (seed, s, type) -> Nd4j.zeros(type, s), "b"));
    }
    return arrays;
  }

  /** The dilation mask of the conv's stored weight, null without dilation. */
  private static INDArray mask(Conv2d c, INDArray w) {
    return c.dilation() > 1 ? DilationGrid.mask(c.dilation(), w.shape(), w.dataType()) : null;
  }

  /** The weight as the conv uses it: off-grid entries of a dilated conv's window zeroed. */
  private static INDArray weight(Conv2d c, Node n, TapeContext tape) {
    INDArray w = tape.stored(n.name() + ".W");
    INDArray mask = mask(c, w);
    return mask == null ? w : w.mul(mask);
  }

  @Override
  public INDArray forward(Conv2d c, Node n, TapeContext tape) {
    INDArray x = tape.input(n, 0);
    INDArray out = NativeOps.conv2d(x, weight(c, n, tape), c.strideH(), c.strideW(), c.padH(), c.padW(),
        depthwise(c), new long[] {x.size(0), n.shape().channels(), n.shape().height(), n.shape().width()});
    if (c.bias()) {
      Nd4j.getExecutioner().exec(new BroadcastAddOp(out, tape.stored(n.name() + ".b"), out, 1));
    }
    return out;
  }

  @Override
  public void backward(Conv2d c, Node n, INDArray g, TapeContext tape) {
    String key = n.name() + ".W";
    INDArray[] r = NativeOps.conv2dBp(tape.input(n, 0), weight(c, n, tape), g, c.strideH(), c.strideW(), c.padH(),
        c.padW(), depthwise(c));
    tape.accumulate(n.inputs().get(0), r[0], true);
    INDArray mask = mask(c, r[1]);
    tape.parameterGradients().put(key, mask == null ? r[1] : r[1].muli(mask));
    if (c.bias()) {
      tape.parameterGradients().put(n.name() + ".b", g.sum(0, 2, 3));
    }
  }

  @Override
  public String dl4j(Conv2d c, Node n, Dl4jContext graph) {
    int inChannels = graph.inputShapes().get(0).channels();
    long[] shape = weightShape(c, inChannels);
    int kh = (int) shape[0];
    int kw = (int) shape[1];
    BaseLayer.Builder<?> layer;
    if (!depthwise(c)) {
      layer = new ConvolutionLayer.Builder(kh, kw)
          .stride(c.strideH(), c.strideW()).padding(c.padH(), c.padW())
          .nIn(inChannels).nOut(c.outChannels()).hasBias(c.bias()).activation(Activation.IDENTITY);
    } else if (c.groups() == inChannels && c.outChannels() == inChannels) {
      layer = new DepthwiseConvolution2D.Builder(kh, kw)
          .stride(c.strideH(), c.strideW()).padding(c.padH(), c.padW())
          .nIn(inChannels).nOut(c.outChannels()).depthMultiplier(1).hasBias(c.bias())
          .activation(Activation.IDENTITY);
    } else {
      throw unsupportedGroups(n, c, inChannels);
    }
    if (c.dilation() > 1) {
      graph.constrainToDilationGrid(layer, c.dilation(), depthwise(c));
    }
    graph.graph().addLayer(n.name(), layer.build(), graph.inputs());
    return n.name();
  }

  @Override
  public SDVariable sameDiff(Conv2d c, Node n, List<SDVariable> inputs, SameDiffContext graph) {
    int inChannels = graph.inputShapes().get(0).channels();
    if (depthwise(c) && !(c.groups() == inChannels && c.outChannels() == inChannels)) {
      throw unsupportedGroups(n, c, inChannels);
    }
    long[] shape = weightShape(c, inChannels);
    SDVariable w = graph.variable(n.name() + ".W");
    if (c.dilation() > 1) {
      w = w.mul(graph.graph().constant(n.name() + ".mask", DilationGrid.mask(c.dilation(), shape, graph.dataType())));
    }
    Conv2DConfig cfg = Conv2DConfig.builder().kH(shape[0]).kW(shape[1]).sH(c.strideH()).sW(c.strideW())
        .pH(c.padH()).pW(c.padW()).dH(1).dW(1).paddingMode(PaddingMode.VALID).dataFormat("NCHW").build();
    SDVariable y = depthwise(c) ? graph.graph().cnn().depthWiseConv2d(inputs.get(0), w, cfg)
        : graph.graph().cnn().conv2d(inputs.get(0), w, cfg);
    if (c.bias()) {
      y = y.add(graph.variable(n.name() + ".b").reshape(1, c.outChannels(), 1, 1));
    }
    return y;
  }

  private static IllegalArgumentException unsupportedGroups(Node n, Conv2d c, int inChannels) {
    return new IllegalArgumentException("node " + n.name() + ": a grouped conv with " + c.groups() + " groups on "
        + inChannels + " channels is not supported; accepted: plain convs (groups 1) and depthwise ones (groups = "
        + "input channels = output channels)");
  }
}
