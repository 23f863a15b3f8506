package dev.nas.supernet.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.spaces.darts.DartsMacro;
import dev.nas.spaces.darts.DartsSpace;
import dev.nas.spaces.network.Network;
import dev.nas.supernet.tape.TapeNetwork;
import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A child trained on the shared store becomes a stand-alone DL4J model with the same eval-mode
 * predictions, and survives a save/load round trip as a DL4J model zip.
 */
class StandaloneModelTest {

  @Test
  void dl4jModelFromStoreWeightsPredictsLikeTheChildAndReloads(@TempDir Path dir) throws Exception {
    DartsSpace space = new DartsSpace(new DartsMacro(4, 3, 10, 8, false));
    Network net = space.network(space.parse("DARTS_V2"));
    Map<String, INDArray> store = new HashMap<>();
    TapeNetwork child = new TapeNetwork(net, store, 2, DataType.FLOAT);
    INDArray x = Nd4j.rand(DataType.FLOAT, 8, 3, 8, 8);
    INDArray y = Nd4j.zeros(DataType.FLOAT, 8, 10);
    for (int i = 0; i < 8; i++) {
      y.putScalar(i, i % 10, 1f);
    }
    for (int step = 0; step < 5; step++) {
      child.forward(x, y);
      child.backward().forEach((k, g) -> store.get(k).subi(g.mul(0.05)));
    }
    assertTrue(store.keySet().stream().anyMatch(k -> k.endsWith(dev.nas.supernet.ParameterStore.RUNNING_MEAN)
        && store.get(k).norm2Number().doubleValue() > 0), "running statistics were updated");

    child.training(false).forward(x, null);
    INDArray expected = Transforms.softmax(child.logits().reshape(8, 10), true);

    ComputationGraph model = Dl4jGraphBuilder.build(net, new Sgd(0.0), 0, 9, DataType.FLOAT);
    WeightLayout.storeToDl4j(net, store, model);
    INDArray predicted = model.outputSingle(false, x);
    assertTrue(predicted.sub(expected).amaxNumber().doubleValue() < 1e-4,
        "eval-mode predictions differ:\n" + predicted + "\n" + expected);

    File zip = dir.resolve("child.zip").toFile();
    ModelSerializer.writeModel(model, zip, true);
    ComputationGraph reloaded = ModelSerializer.restoreComputationGraph(zip, true);
    assertEquals(predicted, reloaded.outputSingle(false, x));
  }
}
