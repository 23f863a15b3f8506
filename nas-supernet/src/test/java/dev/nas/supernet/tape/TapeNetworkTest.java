package dev.nas.supernet.tape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.spaces.darts.DartsMacro;
import dev.nas.spaces.darts.DartsSpace;
import dev.nas.spaces.nb201.Nb201Macro;
import dev.nas.spaces.nb201.Nb201Space;
import dev.nas.spaces.network.Network;
import dev.nas.supernet.samediff.SameDiffGraphBuilder;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The tape's forward equals the SameDiff graph's; its gradients equal finite differences. */
class TapeNetworkTest {

  private static Network darts() {
    DartsSpace s = new DartsSpace(new DartsMacro(4, 3, 10, 8, false));
    return s.network(s.parse("DARTS_V2"));
  }

  private static Network nb201() {
    Nb201Space s = Nb201Space.of(new Nb201Macro(4, 1, 10, 8));
    return s.network(s.parse("|avg_pool_3x3~0|+|nor_conv_1x1~0|none~1|+|nor_conv_3x3~0|skip_connect~1|avg_pool_3x3~2|"));
  }

  @Test
  void forwardEqualsTheSameDiffGraph() {
    for (Network net : new Network[] {darts(), nb201()}) {
      Map<String, INDArray> store = new HashMap<>();
      var tape = new TapeNetwork(net, store, 3, DataType.DOUBLE);
      var sd = SameDiffGraphBuilder.build(net, store, 3, DataType.DOUBLE);
      INDArray x = Nd4j.rand(DataType.DOUBLE, 5, 3, 8, 8);
      INDArray y = FiniteDifferences.oneHot(5, 10);
      tape.forward(x, y);
      INDArray expected = sd.output(Map.of(SameDiffGraphBuilder.INPUT, x, SameDiffGraphBuilder.LABELS, y),
          SameDiffGraphBuilder.LOGITS).get(SameDiffGraphBuilder.LOGITS);
      double diff = tape.logits().reshape(expected.shape()).sub(expected).norm2Number().doubleValue();
      assertTrue(diff < 1e-9 * expected.norm2Number().doubleValue() + 1e-12, net.name() + ": |d| = " + diff);
    }
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    for (Network net : new Network[] {darts(), nb201()}) {
      Map<String, INDArray> store = new HashMap<>();
      var tape = new TapeNetwork(net, store, 11, DataType.DOUBLE);
      INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 3, 8, 8).subi(0.5);
      INDArray y = FiniteDifferences.oneHot(4, 10);
      tape.forward(x, y);
      Map<String, INDArray> grads = tape.backward();
      for (String k : store.keySet()) {
        assertTrue(dev.nas.supernet.ParameterStore.isState(k) || grads.containsKey(k), "no gradient for " + k);
      }
      int checked = FiniteDifferences.check(tape, store, x, y, 3, k -> true, net.name());
      assertTrue(checked > 100, "checked " + checked);
    }
  }

  @Test
  void relaxedNetworkGradientsMatchFiniteDifferences() {
    // The DARTS search ops on cells of 2 nodes (5 mixed edges per cell instead of 14), to keep the test short.
    var darts = new DartsSpace("darts", new DartsMacro(4, 3, 10, 8, false),
        java.util.Arrays.stream(dev.nas.spaces.darts.DartsOp.values()).filter(dev.nas.spaces.darts.DartsOp::searchable).toList(), 2);
    var nb201 = Nb201Space.of(new Nb201Macro(4, 1, 10, 8));
    for (var space : new dev.nas.spaces.network.RelaxableSpace[] {darts, nb201}) {
      Network net = space.relaxedNetwork();
      Map<String, INDArray> store = new HashMap<>();
      var tape = new TapeNetwork(net, store, 13, DataType.DOUBLE);
      space.architectureWeights().keySet().forEach(k -> store.get(k).assign(Nd4j.randn(13, store.get(k).shape())));
      INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 3, 8, 8).subi(0.5);
      INDArray y = FiniteDifferences.oneHot(4, 10);
      int alphas = FiniteDifferences.check(tape, store, x, y, 20, dev.nas.supernet.ParameterStore::isArchitecture,
          net.name());
      assertTrue(alphas == 20 * space.architectureWeights().size(), "checked " + alphas);
      int weights = FiniteDifferences.check(tape, store, x, y, 2, 20,
          k -> !dev.nas.supernet.ParameterStore.isArchitecture(k), net.name());
      assertTrue(weights >= 30, "checked " + weights);
    }
  }

  /** DARTS_V2 at 32x32 input, the smallest on which the CIFAR auxiliary head fits. */
  private static Network dartsWithAuxiliaryHead() {
    DartsSpace s = new DartsSpace(new DartsMacro(4, 3, 10, 32, true));
    return s.network(s.parse("DARTS_V2"));
  }

  @Test
  void auxiliaryLossAndDropPathGradientsMatchFiniteDifferences() {
    Network net = dartsWithAuxiliaryHead();
    Map<String, INDArray> store = new HashMap<>();
    var tape = new TapeNetwork(net, store, 17, DataType.DOUBLE).auxiliaryWeight(0.4);
    INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 3, 32, 32).subi(0.5);
    INDArray y = FiniteDifferences.oneHot(3, 10);
    // Same seed before every forward: the same examples dropped on the same paths each time.
    Runnable sameMasks = () -> tape.dropPath(0.3, new java.util.SplittableRandom(5));
    sameMasks.run();
    tape.forward(x, y);
    Map<String, INDArray> grads = tape.backward();
    assertTrue(grads.keySet().stream().anyMatch(k -> k.startsWith("auxiliary")), "the auxiliary head trains");
    int aux = FiniteDifferences.check(tape, store, x, y, 3, Integer.MAX_VALUE, k -> k.startsWith("auxiliary"),
        "auxiliary", sameMasks);
    int main = FiniteDifferences.check(tape, store, x, y, 2, 30, k -> !k.startsWith("auxiliary"), "main", sameMasks);
    assertTrue(aux >= 20 && main >= 50, "checked " + aux + " + " + main);
  }

  @Test
  void dropPathIsSeededTrainingOnlyAndAuxiliaryLossAddsWeightedCrossEntropy() {
    Network net = dartsWithAuxiliaryHead();
    Map<String, INDArray> store = new HashMap<>();
    var tape = new TapeNetwork(net, store, 17, DataType.DOUBLE);
    INDArray x = Nd4j.rand(DataType.DOUBLE, 6, 3, 32, 32);
    INDArray y = FiniteDifferences.oneHot(6, 10);
    tape.trackRunningStatistics(false);
    double plain = tape.forward(x, y);
    tape.dropPath(0.5, new java.util.SplittableRandom(1));
    double dropped = tape.forward(x, y);
    tape.dropPath(0.5, new java.util.SplittableRandom(1));
    assertTrue(dropped == tape.forward(x, y), "the same seed drops the same paths");
    tape.dropPath(0.5, new java.util.SplittableRandom(2));
    assertTrue(dropped != tape.forward(x, y) && dropped != plain, "another seed drops other paths");
    tape.training(false);
    assertTrue(plain == tape.forward(x, y), "evaluation drops nothing");

    // Without drop-path: loss = CE(main) + 0.4 CE(aux), the auxiliary logits from the head's output node.
    tape.training(true).dropPath(0, null).auxiliaryWeight(0.4);
    double withAux = tape.forward(x, y);
    tape.auxiliaryWeight(0);
    assertTrue(plain == tape.forward(x, y));
    double auxCe = crossEntropyOfAuxiliary(tape, net, x, y);
    assertTrue(Math.abs(withAux - (plain + 0.4 * auxCe)) < 1e-12, withAux + " vs " + plain + " + 0.4 * " + auxCe);
    assertTrue(auxCe > 0);
  }

  private static double crossEntropyOfAuxiliary(TapeNetwork tape, Network net, INDArray x, INDArray y) {
    tape.forward(x, y);
    INDArray logits = tape.value(net.auxiliaryOutput()).reshape(x.size(0), 10);
    INDArray p = org.nd4j.linalg.ops.transforms.Transforms.softmax(logits, true);
    return -org.nd4j.linalg.ops.transforms.Transforms.log(p, false).muli(y).sumNumber().doubleValue() / x.size(0);
  }

  /** Recalibrated statistics are the plain means of the batches' statistics (variance unbiased), not a decayed average. */
  @Test
  void batchNormRecalibrationAveragesTheBatchesExactly() {
    dev.nas.spaces.network.NetworkBuilder b =
        new dev.nas.spaces.network.NetworkBuilder("bn", new dev.nas.spaces.network.TensorShape(2, 2, 2));
    int bn = b.add("bn", new dev.nas.spaces.network.BatchNorm(false), b.input());
    dev.nas.spaces.network.Network net = b.build(b.add("out", new dev.nas.spaces.network.Linear(3, false), bn));
    java.util.Map<String, org.nd4j.linalg.api.ndarray.INDArray> store = new java.util.HashMap<>();
    TapeNetwork tape = new TapeNetwork(net, store, 1, org.nd4j.linalg.api.buffer.DataType.DOUBLE);
    java.util.List<org.nd4j.linalg.api.ndarray.INDArray> batches = java.util.List.of(
        org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 3, 2, 2, 2).muli(4),
        org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 3, 2, 2, 2).addi(7));
    tape.training(false).trackRunningStatistics(false);
    tape.recalibrateBatchNorm(batches, () -> org.nd4j.linalg.factory.Nd4j.getWorkspaceManager().scopeOutOfWorkspaces());
    for (int c = 0; c < 2; c++) {
      double mean = 0;
      double var = 0;
      for (var x : batches) {
        double[] v = x.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(c))
            .dup().data().asDouble();
        double m = java.util.Arrays.stream(v).average().orElseThrow();
        mean += m / batches.size();
        var += java.util.Arrays.stream(v).map(z -> (z - m) * (z - m)).sum() / (v.length - 1) / batches.size();
      }
      assertEquals(mean, store.get("bn" + dev.nas.supernet.ParameterStore.RUNNING_MEAN).getDouble(c), 1e-12);
      assertEquals(var, store.get("bn" + dev.nas.supernet.ParameterStore.RUNNING_VAR).getDouble(c), 1e-12);
    }
  }
}
