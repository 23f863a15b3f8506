package dev.nas.supernet.zerocost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nas.spaces.network.BatchNorm;
import dev.nas.spaces.network.Linear;
import dev.nas.spaces.network.Network;
import dev.nas.spaces.network.NetworkBuilder;
import dev.nas.spaces.network.Relu;
import dev.nas.spaces.network.TensorShape;
import dev.nas.supernet.ParameterStore;
import dev.nas.supernet.data.BatchIterator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Each proxy on a network small enough to compute it by hand. */
class ProxyProbeTest {

  private static final long SEED = 11;

  private static double[][] weights(Network net, String name) {
    Map<String, INDArray> store = new HashMap<>();
    ParameterStore.initialise(net, store, SEED, DataType.DOUBLE);
    return store.get(name).toDoubleMatrix();
  }

  private static BatchIterator.Batch batch(double[][] images, int[] classes, int numClasses, DataType type) {
    double[][] y = new double[classes.length][numClasses];
    for (int i = 0; i < classes.length; i++) {
      y[i][classes[i]] = 1;
    }
    INDArray x = Nd4j.createFromArray(images).reshape(images.length, images[0].length, 1, 1);
    return new BatchIterator.Batch(x.castTo(type), Nd4j.createFromArray(y).castTo(type), classes);
  }

  private static final double[][] IMAGES = {{1.5, 0.5, 2.0}, {0.7, -1.0, -0.2}, {-0.3, 0.9, -2.0}, {-1.2, -0.4, 0.6}};
  private static final int[] CLASSES = {0, 1, 1, 0};

  /**
   * Two linear layers, a BN between them: synflow removes the BN, so with |W| and an all-ones input
   * R = sum_k sum_j a_j |W2[j][k]|, a_j = sum_i |W1[i][j]|, and each layer's sum of |w dR/dw| is
   * sum_j a_j b_j, b_j = sum_k |W2[j][k]|: synflow = 2 sum_j a_j b_j.
   */
  @Test
  void synflowOfTwoLinearLayersIsTwiceTheSumOfPathProducts() {
    NetworkBuilder b = new NetworkBuilder("two-layer", new TensorShape(2, 1, 1));
    int x = b.add("l1", new Linear(3, false), b.input());
    x = b.add("bn", new BatchNorm(false), x);
    Network net = b.build(b.add("l2", new Linear(2, false), x));
    double[][] w1 = weights(net, "l1.W");
    double[][] w2 = weights(net, "l2.W");
    double expected = 0;
    for (int j = 0; j < 3; j++) {
      double a = 0;
      for (int i = 0; i < 2; i++) {
        a += Math.abs(w1[i][j]);
      }
      double c = Math.abs(w2[j][0]) + Math.abs(w2[j][1]);
      expected += 2 * a * c;
    }
    BatchIterator.Batch images = batch(new double[][] {{1, 2}, {3, 4}}, new int[] {0, 1}, 2, DataType.DOUBLE);
    double synflow = new ProxyProbe(images, SEED, DataType.DOUBLE).measure(net, EnumSet.of(Proxy.SYNFLOW)).get(Proxy.SYNFLOW);
    assertEquals(expected, synflow, 1e-12 * expected);
  }

  /**
   * A ReLU straight on the input: the codes are the images' signs, 111, 100, 010 and 001, which agree
   * pairwise on exactly one of three units, so K = 2I + J (J all ones) with eigenvalues 6, 2, 2, 2.
   */
  @Test
  void naswotIsTheLogDeterminantOfTheAgreementKernel() {
    NetworkBuilder b = new NetworkBuilder("relu", new TensorShape(3, 1, 1));
    int x = b.add("act", new Relu(), b.input());
    Network net = b.build(b.add("out", new Linear(2, false), x));
    double[][] images = {{0.5, 1.0, 2.0}, {0.3, -1.0, -0.2}, {-0.3, 0.9, -2.0}, {-1.2, -0.4, 0.6}};
    double naswot = new ProxyProbe(batch(images, CLASSES, 2, DataType.FLOAT), SEED, DataType.FLOAT)
        .measure(net, EnumSet.of(Proxy.NASWOT)).get(Proxy.NASWOT);
    assertEquals(Math.log(48), naswot, 1e-9);
  }

  /** One linear layer: dL/dW = X^T (P - Y) / N for the mean cross-entropy. */
  @Test
  void snipAndGradNormOfOneLinearLayerMatchTheClosedFormGradient() {
    NetworkBuilder b = new NetworkBuilder("linear", new TensorShape(3, 1, 1));
    Network net = b.build(b.add("out", new Linear(2, false), b.input()));
    double[][] w = weights(net, "out.W");
    double[][] grad = new double[3][2];
    for (int n = 0; n < IMAGES.length; n++) {
      double[] logits = new double[2];
      for (int k = 0; k < 2; k++) {
        for (int f = 0; f < 3; f++) {
          logits[k] += IMAGES[n][f] * w[f][k];
        }
      }
      double max = Math.max(logits[0], logits[1]);
      double z = Math.exp(logits[0] - max) + Math.exp(logits[1] - max);
      for (int k = 0; k < 2; k++) {
        double p = Math.exp(logits[k] - max) / z;
        for (int f = 0; f < 3; f++) {
          grad[f][k] += IMAGES[n][f] * (p - (CLASSES[n] == k ? 1 : 0)) / IMAGES.length;
        }
      }
    }
    double snip = 0;
    double squares = 0;
    for (int f = 0; f < 3; f++) {
      for (int k = 0; k < 2; k++) {
        snip += Math.abs(w[f][k] * grad[f][k]);
        squares += grad[f][k] * grad[f][k];
      }
    }
    Map<Proxy, Double> measured = new ProxyProbe(batch(IMAGES, CLASSES, 2, DataType.DOUBLE), SEED, DataType.DOUBLE)
        .measure(net, EnumSet.of(Proxy.SNIP, Proxy.GRAD_NORM, Proxy.PARAMS, Proxy.FLOPS));
    assertEquals(snip, measured.get(Proxy.SNIP), 1e-12);
    assertEquals(Math.sqrt(squares), measured.get(Proxy.GRAD_NORM), 1e-12);
    assertEquals(6.0, measured.get(Proxy.PARAMS));
    assertEquals(6.0, measured.get(Proxy.FLOPS));
  }

  /**
   * ReLU then a linear layer: each image's input gradient of the summed logits is its ReLU mask
   * times the row sums of W; jacob_cov is the formula on those rows.
   */
  @Test
  void jacobCovReadsTheInputGradientOfTheSummedLogits() {
    NetworkBuilder b = new NetworkBuilder("relu", new TensorShape(3, 1, 1));
    int x = b.add("act", new Relu(), b.input());
    Network net = b.build(b.add("out", new Linear(2, false), x));
    double[][] w = weights(net, "out.W");
    double[][] jacobian = new double[IMAGES.length][3];
    for (int n = 0; n < IMAGES.length; n++) {
      for (int f = 0; f < 3; f++) {
        jacobian[n][f] = IMAGES[n][f] > 0 ? w[f][0] + w[f][1] : 0;
      }
    }
    double measured = new ProxyProbe(batch(IMAGES, CLASSES, 2, DataType.DOUBLE), SEED, DataType.DOUBLE)
        .measure(net, EnumSet.of(Proxy.JACOB_COV)).get(Proxy.JACOB_COV);
    assertEquals(ProxyProbe.jacobCov(jacobian), measured, 1e-9);
  }

  /** Uncorrelated rows: the correlation matrix is I, every eigenvalue 1. */
  @Test
  void jacobCovOfUncorrelatedRows() {
    double[][] rows = {{1, -1, 0, 0}, {0, 0, 1, -1}, {1, 1, -1, -1}};
    double k = ProxyProbe.JACOB_K;
    assertEquals(-3 * (Math.log(1 + k) + 1 / (1 + k)), ProxyProbe.jacobCov(rows), 1e-9);
  }

  /** Identical rows, or a constant row (logits that ignore the input), give the rank-one minimum. */
  @Test
  void jacobCovOfIdenticalOrConstantRowsIsTheMinimum() {
    double k = ProxyProbe.JACOB_K;
    double minimum = -(Math.log(3 + k) + 1 / (3 + k)) - 2 * (Math.log(k) + 1 / k);
    assertEquals(minimum, ProxyProbe.jacobCov(new double[][] {{1, 2, 3}, {1, 2, 3}, {2, 4, 6}}), 1e-6 * -minimum);
    assertEquals(minimum, ProxyProbe.jacobCov(new double[][] {{1, 2, 3}, {0, 0, 0}, {3, 1, 2}}), 0);
    assertEquals(minimum, ProxyProbe.jacobCovOfConstant(3), 0);
  }

  @Test
  void logDeterminantOfAKnownMatrixAndOfASingularOne() {
    assertEquals(Math.log(48), ProxyProbe.logDeterminant(new double[][] {{3, 1, 1, 1}, {1, 3, 1, 1}, {1, 1, 3, 1},
        {1, 1, 1, 3}}), 1e-12);
    assertEquals(Double.NEGATIVE_INFINITY, ProxyProbe.logDeterminant(new double[][] {{1, 2}, {2, 4}}));
  }
}
