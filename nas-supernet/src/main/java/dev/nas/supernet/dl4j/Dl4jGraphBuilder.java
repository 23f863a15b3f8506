package dev.nas.supernet.dl4j;

import dev.nas.spaces.network.Network;
import dev.nas.spaces.network.Node;
import dev.nas.spaces.network.TensorShape;
import dev.nas.supernet.Backend;
import dev.nas.supernet.ops.Dl4jContext;
import dev.nas.supernet.ops.OpForms;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Builds a DL4J {@link ComputationGraph} from a {@link Network}: one DL4J layer or vertex per node
 * (its op's form, {@link OpForms}), named after it, so weights can be found by node name. Identity and drop-path nodes become
 * aliases of their input (drop-path is a training-time setting the graph does not apply).
 * A softmax cross-entropy loss layer {@value #LOSS} follows the main output ({@value #LOSS_AUX}
 * the auxiliary one).
 */
public final class Dl4jGraphBuilder {

  public static final String INPUT = "input";
  public static final String LOSS = "loss";
  public static final String LOSS_AUX = "loss_aux";

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
      String[] inputs = n.inputs().stream().map(names::get).toArray(String[]::new);
      names.put(n.id(), OpForms.of(n.op()).dl4j(n.op(), n, new Context(g, inputs, net.inputShapes(n))));
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

  private record Context(GraphBuilder graph, String[] inputs, List<TensorShape> inputShapes) implements Dl4jContext {

    @Override
    public String graphInput() {
      return INPUT;
    }

    /** A dilated conv is an undilated one over the window it covers, masked by {@link DilationMask}. */
    @Override
    public void constrainToDilationGrid(BaseLayer.Builder<?> layer, int dilation, boolean depthwise) {
      layer.constrainWeights(new DilationMask(dilation, depthwise));
    }
  }
}
