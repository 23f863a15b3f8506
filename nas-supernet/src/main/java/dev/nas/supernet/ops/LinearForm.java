package dev.nas.supernet.ops;

import dev.nas.spaces.network.Linear;
import dev.nas.spaces.network.Network;
import dev.nas.spaces.network.Node;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fully connected layer on the flattened input: weights {@code [in, out]} (the same layout in
 * DL4J), normal with variance {@code 1 / in}; bias zero.
 */
final class LinearForm implements OpForm<Linear> {

  @Override
  public Class<Linear> type() {
    return Linear.class;
  }

  @Override
  public List<StoreArray> arrays(Linear l, Network net, Node n) {
    long features = net.inputShapes(n).get(0).elements();
    List<StoreArray> arrays = new ArrayList<>();
    arrays.add(StoreArray.parameter(n.name() + ".W", new long[] {features, l.outFeatures()},
        (seed, s, type) -> Nd4j.randn(seed, s).muli(Math.sqrt(1.0 / features)).castTo(type), "W"));
    if (l.bias()) {
      arrays.add(StoreArray.parameter(n.name() + ".b", new long[] {l.outFeatures()},
          (seed, s, type) -> Nd4j.zeros(type, s), "b"));
    }
    return arrays;
  }

  @Override
  public INDArray forward(Linear l, Node n, TapeContext tape) {
    INDArray x = tape.input(n, 0);
    INDArray out = x.reshape(x.size(0), x.length() / x.size(0)).mmul(tape.stored(n.name() + ".W"));
    if (l.bias()) {
      out.addiRowVector(tape.stored(n.name() + ".b"));
    }
    return out;
  }

  @Override
  public void backward(Linear l, Node n, INDArray g, TapeContext tape) {
    INDArray x = tape.input(n, 0);
    INDArray flat = x.reshape(x.size(0), x.length() / x.size(0));
    INDArray g2 = g.reshape(x.size(0), l.outFeatures());
    tape.parameterGradients().put(n.name() + ".W", flat.transpose().mmul(g2));
    if (l.bias()) {
      tape.parameterGradients().put(n.name() + ".b", g2.sum(0));
    }
    tape.accumulate(n.inputs().get(0), g2.mmul(tape.stored(n.name() + ".W").transpose()).reshape(x.shape()), true);
  }

  @Override
  public String dl4j(Linear l, Node n, Dl4jContext graph) {
    graph.graph().addLayer(n.name(), new DenseLayer.Builder().nIn(graph.inputShapes().get(0).elements())
        .nOut(l.outFeatures()).hasBias(l.bias()).activation(Activation.IDENTITY).build(), graph.inputs());
    return n.name();
  }

  @Override
  public SDVariable sameDiff(Linear l, Node n, List<SDVariable> inputs, SameDiffContext graph) {
    long features = graph.inputShapes().get(0).elements();
    SDVariable v = inputs.get(0).reshape(-1, features).mmul(graph.variable(n.name() + ".W"));
    if (l.bias()) {
      v = v.add(graph.variable(n.name() + ".b"));
    }
    return v;
  }
}
