package dev.nas.supernet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.config.DataConfig;
import dev.nas.core.data.DataRoot;
import dev.nas.spaces.nb201.Nb201Macro;
import dev.nas.spaces.nb201.Nb201Space;
import dev.nas.supernet.data.Augmentation;
import dev.nas.supernet.data.BatchIterator;
import dev.nas.supernet.data.Cifar10;
import dev.nas.supernet.data.Normalization;
import dev.nas.supernet.tape.TapeNetwork;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TrainerTest {

  private static TapeNetwork smallNet(Map<String, INDArray> store) {
    Nb201Space s = Nb201Space.of(new Nb201Macro(8, 1, 10, 32));
    return new TapeNetwork(s.network(s.parse("|nor_conv_3x3~0|+|nor_conv_3x3~0|skip_connect~1|+|skip_connect~0|nor_conv_1x1~1|skip_connect~2|")),
        store, 4, DataType.FLOAT);
  }

  @Test
  void cosineScheduleGoesFromMaxToMin() {
    CosineSchedule c = new CosineSchedule(0.025, 0.001, 100);
    assertEquals(0.025, c.at(0), 1e-12);
    assertEquals(0.013, c.at(50), 1e-12);
    assertEquals(0.001, c.at(100), 1e-12);
    assertEquals(0.001, c.at(500), 1e-12);
  }

  @Test
  void sgdMomentumFollowsPyTorch() {
    Map<String, INDArray> store = new HashMap<>();
    store.put("w", Nd4j.createFromArray(1.0, -2.0));
    var sgd = new SgdMomentum(0.9, 0.1, false);
    sgd.apply(store, Map.of("w", Nd4j.createFromArray(0.5, 0.5)), 0.1);
    // v = g + wd*w = (0.6, 0.3); w = w - lr*v.
    assertEquals(0.94, store.get("w").getDouble(0), 1e-12);
    assertEquals(-2.03, store.get("w").getDouble(1), 1e-12);
    sgd.apply(store, Map.of("w", Nd4j.createFromArray(0.5, 0.5)), 0.1);
    // v = 0.9*(0.6, 0.3) + (0.5 + 0.094, 0.5 - 0.203).
    assertEquals(0.94 - 0.1 * (0.54 + 0.594), store.get("w").getDouble(0), 1e-12);
    assertTrue(store.containsKey("w" + SgdMomentum.MOMENTUM_SUFFIX), "momentum lives in the store");
  }

  @Test
  void nesterovMomentumFollowsPyTorch() {
    Map<String, INDArray> store = new HashMap<>();
    store.put("w", Nd4j.createFromArray(1.0, -2.0));
    var sgd = new SgdMomentum(0.9, 0.1, true);
    // Expected values printed by torch.optim.SGD(lr=0.1, momentum=0.9, weight_decay=0.1, nesterov=True).
    double[][] expected = {{0.886, -2.057}, {0.725566, -2.137217}};
    for (double[] e : expected) {
      sgd.apply(store, Map.of("w", Nd4j.createFromArray(0.5, 0.5)), 0.1);
      assertEquals(e[0], store.get("w").getDouble(0), 1e-12);
      assertEquals(e[1], store.get("w").getDouble(1), 1e-12);
    }
  }

  @Test
  void adamFollowsPyTorch() {
    Map<String, INDArray> store = new HashMap<>();
    store.put("alpha.x", Nd4j.createFromArray(1.0, -2.0));
    var adam = new Adam(0.5, 0.999, 1e-8, 0.1);
    // Expected values printed by torch.optim.Adam(lr=0.1, betas=(0.5, 0.999), eps=1e-8, weight_decay=0.1).
    double[][] expected = {{0.9000000016666666, -2.099999980000004}, {0.800283216970922, -2.195712537825344},
        {0.7010168137546695, -2.2835808554224686}};
    for (double[] e : expected) {
      adam.apply(store, Map.of("alpha.x", Nd4j.createFromArray(0.5, 0.25)), 0.1);
      assertEquals(e[0], store.get("alpha.x").getDouble(0), 1e-12);
      assertEquals(e[1], store.get("alpha.x").getDouble(1), 1e-12);
    }
    assertEquals(3, store.get("alpha.x" + Adam.STEP).getDouble(0), "the step count lives in the store");
  }

  @Test
  void weightStepsLeaveArchitectureWeightsAloneAndArchitectureStepsTheWeights() {
    var space = new dev.nas.spaces.darts.DartsSpace("darts", new dev.nas.spaces.darts.DartsMacro(4, 3, 10, 8, false),
        java.util.List.of(dev.nas.spaces.darts.DartsOp.NONE, dev.nas.spaces.darts.DartsOp.SKIP_CONNECT,
            dev.nas.spaces.darts.DartsOp.SEP_CONV_3X3), 2);
    // Float, as searches run: non-affine BN in float once crashed libnd4j's batchnorm_bp (see TapeNetwork).
    var supernet = new dev.nas.supernet.Supernet(space, 3, dev.nas.supernet.SupernetOptions.SEARCH);
    TapeNetwork relaxed = supernet.relaxed();
    Map<String, INDArray> store = supernet.store();
    var batch = new BatchIterator.Batch(Nd4j.rand(DataType.FLOAT, 8, 3, 8, 8), oneHot(8), new int[] {0, 1, 2, 3, 4, 5, 6, 7});
    Map<String, INDArray> before = new HashMap<>();
    store.forEach((k, v) -> before.put(k, v.dup()));
    new Trainer(store, new SgdMomentum(0.9, 3e-4, false), new CosineSchedule(0.025, 0.001, 10), 5).step(relaxed, batch);
    store.forEach((k, v) -> {
      if (dev.nas.supernet.ParameterStore.isArchitecture(k) && !dev.nas.supernet.ParameterStore.isState(k)) {
        assertEquals(before.get(k), v, k + " must not move in a weight step");
      }
    });
    assertTrue(!before.get("cell0.preprocess1.1.conv.W").equals(store.get("cell0.preprocess1.1.conv.W")));
    // The architecture step (which moves only the architecture weights) is tested with the DARTS strategy.
  }

  private static INDArray oneHot(int n) {
    INDArray y = Nd4j.zeros(DataType.FLOAT, n, 10);
    for (int i = 0; i < n; i++) {
      y.putScalar(i, i, 1.0);
    }
    return y;
  }

  @Test
  void aDivergingStepFailsWithoutTouchingTheStore() {
    Map<String, INDArray> store = new HashMap<>();
    TapeNetwork net = smallNet(store);
    Map<String, INDArray> before = new HashMap<>();
    store.forEach((k, v) -> before.put(k, v.dup()));
    Trainer trainer = new Trainer(store, new SgdMomentum(0.9, 3e-4, false), new CosineSchedule(0.1, 0, 10), 5);
    INDArray x = Nd4j.rand(DataType.FLOAT, 4, 3, 32, 32);
    x.putScalar(new long[] {0, 0, 3, 3}, Float.NaN);
    INDArray y = Nd4j.zeros(DataType.FLOAT, 4, 10);
    var e = assertThrows(DivergenceException.class,
        () -> trainer.step(net, new BatchIterator.Batch(x, y, new int[] {0, 0, 0, 0})));
    assertTrue(e.getMessage().contains("not applied"), e.getMessage());
    for (String k : before.keySet()) {
      if (!dev.nas.supernet.ParameterStore.isState(k)) {
        assertEquals(before.get(k), store.get(k), k);
      }
    }
    assertEquals(0, trainer.steps());
  }

  @Test
  void trainingOnRealImagesLowersTheLoss() {
    Map<String, INDArray> store = new HashMap<>();
    TapeNetwork net = smallNet(store);
    var data = new BatchIterator(Cifar10.test(DataRoot.resolve(DataConfig.defaults())), 32, Augmentation.NONE,
        Normalization.CIFAR10, false, 1, DataType.FLOAT);
    BatchIterator.Batch batch = data.next();
    Trainer trainer = new Trainer(store, new SgdMomentum(0.9, 3e-4, false), new CosineSchedule(0.05, 0.001, 30), 5);
    double first = trainer.step(net, batch).loss();
    double last = first;
    for (int i = 0; i < 29; i++) {
      last = trainer.step(net, batch).loss();
    }
    assertTrue(last < 0.75 * first, "30 steps on one batch: loss " + first + " -> " + last);
  }
}
