package dev.nas.supernet.dl4j;

import dev.nas.spaces.network.Network;
import dev.nas.supernet.ops.OpForms;
import dev.nas.supernet.ops.StoreArray;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Copies the weight store into a DL4J graph, each array to the layer parameter its op's form names
 * ({@link StoreArray#dl4jParam}), permuted from the store's layout where DL4J's differs (conv
 * {@code [kH, kW, iC, oC]} to {@code [oC, iC, kH, kW]}) and reshaped to DL4J's vectors {@code [1, n]}.
 */
public final class WeightLayout {

  private WeightLayout() {}

  /** Copies every parameter of {@code net} from the store into the DL4J graph built from it. */
  public static void storeToDl4j(Network net, Map<String, INDArray> store, ComputationGraph graph) {
    for (var n : net.nodes()) {
      for (StoreArray a : OpForms.arrays(net, n)) {
        INDArray v = store.get(a.name());
        if (a.dl4jParam() == null || v == null) {
          continue;
        }
        INDArray target = graph.getLayer(n.name()).getParam(a.dl4jParam());
        INDArray laidOut = a.dl4jPermutation() == null ? v : v.permute(a.dl4jPermutation());
        target.assign(laidOut.reshape(target.shape()));
      }
    }
  }
}
