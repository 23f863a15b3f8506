package dev.nas.supernet.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The Java batch-norm kernels (FLOAT) against libnd4j's ops in DOUBLE on the same data, which the
 * tape's finite-difference tests check: forward, statistics and all three gradients.
 */
class BatchNormKernelTest {

  private static final double EPS = 1e-5;

  /** Max |a - b| relative to max |b|. */
  private static double relativeError(INDArray a, INDArray b) {
    INDArray bd = b.castTo(DataType.DOUBLE);
    return a.castTo(DataType.DOUBLE).sub(bd).amaxNumber().doubleValue() / bd.amaxNumber().doubleValue();
  }

  private static void checkAgainstDouble(INDArray x, INDArray gamma, INDArray beta, INDArray g) {
    assertTrue(BatchNormKernel.supports(x));
    INDArray xd = x.castTo(DataType.DOUBLE);
    INDArray[] statsD = NativeOps.moments(xd);
    INDArray[] stats = BatchNormKernel.moments(x);
    assertEquals(DataType.FLOAT, stats[0].dataType());
    assertTrue(relativeError(stats[0], statsD[0]) < 1e-5, "mean");
    assertTrue(relativeError(stats[1], statsD[1]) < 1e-5, "variance");

    INDArray gammaD = gamma.castTo(DataType.DOUBLE);
    INDArray betaD = beta.castTo(DataType.DOUBLE);
    INDArray outD = NativeOps.batchNorm(xd, statsD[0], statsD[1], gammaD, betaD, EPS);
    INDArray out = BatchNormKernel.forward(x, stats[0], stats[1], gamma, beta, EPS);
    assertTrue(relativeError(out, outD) < 1e-5, "forward: " + relativeError(out, outD));

    INDArray[] rD = NativeOps.batchNormBp(xd, statsD[0], statsD[1], gammaD, betaD, g.castTo(DataType.DOUBLE), EPS);
    INDArray[] r = BatchNormKernel.backward(x, stats[0], stats[1], gamma, beta, g, EPS);
    assertTrue(relativeError(r[0], rD[0]) < 1e-4, "input gradient: " + relativeError(r[0], rD[0]));
    assertTrue(relativeError(r[1], rD[1]) < 1e-4, "gamma gradient: " + relativeError(r[1], rD[1]));
    assertTrue(relativeError(r[2], rD[2]) < 1e-5, "beta gradient: " + relativeError(r[2], rD[2]));
    assertEquals(java.util.Arrays.toString(gamma.shape()), java.util.Arrays.toString(r[1].shape()));
  }

  @Test
  void matchesLibnd4jInDoubleWithLargeMeanAndAffine() {
    Nd4j.getRandom().setSeed(7);
    // A mean of 50 next to a spread of 3: a one-pass E[x^2] - E[x]^2 would lose digits here.
    INDArray x = Nd4j.randn(DataType.FLOAT, 6, 5, 7, 9).muli(3).addi(50);
    INDArray gamma = Nd4j.rand(DataType.FLOAT, 5).addi(0.5);
    INDArray beta = Nd4j.randn(DataType.FLOAT, 5);
    INDArray g = Nd4j.randn(DataType.FLOAT, 6, 5, 7, 9);
    checkAgainstDouble(x, gamma, beta, g);
  }

  @Test
  void readsDenseViewsAtTheirOffset() {
    Nd4j.getRandom().setSeed(8);
    INDArray whole = Nd4j.randn(DataType.FLOAT, 10, 4, 6, 6);
    INDArray x = whole.get(NDArrayIndex.interval(3, 8), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all());
    assertTrue(x.offset() > 0);
    INDArray g = Nd4j.randn(DataType.FLOAT, 10, 4, 6, 6)
        .get(NDArrayIndex.interval(2, 7), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all());
    checkAgainstDouble(x, Nd4j.rand(DataType.FLOAT, 4), Nd4j.rand(DataType.FLOAT, 4), g);
  }

  @Test
  void stridedViewsAndDoublesTakeLibnd4jsOps() {
    INDArray strided = Nd4j.rand(DataType.FLOAT, 4, 6, 5, 5)
        .get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3), NDArrayIndex.all(), NDArrayIndex.all());
    assertFalse(BatchNormKernel.supports(strided));
    assertFalse(BatchNormKernel.supports(Nd4j.rand(DataType.DOUBLE, 2, 3, 4, 4)));
    INDArray[] stats = BatchNormKernel.moments(strided);
    INDArray[] expected = NativeOps.moments(strided.dup());
    assertTrue(relativeError(stats[0], expected[0]) < 1e-6);
  }

  @Test
  void runningStatisticsMoveAsPyTorchsInFloatAndDouble() {
    for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
      INDArray runningMean = Nd4j.createFromArray(1.0, -2.0).castTo(type);
      INDArray runningVar = Nd4j.createFromArray(4.0, 0.5).castTo(type);
      INDArray[] batch = {Nd4j.createFromArray(3.0, 0.0).castTo(type), Nd4j.createFromArray(2.0, 1.0).castTo(type)};
      BatchNormKernel.updateRunning(runningMean, runningVar, batch, 0.1, 5);
      // mean: 0.9 * old + 0.1 * batch; variance: 0.9 * old + 0.1 * batch * 5/4.
      assertEquals(1.2, runningMean.getDouble(0), 1e-6, type.toString());
      assertEquals(-1.8, runningMean.getDouble(1), 1e-6, type.toString());
      assertEquals(3.85, runningVar.getDouble(0), 1e-6, type.toString());
      assertEquals(0.575, runningVar.getDouble(1), 1e-6, type.toString());
    }
  }
}
