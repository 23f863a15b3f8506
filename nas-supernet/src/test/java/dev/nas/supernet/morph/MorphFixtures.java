package dev.nas.supernet.morph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nas.spaces.network.Network;
import dev.nas.supernet.ParameterStore;
import dev.nas.supernet.tape.TapeNetwork;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Random trained-looking weights, evaluation-mode logits and their distance, for the morphism tests. */
final class MorphFixtures {

  /**
   * Max abs difference of logits for "the same function". The issue asks 1e-5; in double precision
   * a correct morphism is off by rounding only (at most 4.4e-16 measured), and this bound also
   * catches a batch norm off by its epsilon, which moves logits by about 1e-5.
   */
  static final double EXACT = 1e-9;

  private MorphFixtures() {}

  /**
   * Every array of {@code net}, random: He-normal kernels, and biases, BN scales and shifts and
   * running statistics far from their initial 0/1, so that a morphism that ignored any of them
   * would show.
   */
  static Map<String, INDArray> randomWeights(Network net, long seed) {
    Map<String, INDArray> w = new TreeMap<>();
    ParameterStore.initialise(net, w, seed, DataType.DOUBLE);
    Nd4j.getRandom().setSeed(seed);
    for (Map.Entry<String, INDArray> e : w.entrySet()) {
      String k = e.getKey();
      INDArray a = e.getValue();
      if (k.endsWith(ParameterStore.RUNNING_VAR)) {
        a.assign(Nd4j.rand(DataType.DOUBLE, a.shape()).muli(1.5).addi(0.5));
      } else if (k.endsWith(ParameterStore.RUNNING_MEAN)) {
        a.assign(Nd4j.randn(DataType.DOUBLE, a.shape()).muli(0.5));
      } else if (k.endsWith(".gamma")) {
        a.assign(Nd4j.rand(DataType.DOUBLE, a.shape()).addi(0.5));
      } else if (k.endsWith(".beta") || k.endsWith(".b")) {
        a.assign(Nd4j.randn(DataType.DOUBLE, a.shape()).muli(0.3));
      }
    }
    return w;
  }

  static INDArray input(long seed, int batch, int size) {
    Nd4j.getRandom().setSeed(seed);
    return Nd4j.randn(DataType.DOUBLE, batch, 3, size, size);
  }

  /** Evaluation-mode logits of {@code net} with exactly {@code weights} (fails if the tape had to create any array). */
  static INDArray logits(Network net, Map<String, INDArray> weights, INDArray x) {
    return logits(net, weights, x, false);
  }

  /**
   * Logits in evaluation mode, or in training mode (batch norm with the batch's statistics, on
   * copies of the weights, since a training forward updates the running statistics).
   */
  static INDArray logits(Network net, Map<String, INDArray> weights, INDArray x, boolean training) {
    Map<String, INDArray> store = new HashMap<>();
    weights.forEach((k, v) -> store.put(k, training ? v.dup() : v));
    TapeNetwork tape = new TapeNetwork(net, store, 0, DataType.DOUBLE).training(training);
    assertEquals(weights.keySet(), store.keySet(), net.name() + ": the weights must hold every array of the network");
    tape.forward(x, null);
    return tape.logits().reshape(x.size(0), net.outputShape().channels()).dup();
  }

  static double maxAbs(INDArray a, INDArray b) {
    return Transforms.abs(a.sub(b)).maxNumber().doubleValue();
  }
}
