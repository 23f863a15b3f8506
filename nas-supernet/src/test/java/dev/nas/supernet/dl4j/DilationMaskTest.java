package dev.nas.supernet.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nas.spaces.network.Conv2d;
import dev.nas.spaces.network.NetworkBuilder;
import dev.nas.spaces.network.TensorShape;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/** The masked wide kernel computes exactly the dilated conv, checked against a direct loop. */
class DilationMaskTest {

  @ParameterizedTest
  @CsvSource({"3,2,1,false", "3,2,2,false", "5,2,1,true", "3,2,2,true"})
  void maskedKernelEqualsADilatedConv(int kernel, int dilation, int stride, boolean depthwise) {
    int c = 4;
    int pad = dilation * (kernel - 1) / 2;
    NetworkBuilder b = new NetworkBuilder("dilated", new TensorShape(c, 9, 9));
    int conv = b.add("conv", Conv2d.square(c, kernel, stride, pad, dilation, depthwise ? c : 1), b.input());
    int out = b.add("flat", new dev.nas.spaces.network.GlobalAvgPool(), conv);
    ComputationGraph g = Dl4jGraphBuilder.build(b.build(out), new Sgd(0.1), 0, 3, DataType.FLOAT);
    INDArray w = g.getLayer("conv").getParam("W");
    INDArray x = Nd4j.rand(DataType.FLOAT, 1, c, 9, 9);
    INDArray y = g.feedForward(x, false).get("conv");
    int outSize = (9 + 2 * pad - dilation * (kernel - 1) - 1) / stride + 1;
    assertEquals(outSize, y.size(2));
    for (int o = 0; o < c; o++) {
      for (int oy = 0; oy < outSize; oy++) {
        for (int ox = 0; ox < outSize; ox++) {
          double sum = 0;
          for (int i = 0; i < c; i++) {
            if (depthwise && i != o) {
              continue;
            }
            for (int ky = 0; ky < kernel; ky++) {
              for (int kx = 0; kx < kernel; kx++) {
                int iy = oy * stride - pad + ky * dilation;
                int ix = ox * stride - pad + kx * dilation;
                if (iy < 0 || iy >= 9 || ix < 0 || ix >= 9) {
                  continue;
                }
                // Tap (ky, kx) of the dilated kernel sits at (ky*d, kx*d) of the wide one.
                double weight = depthwise ? w.getDouble(ky * dilation, kx * dilation, i, 0)
                    : w.getDouble(o, i, ky * dilation, kx * dilation);
                sum += weight * x.getDouble(0, i, iy, ix);
              }
            }
          }
          assertEquals(sum, y.getDouble(0, o, oy, ox), 1e-4, "output " + o + "," + oy + "," + ox);
        }
      }
    }
    // Off-grid weights are zero.
    double offGrid = w.sumNumber().doubleValue();
    double onGrid = 0;
    for (int ky = 0; ky < kernel; ky++) {
      for (int kx = 0; kx < kernel; kx++) {
        onGrid += depthwise
            ? w.get(org.nd4j.linalg.indexing.NDArrayIndex.point(ky * dilation), org.nd4j.linalg.indexing.NDArrayIndex.point(kx * dilation)).sumNumber().doubleValue()
            : w.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.point(ky * dilation), org.nd4j.linalg.indexing.NDArrayIndex.point(kx * dilation)).sumNumber().doubleValue();
      }
    }
    assertEquals(onGrid, offGrid, 1e-5);
  }
}
