package dev.nas.supernet.train;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SGD with momentum and weight decay, PyTorch's formulation ({@code v = m*v + g + wd*w};
 * {@code w -= lr*v}, or {@code w -= lr*(g + wd*w + m*v)} with Nesterov), updating the store's
 * arrays in place. The momentum buffers live in the store too ({@code <param>.momentum}), so a
 * weight shared by several children has one optimizer state.
 */
public final class SgdMomentum {

  public static final String MOMENTUM_SUFFIX = ".momentum";

  private final double momentum;
  private final double weightDecay;
  private final boolean nesterov;

  public SgdMomentum(double momentum, double weightDecay, boolean nesterov) {
    this.momentum = momentum;
    this.weightDecay = weightDecay;
    this.nesterov = nesterov;
  }

  public void apply(Map<String, INDArray> store, Map<String, INDArray> grads, double lr) {
    try (var scope = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      for (var e : grads.entrySet()) {
        INDArray w = store.get(e.getKey());
        INDArray d = e.getValue().add(w.mul(weightDecay));
        INDArray v = store.computeIfAbsent(e.getKey() + MOMENTUM_SUFFIX, k -> w.ulike().assign(0));
        v.muli(momentum).addi(d);
        w.subi((nesterov ? d.addi(v.mul(momentum)) : v).mul(lr));
      }
    }
  }
}
