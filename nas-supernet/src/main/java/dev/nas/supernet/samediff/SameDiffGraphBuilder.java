package dev.nas.supernet.samediff;

import dev.nas.spaces.network.Network;
import dev.nas.spaces.network.Node;
import dev.nas.spaces.network.TensorShape;
import dev.nas.supernet.Backend;
import dev.nas.supernet.ParameterStore;
import dev.nas.supernet.ops.OpForms;
import dev.nas.supernet.ops.SameDiffContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Builds a training graph (placeholders {@value #INPUT} and {@value #LABELS}, loss {@value #LOSS})
 * from a {@link Network}, each node by its op's form ({@link dev.nas.supernet.ops.OpForms}),
 * binding each parameter to the array of that name in {@code store}
 * (see {@link ParameterStore} for names, layouts and the initialisation of missing ones); a
 * dilated conv's stored window is masked in the graph.
 */
public final class SameDiffGraphBuilder {

  public static final String INPUT = "input";
  public static final String LABELS = "labels";
  public static final String LOSS = "loss";
  public static final String LOGITS = "logits";

  private SameDiffGraphBuilder() {}

  public static SameDiff build(Network net, Map<String, INDArray> store, long seed, DataType dataType) {
    Backend.init();
    ParameterStore.initialise(net, store, seed, dataType);
    SameDiff sd = SameDiff.create();
    Map<Integer, SDVariable> values = new HashMap<>();
    for (Node n : net.nodes()) {
      List<SDVariable> inputs = n.inputs().stream().map(values::get).toList();
      var context = new Context(sd, store, net, net.inputShapes(n), dataType);
      values.put(n.id(), OpForms.of(n.op()).sameDiff(n.op(), n, inputs, context));
    }
    SDVariable logits = sd.identity(LOGITS, values.get(net.output()));
    SDVariable labels = sd.placeHolder(LABELS, dataType, -1, net.outputShape().channels());
    sd.loss().softmaxCrossEntropy(LOSS, labels, logits.reshape(-1, net.outputShape().channels()), null);
    sd.setLossVariables(LOSS);
    return sd;
  }

  private record Context(SameDiff graph, Map<String, INDArray> store, Network net, List<TensorShape> inputShapes,
      DataType dataType) implements SameDiffContext {

    @Override
    public SDVariable variable(String name) {
      return graph.var(name, store.get(name));
    }

    @Override
    public SDVariable placeholderInput() {
      TensorShape in = net.inputShape();
      return graph.placeHolder(INPUT, dataType, -1, in.channels(), in.height(), in.width());
    }
  }
}
