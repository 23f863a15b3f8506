package dev.nas.supernet.dl4j;

import dev.nas.spaces.network.BatchNorm;
import dev.nas.spaces.network.Conv2d;
import dev.nas.spaces.network.Linear;
import dev.nas.spaces.network.Network;
import dev.nas.spaces.network.Node;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The one place where the weight store's layout (SameDiff: conv {@code [kH, kW, iC, oC]}, vectors
 * 1-D) meets DL4J's (conv {@code [oC, iC, kH, kW]}, vectors {@code [1, n]}). Depthwise and dense
 * weights have the same layout in both.
 */
public final class WeightLayout {

  private WeightLayout() {}

  /** Copies every parameter of {@code net} from the store into the DL4J graph built from it. */
  public static void storeToDl4j(Network net, Map<String, INDArray> store, ComputationGraph graph) {
    for (Node n : net.nodes()) {
      if (n.op() instanceof Conv2d c) {
        INDArray w = store.get(n.name() + ".W");
        INDArray target = graph.getLayer(n.name()).getParam("W");
        target.assign(c.groups() == 1 ? w.permute(3, 2, 0, 1) : w);
        copyVector(store, n.name() + ".b", graph, n.name(), "b");
      } else if (n.op() instanceof BatchNorm) {
        copyVector(store, n.name() + ".gamma", graph, n.name(), "gamma");
        copyVector(store, n.name() + ".beta", graph, n.name(), "beta");
        copyVector(store, n.name() + ".running_mean", graph, n.name(), "mean");
        copyVector(store, n.name() + ".running_var", graph, n.name(), "var");
      } else if (n.op() instanceof Linear) {
        graph.getLayer(n.name()).getParam("W").assign(store.get(n.name() + ".W"));
        copyVector(store, n.name() + ".b", graph, n.name(), "b");
      }
    }
  }

  private static void copyVector(Map<String, INDArray> store, String key, ComputationGraph graph, String layer,
      String param) {
    INDArray v = store.get(key);
    if (v != null) {
      INDArray target = graph.getLayer(layer).getParam(param);
      target.assign(v.reshape(target.shape()));
    }
  }
}
