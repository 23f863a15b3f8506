package dev.nas.supernet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.arch.Architecture;
import dev.nas.spaces.darts.DartsMacro;
import dev.nas.spaces.darts.DartsSpace;
import dev.nas.spaces.enas.EnasSpace;
import dev.nas.supernet.tape.TapeNetwork;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SupernetTest {

  private static final DartsSpace SPACE = new DartsSpace(new DartsMacro(4, 3, 10, 8, false));
  private static final SupernetOptions DOUBLE = SupernetOptions.SEARCH.withDataType(DataType.DOUBLE);

  private static INDArray labels(int n) {
    INDArray y = Nd4j.zeros(DataType.DOUBLE, n, 10);
    for (int i = 0; i < n; i++) {
      y.putScalar(i, i % 10, 1.0);
    }
    return y;
  }

  @Test
  void childGraphsAreCachedAndTheLeastRecentlyUsedIsDropped() {
    Supernet supernet = new Supernet(SPACE, 1, DOUBLE.withCacheSize(2));
    SplittableRandom random = new SplittableRandom(3);
    Architecture a = SPACE.sample(random);
    Architecture b = SPACE.sample(random);
    Architecture c = SPACE.sample(random);
    TapeNetwork first = supernet.child(a);
    assertSame(first, supernet.child(a));
    supernet.child(b);
    supernet.child(a);
    supernet.child(c); // evicts b, the least recently used
    assertSame(first, supernet.child(a));
    assertEquals(1, supernet.cacheStats().evictionCount());
    assertEquals(3, supernet.cacheStats().hitCount());
    assertEquals(3, supernet.cacheStats().missCount());
    long missesBefore = supernet.cacheStats().missCount();
    supernet.child(b);
    assertEquals(missesBefore + 1, supernet.cacheStats().missCount(), "b was evicted and is rebuilt");
  }

  @Test
  void aSharedWeightStartsTheSameWhicheverChildCreatesIt() {
    SplittableRandom random = new SplittableRandom(5);
    Architecture a = SPACE.sample(random);
    Architecture b = SPACE.sample(random);
    Supernet ab = new Supernet(SPACE, 9, DOUBLE);
    ab.child(a);
    ab.child(b);
    Supernet ba = new Supernet(SPACE, 9, DOUBLE);
    ba.child(b);
    ba.child(a);
    assertEquals(ab.store().keySet(), ba.store().keySet());
    ab.store().forEach((k, v) -> assertEquals(v, ba.store().get(k), k));
    Supernet otherSeed = new Supernet(SPACE, 10, DOUBLE);
    otherSeed.child(a);
    assertNotEquals(ab.store().get("stem.0.conv.W"), otherSeed.store().get("stem.0.conv.W"));
  }

  @Test
  void searchPhaseBatchNormIsNotAffineAndUsesBatchStatistics() {
    Supernet supernet = new Supernet(SPACE, 1, DOUBLE);
    Architecture a = SPACE.parse("DARTS_V2");
    TapeNetwork child = supernet.child(a);
    assertTrue(supernet.store().keySet().stream().noneMatch(k -> k.endsWith(".gamma") || k.endsWith(".beta")));
    INDArray x = Nd4j.rand(DataType.DOUBLE, 6, 3, 8, 8);
    child.training(true).forward(x, labels(6));
    INDArray train = child.logits().dup();
    Map<String, INDArray> runningBefore = Map.copyOf(supernet.store());
    child.training(false).forward(x, null);
    assertEquals(train, child.logits(), "evaluation normalises with the batch's statistics, as training does");
    runningBefore.forEach((k, v) -> assertSame(v, supernet.store().get(k)));

    Supernet tracked = new Supernet(SPACE, 1, DOUBLE.withBatchNorm(true, true));
    TapeNetwork trackedChild = tracked.child(a);
    assertTrue(tracked.store().containsKey("stem.1.bn.gamma"));
    trackedChild.training(true).forward(x, labels(6));
    INDArray trackedTrain = trackedChild.logits().dup();
    trackedChild.training(false).forward(x, null);
    assertNotEquals(trackedTrain, trackedChild.logits(), "evaluation uses the running statistics");
  }

  @Test
  void theRelaxationAndTheChildrenTrainOneStore() {
    Supernet supernet = new Supernet(SPACE, 2, DOUBLE);
    Architecture a = SPACE.parse("DARTS_V2");
    TapeNetwork child = supernet.child(a);
    int childEntries = supernet.store().size();
    TapeNetwork relaxed = supernet.relaxed();
    assertSame(relaxed, supernet.relaxed());
    assertTrue(supernet.store().size() > childEntries);
    assertTrue(supernet.store().containsKey("alpha.normal") && supernet.store().containsKey("alpha.reduce"));

    INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 3, 8, 8);
    child.training(false).forward(x, null);
    INDArray before = child.logits().dup();
    relaxed.training(true).forward(x, labels(4));
    Map<String, INDArray> grads = relaxed.backward();
    grads.forEach((k, g) -> supernet.store().get(k).subi(g.mul(0.5)));
    assertTrue(grads.containsKey("cell0.node0.in1.sep_conv_3x3.1.conv_grouped.W"), "a DARTS_V2 op is trained by the relaxation");
    child.forward(x, null);
    assertNotEquals(before, child.logits(), "the child sees the weights the relaxation trained");
  }

  @Test
  void aSpaceWithoutRelaxationSaysSo() {
    Supernet supernet = new Supernet(new EnasSpace(new dev.nas.spaces.enas.EnasMacro(4, 8, 10, 8)), 1, DOUBLE);
    var e = assertThrows(UnsupportedOperationException.class, supernet::relaxed);
    assertTrue(e.getMessage().contains("enas"), e.getMessage());
    assertFalse(supernet.store().containsKey("alpha.normal"));
  }

  @Test
  void theLeanRelaxationFreesArraysWithoutChangingGradients() {
    Supernet supernet = new Supernet(SPACE, 4, DOUBLE);
    TapeNetwork lean = supernet.relaxed();
    assertTrue(lean.lean(), "the relaxation frees arrays as it goes");
    TapeNetwork plain = new TapeNetwork(supernet.relaxed().network(), supernet.store(), 4, DataType.DOUBLE);
    INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 3, 8, 8);
    for (int round = 0; round < 2; round++) {
      double lossLean = lean.training(true).forward(x, labels(3));
      Map<String, INDArray> leanGrads = lean.backward();
      double lossPlain = plain.training(true).forward(x, labels(3));
      Map<String, INDArray> plainGrads = plain.backward();
      assertEquals(lossPlain, lossLean, 1e-12);
      assertEquals(plainGrads.keySet(), leanGrads.keySet());
      plainGrads.forEach((k, g) -> assertEquals(g, leanGrads.get(k), k));
    }
  }

  @Test
  void twoOpsWithOneNameButDifferentShapesAreRefused() {
    Supernet supernet = new Supernet(SPACE, 1, DOUBLE);
    supernet.store().put("stem.0.conv.W", Nd4j.zeros(DataType.DOUBLE, 1, 1, 3, 12));
    var e = assertThrows(IllegalStateException.class, () -> supernet.child(SPACE.parse("DARTS_V2")));
    assertTrue(e.getMessage().contains("stem.0.conv.W is in the store with shape [1, 1, 3, 12]"), e.getMessage());
  }
}
