package dev.nas.supernet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * PyTorch's SGD with momentum, checked against its formula written out by hand, three steps in a
 * row, for the one-pass FLOAT update and the element-wise-op path (DOUBLE).
 */
class SgdMomentumTest {

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void followsPyTorchsFormulaInFloatAndDouble(boolean nesterov) {
    double m = 0.9;
    double wd = 3e-4;
    double lr = 0.025;
    float[] w0 = {0.5f, -1.25f, 2f, 0f, 3.5f};
    float[][] g = {{0.1f, 0.2f, -0.3f, 0.4f, 0f}, {-0.5f, 0.25f, 0.125f, 1f, -2f}, {1f, -1f, 0.5f, 0f, 0.75f}};
    double[] w = new double[w0.length];
    double[] v = new double[w0.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = w0[i];
    }
    for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
      Map<String, INDArray> store = new HashMap<>();
      store.put("conv.W", Nd4j.createFromArray(w0).castTo(type).reshape(1, 5));
      SgdMomentum sgd = new SgdMomentum(m, wd, nesterov);
      for (float[] step : g) {
        sgd.apply(store, Map.of("conv.W", Nd4j.createFromArray(step).castTo(type).reshape(1, 5)), lr);
      }
      double[] expectedW = w.clone();
      double[] expectedV = v.clone();
      for (float[] step : g) {
        for (int i = 0; i < expectedW.length; i++) {
          double d = step[i] + wd * expectedW[i];
          expectedV[i] = m * expectedV[i] + d;
          expectedW[i] -= lr * (nesterov ? d + m * expectedV[i] : expectedV[i]);
        }
      }
      for (int i = 0; i < w.length; i++) {
        assertEquals(expectedW[i], store.get("conv.W").getDouble(0, i), 1e-6, type + " weight " + i);
        assertEquals(expectedV[i], store.get("conv.W" + SgdMomentum.MOMENTUM_SUFFIX).getDouble(0, i), 1e-6,
            type + " momentum " + i);
      }
    }
  }
}
