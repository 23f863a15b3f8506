package dev.nas.supernet.dl4j;

import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.constraint.BaseConstraint;
import org.nd4j.linalg.api.ndarray.INDArray;
import dev.nas.supernet.kernels.DilationGrid;

/**
 * Keeps a DL4J conv kernel of size {@code d*(k-1)+1} equal to a k x k kernel dilated by d: every
 * weight off the dilation grid ({@link DilationGrid}) is zero after initialisation and after every
 * update. Its class name is in the JSON of exported models: keep it here.
 */
public final class DilationMask extends BaseConstraint {

  private static final long serialVersionUID = 1L;

  private int dilation;
  private boolean depthwise;
  private transient INDArray mask;

  /** For JSON deserialisation of saved models. */
  public DilationMask() {
    super(Set.of("W"));
  }

  public DilationMask(int dilation, boolean depthwise) {
    super(Set.of("W"));
    this.dilation = dilation;
    this.depthwise = depthwise;
  }

  public int getDilation() {
    return dilation;
  }

  public void setDilation(int dilation) {
    this.dilation = dilation;
  }

  public boolean isDepthwise() {
    return depthwise;
  }

  public void setDepthwise(boolean depthwise) {
    this.depthwise = depthwise;
  }

  @Override
  public void applyConstraint(Layer layer, int iteration, int epoch) {
    apply(layer.getParam("W"));
  }

  @Override
  public void apply(INDArray weights) {
    if (mask == null || !java.util.Arrays.equals(mask.shape(), weights.shape())) {
      mask = buildMask(weights.shape(), weights.dataType());
    }
    weights.muli(mask);
  }

  /** Depthwise weights are [kH, kW, iC, m] like the store's; conv weights [oC, iC, kH, kW] are its permutation. */
  private INDArray buildMask(long[] shape, org.nd4j.linalg.api.buffer.DataType type) {
    if (depthwise) {
      return DilationGrid.mask(dilation, shape, type);
    }
    long[] storeShape = {shape[2], shape[3], shape[1], shape[0]};
    return DilationGrid.mask(dilation, storeShape, type).permute(3, 2, 0, 1).dup('c');
  }

  @Override
  public DilationMask clone() {
    return new DilationMask(dilation, depthwise);
  }
}
