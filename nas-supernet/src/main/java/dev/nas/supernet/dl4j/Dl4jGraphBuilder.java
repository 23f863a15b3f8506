package dev.nas.supernet.dl4j;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Builds a DL4J {@link ComputationGraph} from a {@link Network}: one DL4J layer or vertex per node,
 * named after it, so weights can be found by node name. Identity and drop-path nodes become
 * aliases of their input (drop-path is a training-time setting the graph does not apply).
 * A softmax cross-entropy loss layer {@value #LOSS} follows the main output ({@value #LOSS_AUX}
 * the auxiliary one).
 */
public final class Dl4jGraphBuilder {

  public static final String INPUT = "input";
  public static final String LOSS = "loss";
  public static final String LOSS_AUX = "loss_aux";
  /** BN running-average decay matching PyTorch's momentum 0.1. */
  static final double BN_DECAY = 0.9;
  static final double BN_EPS = 1e-5;

  private Dl4jGraphBuilder() {}

  /** The configured, initialised graph. */
  public static ComputationGraph build(Network net, IUpdater updater, double weightDecay, long seed, DataType dataType) {
    Backend.init();
    ComputationGraph graph = new ComputationGraph(configuration(net, updater, weightDecay, seed, dataType));
    graph.init();
    // Constraints run after updates only: zero the off-grid weights of dilated convs now too.
    for (org.deeplearning4j.nn.api.Layer layer : graph.getLayers()) {
      var constraints = layer.getConfig() instanceof org.deeplearning4j.nn.conf.layers.BaseLayer b
          ? b.getConstraints() : null;
      if (constraints != null) {
        constraints.forEach(c -> c.applyConstraint(layer, 0, 0));
      }
    }
    return graph;
  }

  public static ComputationGraphConfiguration configuration(Network net, IUpdater updater, double weightDecay,
      long seed, DataType dataType) {
    TensorShape in = net.inputShape();
    var g = new NeuralNetConfiguration.Builder()
        .seed(seed)
        .dataType(dataType)
        .updater(updater)
        .weightDecay(weightDecay)
        .weightInit(WeightInit.RELU)
        .convolutionMode(ConvolutionMode.Truncate)
        .graphBuilder()
        .addInputs(INPUT)
        .setInputTypes(InputType.convolutional(in.height(), in.width(), in.channels()));
    Map<Integer, String> names = new HashMap<>();
    for (Node n : net.nodes()) {
      if (n.op() instanceof Input) {
        names.put(n.id(), INPUT);
        continue;
      }
      String[] inputs = n.inputs().stream().map(names::get).toArray(String[]::new);
      List<TensorShape> inShapes = net.inputShapes(n);
      String name = n.name();
      var op = n.op();
      if (op instanceof Identity || op instanceof DropPath || (op instanceof Add && inputs.length == 1)) {
        name = inputs[0];
      } else if (op instanceof Conv2d c) {
        g.addLayer(name, conv(c, inShapes.get(0).channels()), inputs);
      } else if (op instanceof BatchNorm b) {
        g.addLayer(name, new BatchNormalization.Builder().nIn(n.shape().channels()).nOut(n.shape().channels())
            .decay(BN_DECAY).eps(BN_EPS).useLogStd(false).lockGammaBeta(!b.affine()).build(), inputs);
      } else if (op instanceof Relu) {
        g.addLayer(name, new ActivationLayer.Builder().activation(Activation.RELU).build(), inputs);
      } else if (op instanceof Pool p) {
        g.addLayer(name, new SubsamplingLayer.Builder(
                p.type() == Pool.Type.MAX ? SubsamplingLayer.PoolingType.MAX : SubsamplingLayer.PoolingType.AVG)
            .kernelSize(p.kernel(), p.kernel()).stride(p.stride(), p.stride()).padding(p.padding(), p.padding())
            .avgPoolIncludePadInDivisor(p.countIncludePad()).build(), inputs);
      } else if (op instanceof Zero z) {
        String source = inputs[0];
        if (z.stride() > 1) {
          source = name + ".subsample";
          g.addLayer(source, new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
              .kernelSize(1, 1).stride(z.stride(), z.stride()).build(), inputs);
        }
        g.addVertex(name, new ScaleVertex(0.0), source);
      } else if (op instanceof Crop c) {
        g.addLayer(name, new Cropping2D(c.top(), 0, c.left(), 0), inputs);
      } else if (op instanceof Add) {
        g.addVertex(name, new ElementWiseVertex(ElementWiseVertex.Op.Add), inputs);
      } else if (op instanceof Concat) {
        g.addVertex(name, new MergeVertex(), inputs);
      } else if (op instanceof GlobalAvgPool) {
        g.addLayer(name, new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), inputs);
      } else if (op instanceof Linear l) {
        g.addLayer(name, new DenseLayer.Builder().nIn(inShapes.get(0).elements()).nOut(l.outFeatures())
            .hasBias(l.bias()).activation(Activation.IDENTITY).build(), inputs);
      } else {
        throw new IllegalStateException("node " + name + ": no DL4J form for " + op);
      }
      names.put(n.id(), name);
    }
    g.addLayer(LOSS, new LossLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).build(),
        names.get(net.output()));
    if (net.auxiliaryOutput() != null) {
      g.addLayer(LOSS_AUX, new LossLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
          .build(), names.get(net.auxiliaryOutput()));
      g.setOutputs(LOSS, LOSS_AUX);
    } else {
      g.setOutputs(LOSS);
    }
    return g.build();
  }

  /** A dilated conv becomes an undilated one over the covered window, masked by {@link DilationMask}. */
  private static org.deeplearning4j.nn.conf.layers.Layer conv(Conv2d c, int inChannels) {
    int d = c.dilation();
    int kh = DilationMask.effectiveKernel(c.kernelH(), d);
    int kw = DilationMask.effectiveKernel(c.kernelW(), d);
    if (c.groups() == 1) {
      var b = new ConvolutionLayer.Builder(kh, kw)
          .stride(c.strideH(), c.strideW()).padding(c.padH(), c.padW())
          .nIn(inChannels).nOut(c.outChannels()).hasBias(c.bias()).activation(Activation.IDENTITY);
      if (d > 1) {
        b.constrainWeights(new DilationMask(d, false));
      }
      return b.build();
    }
    if (c.groups() == inChannels && c.outChannels() == inChannels) {
      var b = new DepthwiseConvolution2D.Builder(kh, kw)
          .stride(c.strideH(), c.strideW()).padding(c.padH(), c.padW())
          .nIn(inChannels).nOut(c.outChannels()).depthMultiplier(1).hasBias(c.bias())
          .activation(Activation.IDENTITY);
      if (d > 1) {
        b.constrainWeights(new DilationMask(d, true));
      }
      return b.build();
    }
    throw new IllegalArgumentException("grouped conv with " + c.groups() + " groups on " + inChannels
        + " channels is not supported by the DL4J builder (only plain and depthwise convs)");
  }
}
