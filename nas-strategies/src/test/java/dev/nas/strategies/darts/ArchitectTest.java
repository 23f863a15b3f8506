package dev.nas.strategies.darts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.spaces.darts.DartsMacro;
import dev.nas.spaces.darts.DartsSpace;
import dev.nas.supernet.ParameterStore;
import dev.nas.supernet.Supernet;
import dev.nas.supernet.SupernetOptions;
import dev.nas.supernet.data.BatchIterator.Batch;
import dev.nas.supernet.tape.TapeNetwork;
import dev.nas.supernet.train.Adam;
import dev.nas.supernet.train.SgdMomentum;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The architecture gradients of DARTS against brute-force central differences, in double on a
 * tiny relaxed DARTS network (4 channels, 3 cells, 8x8 input): first order against the validation
 * loss, second order against the validation loss after the unrolled weight step, computed
 * exactly; the second order's only approximation is its finite-difference Hessian-vector product.
 */
class ArchitectTest {

  static final double LR = 0.5;
  static final double MOMENTUM = 0.9;
  static final double WEIGHT_DECAY = 3e-2;
  static final double H = 1e-5;

  private final Supernet supernet = new Supernet(new DartsSpace(new DartsMacro(4, 3, 10, 8, false)), 7,
      SupernetOptions.SEARCH.withDataType(DataType.DOUBLE));
  private final TapeNetwork relaxed = supernet.relaxed();
  private final Map<String, INDArray> store = supernet.store();
  private final Batch train = batch(1);
  private final Batch valid = batch(2);

  ArchitectTest() {
    // Away from the near-uniform start, and with momentum buffers, so that every term matters.
    SplittableRandom r = new SplittableRandom(3);
    for (String name : store.keySet().toArray(String[]::new)) {
      if (ParameterStore.isArchitecture(name)) {
        store.get(name).assign(Nd4j.randn(r.nextLong(), store.get(name).shape()));
      } else if (!name.endsWith(ParameterStore.RUNNING_MEAN) && !name.endsWith(ParameterStore.RUNNING_VAR)) {
        store.put(name + SgdMomentum.MOMENTUM_SUFFIX, Nd4j.randn(r.nextLong(), store.get(name).shape()).castTo(DataType.DOUBLE)
            .muli(0.1));
      }
    }
  }

  private static Batch batch(long seed) {
    int n = 4;
    INDArray x = Nd4j.randn(seed, new long[] {n, 3, 8, 8}).castTo(DataType.DOUBLE);
    int[] classes = new int[n];
    INDArray y = Nd4j.zeros(DataType.DOUBLE, n, 10);
    for (int i = 0; i < n; i++) {
      classes[i] = (int) ((seed * 7 + i * 3) % 10);
      y.putScalar(i, classes[i], 1.0);
    }
    return new Batch(x, y, classes);
  }

  /**
   * In double, a radius of 1e-5 makes the Hessian-vector product as exact as the differences it
   * is checked against; the reference's 0.01 is off by a factor of ~2.5 on this tiny network
   * (measured: -0.0054 against -0.0137), a property of that approximation, not of the code.
   */
  private Architect architect(boolean secondOrder) {
    return new Architect(relaxed, store, Adam.darts(), 3e-4, MOMENTUM, WEIGHT_DECAY, secondOrder, 1e-5);
  }

  @Test
  void firstOrderGradientIsTheValidationLossGradient() {
    Map<String, INDArray> g = architect(false).gradient(train, valid, LR).architecture();
    int checked = check(g, () -> relaxed.forward(valid.features(), valid.labels()));
    assertEquals(2 * 6, checked);
  }

  @Test
  void secondOrderGradientIsTheGradientOfTheUnrolledValidationLoss() {
    Map<String, INDArray> second = architect(true).gradient(train, valid, LR).architecture();
    int checked = check(second, this::unrolledValidationLoss);
    assertEquals(2 * 6, checked);
    // The second-order term is not negligible here, so this test tells the orders apart.
    Map<String, INDArray> first = architect(false).gradient(train, valid, LR).architecture();
    double difference = 0;
    double size = 0;
    for (String name : second.keySet()) {
      difference += Math.pow(second.get(name).sub(first.get(name)).norm2Number().doubleValue(), 2);
      size += Math.pow(second.get(name).norm2Number().doubleValue(), 2);
    }
    assertTrue(Math.sqrt(difference / size) > 0.05, "second and first order differ by " + Math.sqrt(difference / size));
  }

  @Test
  void secondOrderPutsTheNetworkWeightsBackBitForBit() {
    Map<String, INDArray> before = new HashMap<>();
    store.forEach((k, v) -> before.put(k, v.dup()));
    architect(true).gradient(train, valid, LR);
    for (var e : before.entrySet()) {
      assertArrayEquals(e.getValue().data().asDouble(), store.get(e.getKey()).data().asDouble(), 0.0, e.getKey());
    }
  }

  @Test
  void aStepMovesOnlyTheArchitectureWeightsInBothOrders() {
    for (boolean secondOrder : new boolean[] {false, true}) {
      Map<String, INDArray> before = new HashMap<>();
      store.forEach((k, v) -> before.put(k, v.dup()));
      Architect.Result r = architect(secondOrder).step(train, valid, LR);
      assertTrue(r.gradientNorm() > 0 && Double.isFinite(r.validLoss()));
      before.forEach((k, v) -> {
        if (ParameterStore.isState(k)) {
          return; // optimizer buffers and BN statistics
        }
        boolean architecture = ParameterStore.isArchitecture(k);
        assertEquals(!architecture, v.equals(store.get(k)), k + (architecture ? " must move" : " must not move"));
      });
      assertTrue(store.containsKey("alpha.normal" + Adam.FIRST_MOMENT));
    }
  }

  /** L_val(w - lr (momentum v + dL_train/dw + wd w), alpha), the weights put back afterwards. */
  private double unrolledValidationLoss() {
    relaxed.forward(train.features(), train.labels());
    Map<String, INDArray> grads = relaxed.backward();
    Map<String, INDArray> saved = new HashMap<>();
    grads.forEach((name, g) -> {
      if (!ParameterStore.isArchitecture(name)) {
        INDArray w = store.get(name);
        saved.put(name, w.dup());
        INDArray v = store.get(name + SgdMomentum.MOMENTUM_SUFFIX);
        w.subi(g.add(w.mul(WEIGHT_DECAY)).addi(v.mul(MOMENTUM)).muli(LR));
      }
    });
    double loss = relaxed.forward(valid.features(), valid.labels());
    saved.forEach((name, w) -> store.get(name).assign(w));
    return loss;
  }

  /** Compares 6 entries of each architecture matrix with central differences of {@code loss}. */
  private int check(Map<String, INDArray> gradient, java.util.function.DoubleSupplier loss) {
    int checked = 0;
    for (String name : new String[] {"alpha.normal", "alpha.reduce"}) {
      INDArray alpha = store.get(name);
      for (int i = 0; i < 6; i++) {
        int row = (i * 5) % (int) alpha.size(0);
        int col = (i * 3 + 1) % (int) alpha.size(1);
        double original = alpha.getDouble(row, col);
        alpha.putScalar(row, col, original + H);
        double up = loss.getAsDouble();
        alpha.putScalar(row, col, original - H);
        double down = loss.getAsDouble();
        alpha.putScalar(row, col, original);
        double numeric = (up - down) / (2 * H);
        double analytic = gradient.get(name).getDouble(row, col);
        double error = Math.abs(numeric - analytic) / Math.max(1e-6, Math.abs(numeric) + Math.abs(analytic));
        assertTrue(error < 1e-4, name + "[" + row + "," + col + "]: analytic " + analytic + ", numeric " + numeric);
        checked++;
      }
    }
    return checked;
  }
}
