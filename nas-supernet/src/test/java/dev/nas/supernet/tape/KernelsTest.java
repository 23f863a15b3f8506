package dev.nas.supernet.tape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The Java kernels' shared pieces and ReLU's backward, against libnd4j on the same data. */
class KernelsTest {

  @Test
  void reluBackwardEqualsLibnd4jsIncludingZerosAndNegativeZero() {
    Nd4j.getRandom().setSeed(3);
    INDArray x = Nd4j.randn(DataType.FLOAT, 3, 4, 5, 7);
    x.putScalar(0, 0f);
    x.putScalar(1, -0f);
    x.putScalar(2, Float.MIN_NORMAL);
    x.putScalar(3, Float.MAX_VALUE);
    INDArray g = Nd4j.randn(DataType.FLOAT, 3, 4, 5, 7);
    INDArray expected = NativeOps.reluBp(x, g);
    INDArray actual = ElementwiseKernel.reluBackward(x, g);
    assertEquals(expected, actual);
    assertEquals(0.0, actual.getDouble(0));
    assertEquals(0.0, actual.getDouble(1));
    assertEquals(g.getDouble(2), actual.getDouble(2));
    assertEquals(g.getDouble(3), actual.getDouble(3));
  }

  @Test
  void sumsOfSquaresMatchNorm2ForDenseViewsAndOtherTypes() {
    Nd4j.getRandom().setSeed(4);
    INDArray x = Nd4j.randn(DataType.FLOAT, 9, 1001);
    INDArray view = x.get(NDArrayIndex.interval(2, 6), NDArrayIndex.all());
    INDArray strided = x.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 10));
    for (INDArray a : new INDArray[] {x, view, strided, x.castTo(DataType.DOUBLE)}) {
      double norm = a.castTo(DataType.DOUBLE).norm2Number().doubleValue();
      assertEquals(norm * norm, Kernels.sumOfSquares(a), 1e-5 * norm * norm);
    }
    assertFalse(Kernels.denseFloats(x, view.dup()), "arrays of different lengths");
    assertTrue(Kernels.denseFloats(view));
    assertFalse(Kernels.denseFloats(strided));
  }

  @Test
  void sumUsesEveryElement() {
    float[] a = new float[37];
    for (int i = 0; i < a.length; i++) {
      a[i] = i + 1;
    }
    assertEquals(37 * 38 / 2, Kernels.sum(a, 37));
    assertEquals(10, Kernels.sum(a, 4));
  }
}
