package dev.nas.supernet.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.spaces.darts.DartsMacro;
import dev.nas.spaces.darts.DartsSpace;
import dev.nas.spaces.nb201.Nb201Space;
import dev.nas.spaces.network.BatchNorm;
import dev.nas.spaces.network.Network;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;

class Dl4jGraphBuilderTest {

  /** DL4J keeps BN running mean and variance among its parameters; the IR counts trainables only. */
  private static long runningStats(Network n) {
    return n.nodes().stream().filter(x -> x.op() instanceof BatchNorm).mapToLong(x -> 2L * x.shape().channels()).sum();
  }

  /** Dilated convs are stored as their covered window with off-grid zeros. */
  private static long maskedZeros(Network n) {
    return n.nodes().stream().filter(x -> x.op() instanceof dev.nas.spaces.network.Conv2d c && c.dilation() > 1)
        .mapToLong(x -> {
          var c = (dev.nas.spaces.network.Conv2d) x.op();
          long k = dev.nas.supernet.kernels.DilationGrid.effectiveKernel(c.kernelH(), c.dilation());
          long in = n.inputShapes(x).get(0).channels() / c.groups();
          return (k * k - (long) c.kernelH() * c.kernelW()) * in * c.outChannels();
        }).sum();
  }

  private static void assertSameCountAndTrains(Network n, long expectedParams) {
    ComputationGraph g = Dl4jGraphBuilder.build(n, new Nesterovs(0.01, 0.9), 3e-4, 1, DataType.FLOAT);
    assertEquals(expectedParams, n.params());
    assertEquals(n.paramsWithAuxiliary() + runningStats(n) + maskedZeros(n), g.numParams());
    INDArray x = Nd4j.rand(DataType.FLOAT, 4, 3, 32, 32);
    INDArray y = Nd4j.zeros(DataType.FLOAT, 4, 10);
    for (int i = 0; i < 4; i++) {
      y.putScalar(i, i % 10, 1f);
    }
    INDArray[] out = g.output(false, x);
    assertArrayEquals(new long[] {4, 10}, out[0].shape());
    assertEquals(4.0, out[0].sumNumber().doubleValue(), 1e-4, "softmax rows sum to 1");
    double before = g.score(new DataSet(x, y));
    for (int i = 0; i < 5; i++) {
      g.fit(new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {x},
          n.auxiliaryOutput() == null ? new INDArray[] {y} : new INDArray[] {y, y}));
    }
    double after = g.score(new DataSet(x, y));
    assertTrue(after < before, "5 steps on one batch should lower the loss: " + before + " -> " + after);
  }

  @Test
  void dartsV2BuildsWithTheIrParameterCountAndTrains() {
    DartsSpace space = new DartsSpace(new DartsMacro(16, 8, 10, 32, false));
    assertSameCountAndTrains(space.network(space.parse("DARTS_V2")), 246_106);
  }

  @Test
  void nb201CellBuildsWithTheTableParameterCountAndTrains() {
    Nb201Space space = Nb201Space.instance();
    // ../shared/bench/README.md: the nb201_child case has 1,288,506 params.
    assertSameCountAndTrains(space.network(space.parse(
        "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|")), 1_288_506);
  }
}
