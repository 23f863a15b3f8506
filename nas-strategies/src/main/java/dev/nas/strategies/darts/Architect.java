package dev.nas.strategies.darts;

import dev.nas.supernet.ParameterStore;
import dev.nas.supernet.data.BatchIterator.Batch;
import dev.nas.supernet.tape.TapeNetwork;
import dev.nas.supernet.train.Adam;
import dev.nas.supernet.train.SgdMomentum;
import dev.nas.supernet.train.Trainer;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The architecture step of DARTS (the reference code's {@code Architect}): the gradient of the
 * validation loss with respect to the architecture weights of the relaxed network, applied with
 * Adam.
 *
 * <p>First order uses the current network weights w. Second order differentiates the validation
 * loss at the weights after one virtual SGD step, {@code w' = w - lr (momentum*v + dL_train/dw +
 * wd*w)}: {@code dL_val(w', a)/da - lr * d2L_train(w, a)/da dw . dL_val(w', a)/dw'}, the
 * Hessian-vector product approximated by central finite differences at
 * {@code w +- eps * dL_val/dw'}, {@code eps = 0.01 / ||dL_val/dw'||} (the radius is a parameter: on the tiny
 * network of the tests, 0.01 is far too coarse, 1e-5 matches exact differences). That costs four forward and
 * backward passes instead of one.
 *
 * <p>Only the architecture weights change: the network weights are put back bit for bit.
 */
public final class Architect {

  /** The reference code's finite-difference radius (before division by the vector's norm). */
  public static final double REFERENCE_RADIUS = 0.01;

  private final TapeNetwork relaxed;
  private final Map<String, INDArray> store;
  private final Adam adam;
  private final double archLr;
  private final double momentum;
  private final double weightDecay;
  private final boolean secondOrder;
  private final double hessianRadius;

  /**
   * @param momentum the weight optimizer's momentum and {@code weightDecay} its decay: the virtual
   *     step of second order repeats the real one
   * @param hessianRadius the finite-difference radius of second order, divided by the vector's
   *     norm ({@link #REFERENCE_RADIUS} in the reference code)
   */
  public Architect(TapeNetwork relaxed, Map<String, INDArray> store, Adam adam, double archLr, double momentum,
      double weightDecay, boolean secondOrder, double hessianRadius) {
    this.hessianRadius = hessianRadius;
    this.relaxed = relaxed;
    this.store = store;
    this.adam = adam;
    this.archLr = archLr;
    this.momentum = momentum;
    this.weightDecay = weightDecay;
    this.secondOrder = secondOrder;
  }

  /** What an architecture step measured: the validation batch's loss and accuracy (at w or w'). */
  public record Result(double validLoss, double validAccuracy, double gradientNorm) {}

  /**
   * One architecture step: the gradient on {@code valid} (second order: also {@code train}, with
   * the weights' current learning rate {@code lr}), then Adam on the architecture weights.
   */
  public Result step(Batch train, Batch valid, double lr) {
    Gradient g = gradient(train, valid, lr);
    double norm = Trainer.checkedNorm(g.architecture(), g.validLoss(), "architecture step");
    adam.apply(store, g.architecture(), archLr);
    return new Result(g.validLoss(), g.validAccuracy(), norm);
  }

  /** An architecture gradient and the validation loss and accuracy it came with. */
  record Gradient(Map<String, INDArray> architecture, double validLoss, double validAccuracy) {}

  /** The architecture gradient of this architect's order, without applying it. */
  Gradient gradient(Batch train, Batch valid, double lr) {
    relaxed.training(true);
    if (!secondOrder) {
      double loss = relaxed.forward(valid.features(), valid.labels());
      double accuracy = accuracy(valid);
      return new Gradient(architecture(relaxed.backward()), loss, accuracy);
    }
    Map<String, INDArray> trainGrads = weights(lossGradient(train));
    Map<String, INDArray> saved = new HashMap<>();
    try (var scope = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      for (var e : trainGrads.entrySet()) {
        INDArray w = store.get(e.getKey());
        saved.put(e.getKey(), w.dup());
        INDArray step = e.getValue().add(w.mul(weightDecay));
        INDArray velocity = store.get(e.getKey() + SgdMomentum.MOMENTUM_SUFFIX);
        if (velocity != null) {
          step.addi(velocity.mul(momentum));
        }
        w.subi(step.muli(lr));
      }
      try {
        double loss = relaxed.forward(valid.features(), valid.labels());
        double accuracy = accuracy(valid);
        Map<String, INDArray> unrolled = relaxed.backward();
        Map<String, INDArray> dalpha = architecture(unrolled);
        Map<String, INDArray> vector = weights(unrolled);
        double norm = 0;
        for (INDArray v : vector.values()) {
          double n = v.norm2Number().doubleValue();
          norm += n * n;
        }
        double radius = hessianRadius / Math.sqrt(norm);
        Map<String, INDArray> plus = architecture(gradientAt(saved, vector, radius, train));
        Map<String, INDArray> minus = architecture(gradientAt(saved, vector, -radius, train));
        for (var e : dalpha.entrySet()) {
          INDArray hessianVector = plus.get(e.getKey()).sub(minus.get(e.getKey())).divi(2 * radius);
          e.getValue().subi(hessianVector.muli(lr));
        }
        return new Gradient(dalpha, loss, accuracy);
      } finally {
        saved.forEach((name, w) -> store.get(name).assign(w));
      }
    }
  }

  /** The training-loss gradient at {@code saved + radius * vector}. */
  private Map<String, INDArray> gradientAt(Map<String, INDArray> saved, Map<String, INDArray> vector, double radius,
      Batch train) {
    saved.forEach((name, w) -> {
      INDArray target = store.get(name).assign(w);
      INDArray v = vector.get(name);
      if (v != null) {
        target.addi(v.mul(radius));
      }
    });
    return lossGradient(train);
  }

  private Map<String, INDArray> lossGradient(Batch batch) {
    relaxed.forward(batch.features(), batch.labels());
    return relaxed.backward();
  }

  private double accuracy(Batch batch) {
    return Trainer.accuracy(relaxed.logits(), batch.classes());
  }

  private static Map<String, INDArray> architecture(Map<String, INDArray> grads) {
    Map<String, INDArray> a = new HashMap<>(grads);
    a.keySet().removeIf(k -> !ParameterStore.isArchitecture(k));
    return a;
  }

  private static Map<String, INDArray> weights(Map<String, INDArray> grads) {
    Map<String, INDArray> w = new HashMap<>(grads);
    w.keySet().removeIf(ParameterStore::isArchitecture);
    return w;
  }
}
