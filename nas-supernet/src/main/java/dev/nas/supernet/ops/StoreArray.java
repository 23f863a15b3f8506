package dev.nas.supernet.ops;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One array a node keeps in the shared weight store.
 *
 * @param name the store name ({@code <node>.W}, {@code <node>.running_mean}, {@code alpha.*}, ...)
 * @param shape its shape in the store (convs {@code [kH, kW, iC, oC]}, depthwise {@code [kH, kW, C, 1]},
 *     linear {@code [in, out]}, vectors 1-D)
 * @param role trainable parameter, state, or architecture weights
 * @param init its initial values, from a seed that depends only on the run's seed and the name
 * @param dl4jParam the DL4J layer parameter that holds it ({@code W}, {@code b}, {@code gamma},
 *     {@code mean}, ...), null if DL4J has none
 * @param dl4jPermutation the axis permutation from the store's layout to DL4J's, null if the same
 */
public record StoreArray(String name, long[] shape, Role role, Init init, String dl4jParam, int[] dl4jPermutation) {

  /** What an array is to the optimizer. */
  public enum Role {
    /** Trained by the weight optimizer. */
    PARAMETER,
    /** Updated by the forward (batch-norm running statistics), never by an optimizer. */
    STATE,
    /** A relaxation's architecture weights, trained by the architect. */
    ARCHITECTURE
  }

  /** Initial values of an array. */
  @FunctionalInterface
  public interface Init {
    INDArray create(long seed, long[] shape, DataType dataType);
  }

  /** A parameter DL4J keeps in the same layout. */
  static StoreArray parameter(String name, long[] shape, Init init, String dl4jParam) {
    return new StoreArray(name, shape, Role.PARAMETER, init, dl4jParam, null);
  }
}
