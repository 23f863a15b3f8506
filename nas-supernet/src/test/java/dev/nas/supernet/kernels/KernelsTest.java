package dev.nas.supernet.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The Java kernels' shared pieces, against libnd4j on the same data. */
class KernelsTest {

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
  void unitDimensionsDoNotMakeAnArrayStrided() {
    // A 1x1 convolution's weights [1, 1, iC, oC]: ND4J may give the unit dimensions any stride.
    INDArray w = Nd4j.rand(DataType.FLOAT, 1, 1, 4, 4);
    assertTrue(Kernels.dense(w));
    assertTrue(Kernels.dense(Nd4j.rand(DataType.FLOAT, 3, 1, 5).permute(1, 0, 2)));
    assertFalse(Kernels.dense(Nd4j.rand(DataType.FLOAT, 3, 5).transpose()));
    assertEquals(16.0, Kernels.sumOfSquares(Nd4j.ones(DataType.FLOAT, 1, 1, 4, 4)), 0.0);
  }
}
