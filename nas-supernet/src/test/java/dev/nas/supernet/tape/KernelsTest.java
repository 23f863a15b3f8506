package dev.nas.supernet.tape;

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
}
