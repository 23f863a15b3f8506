package dev.nas.supernet.tape;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.supernet.ParameterStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Random;
import java.util.function.Predicate;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Central finite differences of a tape's loss against its analytic gradients, in double precision. */
final class FiniteDifferences {

  private FiniteDifferences() {}

  static INDArray oneHot(int n, int classes) {
    INDArray y = Nd4j.zeros(DataType.DOUBLE, n, classes);
    for (int i = 0; i < n; i++) {
      y.putScalar(i, (i * 7) % classes, 1.0);
    }
    return y;
  }

  /**
   * Checks {@code perEntry} random entries of every trainable store entry that {@code which}
   * accepts (all entries of arrays smaller than that); returns how many entries were checked.
   */
  static int check(TapeNetwork tape, Map<String, INDArray> store, INDArray x, INDArray y, int perEntry,
      Predicate<String> which, String label) {
    return check(tape, store, x, y, perEntry, Integer.MAX_VALUE, which, label);
  }

  /** As above, on at most {@code maxArrays} of the accepted arrays, picked at random (big networks). */
  static int check(TapeNetwork tape, Map<String, INDArray> store, INDArray x, INDArray y, int perEntry,
      int maxArrays, Predicate<String> which, String label) {
    return check(tape, store, x, y, perEntry, maxArrays, which, label, () -> {});
  }

  /**
   * As above, running {@code beforeForward} before every forward (e.g. to replay the same
   * drop-path masks, so that the perturbed losses differ only by the perturbation).
   */
  static int check(TapeNetwork tape, Map<String, INDArray> store, INDArray x, INDArray y, int perEntry,
      int maxArrays, Predicate<String> which, String label, Runnable beforeForward) {
    beforeForward.run();
    tape.forward(x, y);
    Map<String, INDArray> grads = tape.backward();
    Random pick = new Random(1);
    List<Map.Entry<String, INDArray>> entries = new ArrayList<>(new TreeMap<>(store).entrySet());
    entries.removeIf(e -> ParameterStore.isState(e.getKey()) || !which.test(e.getKey()));
    Collections.shuffle(entries, pick);
    int checked = 0;
    for (var e : entries.subList(0, Math.min(maxArrays, entries.size()))) {
      INDArray w = e.getValue();
      // No gradient means zero: the loss does not depend on that array (e.g. only through a zero op).
      INDArray g = grads.getOrDefault(e.getKey(), w.ulike().assign(0));
      int n = (int) Math.min(perEntry, w.length());
      for (int t = 0; t < n; t++) {
        long i = w.length() <= perEntry ? t : pick.nextInt((int) w.length());
        double original = w.getDouble(i);
        double eps = 1e-6;
        w.putScalar(i, original + eps);
        beforeForward.run();
        double plus = tape.forward(x, y);
        w.putScalar(i, original - eps);
        beforeForward.run();
        double minus = tape.forward(x, y);
        w.putScalar(i, original);
        double numeric = (plus - minus) / (2 * eps);
        double analytic = g.getDouble(i);
        double tol = 1e-4 * Math.max(Math.abs(numeric), Math.abs(analytic)) + 1e-8;
        assertTrue(Math.abs(numeric - analytic) <= tol,
            label + " " + e.getKey() + "[" + i + "]: analytic " + analytic + " numeric " + numeric);
        checked++;
      }
    }
    return checked;
  }
}
