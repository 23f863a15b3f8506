package dev.nas.supernet.dl4j;

import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.constraint.BaseConstraint;
import org.nd4j.linalg.api.ndarray.INDArray;
import dev.nas.supernet.ParameterStore;

/**
 * Keeps a conv kernel of size {@code d*(k-1)+1} equal to a k x k kernel dilated by d: every
 * weight off the dilation grid is zero after initialisation and after every update. The DL4J
 * graph uses this instead of a dilated conv because libnd4j's oneDNN kernels fail on dilation
 * ("could not create a descriptor for a dilated convolution"); outputs and gradients on the
 * grid are those of the dilated conv.
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

  /** The kernel side that a k x k kernel dilated by d covers. */
  public static int effectiveKernel(int kernel, int dilation) {
    return dilation * (kernel - 1) + 1;
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
      return ParameterStore.dilationMask(dilation, shape, type);
    }
    long[] storeShape = {shape[2], shape[3], shape[1], shape[0]};
    return ParameterStore.dilationMask(dilation, storeShape, type).permute(3, 2, 0, 1).dup('c');
  }

  @Override
  public DilationMask clone() {
    return new DilationMask(dilation, depthwise);
  }
}
