package dev.nas.supernet.train;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adam with L2 weight decay added to the gradient, PyTorch's {@code torch.optim.Adam} (what DARTS
 * uses for its architecture weights: lr 3e-4, betas (0.5, 0.999), weight decay 1e-3). The moment
 * estimates and the step count live in the store ({@code <param>.adam_m}, {@code .adam_v},
 * {@code .adam_t}), so they are checkpointed and resumed with it.
 */
public final class Adam {

  public static final String FIRST_MOMENT = ".adam_m";
  public static final String SECOND_MOMENT = ".adam_v";
  public static final String STEP = ".adam_t";

  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final double weightDecay;

  public Adam(double beta1, double beta2, double epsilon, double weightDecay) {
    if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) {
      throw new IllegalArgumentException("Adam betas must be in [0, 1), got " + beta1 + ", " + beta2);
    }
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.weightDecay = weightDecay;
  }

  /** DARTS' architecture optimizer without its learning rate: betas (0.5, 0.999), eps 1e-8, weight decay 1e-3. */
  public static Adam darts() {
    return new Adam(0.5, 0.999, 1e-8, 1e-3);
  }

  public void apply(Map<String, INDArray> store, Map<String, INDArray> grads, double lr) {
    try (var scope = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      for (var e : grads.entrySet()) {
        String name = e.getKey();
        INDArray w = store.get(name);
        INDArray g = e.getValue().add(w.mul(weightDecay));
        INDArray m = store.computeIfAbsent(name + FIRST_MOMENT, k -> w.ulike().assign(0));
        INDArray v = store.computeIfAbsent(name + SECOND_MOMENT, k -> w.ulike().assign(0));
        INDArray t = store.computeIfAbsent(name + STEP, k -> Nd4j.scalar(w.dataType(), 0.0));
        double step = t.getDouble(0) + 1;
        t.assign(step);
        m.muli(beta1).addi(g.mul(1 - beta1));
        v.muli(beta2).addi(g.mul(g).muli(1 - beta2));
        double correction1 = 1 - Math.pow(beta1, step);
        double correction2 = 1 - Math.pow(beta2, step);
        INDArray denominator = Transforms.sqrt(v.div(correction2), false).addi(epsilon);
        w.subi(m.div(denominator).muli(lr / correction1));
      }
    }
  }

  /** Whether a store entry is Adam state rather than a parameter. */
  public static boolean isState(String name) {
    return name.endsWith(FIRST_MOMENT) || name.endsWith(SECOND_MOMENT) || name.endsWith(STEP);
  }
}
