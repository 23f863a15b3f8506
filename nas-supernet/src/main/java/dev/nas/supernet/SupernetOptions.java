package dev.nas.supernet;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * How a supernet runs its graphs.
 *
 * @param batchNormAffine whether BN layers learn a scale and shift; the reference supernets (DARTS
 *     search network, NB201, ENAS) use {@code false} in the search phase
 * @param trackRunningStatistics whether BN keeps running statistics for evaluation; with
 *     {@code false} (the reference supernets), BN normalises with the batch's own statistics
 *     in training and evaluation alike
 * @param cacheSize how many sampled child graphs stay built (least recently used are dropped)
 * @param dataType the weight store's floating-point type
 */
public record SupernetOptions(boolean batchNormAffine, boolean trackRunningStatistics, int cacheSize,
    DataType dataType) {

  /** The reference supernets' settings: non-affine BN on batch statistics, 64 cached children, float. */
  public static final SupernetOptions SEARCH = new SupernetOptions(false, false, 64, DataType.FLOAT);

  public SupernetOptions {
    if (cacheSize < 0) {
      throw new IllegalArgumentException("cache size must be >= 0, got " + cacheSize);
    }
    if (!dataType.isFPType()) {
      throw new IllegalArgumentException("the weight store needs a floating-point type, got " + dataType);
    }
  }

  public SupernetOptions withBatchNorm(boolean affine, boolean trackRunningStatistics) {
    return new SupernetOptions(affine, trackRunningStatistics, cacheSize, dataType);
  }

  public SupernetOptions withCacheSize(int size) {
    return new SupernetOptions(batchNormAffine, trackRunningStatistics, size, dataType);
  }

  public SupernetOptions withDataType(DataType type) {
    return new SupernetOptions(batchNormAffine, trackRunningStatistics, cacheSize, type);
  }
}
