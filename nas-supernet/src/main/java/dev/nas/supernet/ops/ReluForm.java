package dev.nas.supernet.ops;

import dev.nas.spaces.network.Node;
import dev.nas.spaces.network.Relu;
import dev.nas.supernet.kernels.NativeOps;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** ReLU: libnd4j's vectorised stream forward (faster than a Java loop in a step, measured), its {@code relu_bp} backward. */
final class ReluForm implements OpForm<Relu> {

  @Override
  public Class<Relu> type() {
    return Relu.class;
  }

  @Override
  public INDArray forward(Relu op, Node n, TapeContext tape) {
    return Transforms.relu(tape.input(n, 0), true);
  }

  @Override
  public void backward(Relu op, Node n, INDArray g, TapeContext tape) {
    tape.accumulate(n.inputs().get(0), NativeOps.reluBp(tape.input(n, 0), g), true);
  }

  @Override
  public String dl4j(Relu op, Node n, Dl4jContext graph) {
    graph.graph().addLayer(n.name(), new ActivationLayer.Builder().activation(Activation.RELU).build(), graph.inputs());
    return n.name();
  }

  @Override
  public SDVariable sameDiff(Relu op, Node n, List<SDVariable> inputs, SameDiffContext graph) {
    return graph.graph().nn().relu(inputs.get(0), 0);
  }
}
