package dev.nas.supernet.kernels;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A dilated convolution runs everywhere as an undilated one over the window it covers, with every
 * weight off the dilation grid held at zero: libnd4j's oneDNN kernels fail on dilation ("could not
 * create a descriptor for a dilated convolution"), and outputs and gradients on the grid are those
 * of the dilated conv. This is the window's size and the grid's mask, for the weight store, the
 * tape, SameDiff and DL4J alike.
 */
public final class DilationGrid {

  private static final Map<String, INDArray> MASKS = new ConcurrentHashMap<>();

  private DilationGrid() {}

  /** The kernel side that a k x k kernel dilated by d covers. */
  public static int effectiveKernel(int kernel, int dilation) {
    return dilation * (kernel - 1) + 1;
  }

  /**
   * Ones on the dilation grid of a {@code [kH, kW, ...]} kernel, zeros elsewhere (all ones without
   * dilation). Shared and cached: callers must not modify it.
   */
  public static INDArray mask(int dilation, long[] shape, DataType dataType) {
    return MASKS.computeIfAbsent(dilation + " " + dataType + " " + Arrays.toString(shape), k -> {
      try (var scope = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
        INDArray mask = Nd4j.ones(dataType, shape);
        if (dilation > 1) {
          for (long i = 0; i < shape[0]; i++) {
            for (long j = 0; j < shape[1]; j++) {
              if (i % dilation != 0 || j % dilation != 0) {
                mask.get(NDArrayIndex.point(i), NDArrayIndex.point(j)).assign(0);
              }
            }
          }
        }
        return mask;
      }
    });
  }
}
