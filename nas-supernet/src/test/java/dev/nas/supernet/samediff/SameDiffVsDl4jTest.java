package dev.nas.supernet.samediff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.spaces.darts.DartsMacro;
import dev.nas.spaces.darts.DartsSpace;
import dev.nas.spaces.nb201.Nb201Macro;
import dev.nas.spaces.nb201.Nb201Space;
import dev.nas.spaces.network.Network;
import dev.nas.supernet.dl4j.Dl4jGraphBuilder;
import dev.nas.supernet.dl4j.WeightLayout;
import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The two forms of every op agree: the SameDiff graph and the DL4J graph of one network, with the
 * same weights (copied through {@link WeightLayout}), give the same logits on the same batch
 * (training-mode batch norm in both).
 */
class SameDiffVsDl4jTest {

  private static void assertSameLogits(Network net) {
    Map<String, INDArray> store = new HashMap<>();
    var sd = SameDiffGraphBuilder.build(net, store, 5, DataType.FLOAT);
    ComputationGraph g = Dl4jGraphBuilder.build(net, new Sgd(0.0), 0, 5, DataType.FLOAT);
    WeightLayout.storeToDl4j(net, store, g);
    INDArray x = Nd4j.rand(DataType.FLOAT, 6, 3, net.inputShape().height(), net.inputShape().width());
    INDArray y = Nd4j.zeros(DataType.FLOAT, 6, net.outputShape().channels());
    INDArray fromSameDiff = sd.output(Map.of(SameDiffGraphBuilder.INPUT, x, SameDiffGraphBuilder.LABELS, y),
        SameDiffGraphBuilder.LOGITS).get(SameDiffGraphBuilder.LOGITS);
    String lastNode = net.node(net.output()).name();
    INDArray fromDl4j = g.feedForward(new INDArray[] {x}, true, false).get(lastNode);
    double scale = fromDl4j.norm2Number().doubleValue();
    double diff = fromDl4j.sub(fromSameDiff.reshape(fromDl4j.shape())).norm2Number().doubleValue();
    assertTrue(diff <= 1e-3 * scale, "logits differ: |d| = " + diff + " vs |logits| = " + scale);
  }

  @Test
  void dartsChildWithEveryOpAgrees() {
    // DARTS_V2 has sep convs, a dilated conv, max pools, skips and factorized reduces.
    DartsSpace s = new DartsSpace(new DartsMacro(8, 5, 10, 16, false));
    assertSameLogits(s.network(s.parse("DARTS_V2")));
    assertSameLogits(s.network(s.parse("DARTS_V1")));
  }

  @Test
  void nb201CellWithZeroAndAvgPoolAgrees() {
    Nb201Space s = Nb201Space.of(new Nb201Macro(4, 1, 10, 16));
    assertSameLogits(s.network(s.parse("|avg_pool_3x3~0|+|nor_conv_1x1~0|none~1|+|nor_conv_3x3~0|skip_connect~1|avg_pool_3x3~2|")));
  }
}
