package dev.nas.supernet.morph;

import static dev.nas.supernet.morph.MorphFixtures.EXACT;
import static dev.nas.supernet.morph.MorphFixtures.input;
import static dev.nas.supernet.morph.MorphFixtures.logits;
import static dev.nas.supernet.morph.MorphFixtures.maxAbs;
import static dev.nas.supernet.morph.MorphFixtures.randomWeights;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.spaces.network.Add;
import dev.nas.spaces.network.BatchNorm;
import dev.nas.spaces.network.Conv2d;
import dev.nas.spaces.network.GlobalAvgPool;
import dev.nas.spaces.network.Linear;
import dev.nas.spaces.network.Network;
import dev.nas.spaces.network.NetworkBuilder;
import dev.nas.spaces.network.Relu;
import dev.nas.spaces.network.TensorShape;
import dev.nas.supernet.ParameterStore;
import dev.nas.supernet.tape.TapeNetwork;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Each morphism keeps a small random network's function: for random weights (BN running statistics
 * included) and random inputs, in evaluation mode and double precision, the morphed network's
 * logits equal the parent's within 1e-5; its parameter count grows by the expected formula.
 */
class MorphismTest {

  /**
   * stem conv-BN-ReLU (4 channels, 8x8); an inverted-residual-like block: conv 3x3 to 6, BN, ReLU,
   * depthwise 3x3, BN, ReLU, 1x1 projection to 4, BN, residual add with the stem; a stride-2 conv
   * to 8 channels, BN, ReLU; a head 1x1 conv with bias, BN, ReLU, global pooling, linear to 10.
   */
  static Network residualNet() {
    NetworkBuilder b = new NetworkBuilder("residual", new TensorShape(3, 8, 8));
    int stem = b.chain("stem", b.input(), Conv2d.of(4, 3, 1), new BatchNorm(true), new Relu());
    int x = b.chain("wide", stem, Conv2d.of(6, 3, 1), new BatchNorm(true), new Relu());
    x = b.chain("dw", x, Conv2d.square(6, 3, 1, 1, 1, 6), new BatchNorm(true), new Relu());
    x = b.chain("project", x, Conv2d.of(4, 1, 1), new BatchNorm(true));
    x = b.add("residual", new Add(), stem, x);
    x = b.chain("down", x, Conv2d.of(8, 3, 2), new BatchNorm(true), new Relu());
    x = b.chain("head", x, new Conv2d(8, 1, 1, 1, 1, 0, 0, 1, 1, true), new BatchNorm(true), new Relu(),
        new GlobalAvgPool(), new Linear(10, true));
    return b.build(x);
  }

  /** A conv with bias, BN, ReLU (5 x 4 x 4), flattened into a linear layer of 6, ReLU, linear to 10. */
  static Network flatNet() {
    NetworkBuilder b = new NetworkBuilder("flat", new TensorShape(3, 4, 4));
    int x = b.chain("features", b.input(), new Conv2d(5, 3, 3, 1, 1, 1, 1, 1, 1, true), new BatchNorm(true),
        new Relu());
    x = b.chain("hidden", x, new Linear(6, true), new Relu());
    x = b.add("out", new Linear(10, true), x);
    return b.build(x);
  }

  /** The morphed network's logits minus the parent's (max abs), after checking the parent's weights are untouched. */
  private static double difference(Network net, Morphism m, long seed, int size) {
    Map<String, INDArray> weights = randomWeights(net, seed);
    Map<String, INDArray> before = new HashMap<>();
    weights.forEach((k, v) -> before.put(k, v.dup()));
    Morphed morphed = m.apply(net, weights);
    assertEquals(before, weights, "the parent's weights are not modified");
    assertEquals(Weights.names(morphed.network()), morphed.weights().keySet(), "exactly the new network's arrays");
    INDArray x = input(seed + 1, 4, size);
    return maxAbs(logits(net, weights, x), logits(morphed.network(), morphed.weights(), x));
  }

  private static void assertExact(Network net, Morphism m) {
    double d = difference(net, m, 5, net.inputShape().height());
    assertTrue(d < EXACT, m + " changes the logits by " + d);
  }

  private static long grown(Network net, Morphism m) {
    return m.apply(net, randomWeights(net, 1)).network().params() - net.params();
  }

  @Test
  void widenConvThroughBatchNormAndDepthwiseIsExact() {
    Network net = residualNet();
    Widen widen = new Widen("wide.0.conv", 10, 7);
    assertExact(net, widen);
    Network wider = widen.apply(net, randomWeights(net, 1)).network();
    assertEquals(new Conv2d(10, 3, 3, 1, 1, 1, 1, 1, 10, false), NetworkEdit.node(wider, "dw.0.conv_grouped").op());
    // 4 new units: conv 3x3 from 4 channels, BN (2), depthwise 3x3, BN (2), projection rows to 4.
    assertEquals(4 * (9 * 4 + 2 + 9 + 2 + 4), grown(net, widen));
  }

  @Test
  void widenIntoLinearLayersAndThroughPoolingIsExact() {
    Network flat = flatNet();
    // The linear layer reads 4x4 positions per channel.
    assertExact(flat, new Widen("features.0.conv", 8, 3));
    assertEquals(3 * (9 * 3 + 1 + 2 + 16 * 6), grown(flat, new Widen("features.0.conv", 8, 3)));
    assertExact(flat, new Widen("hidden.0.linear", 9, 3));
    assertEquals(3 * (80 + 1 + 10), grown(flat, new Widen("hidden.0.linear", 9, 3)));
    Network net = residualNet();
    assertExact(net, new Widen("down.0.conv", 13, 4));
    assertExact(net, new Widen("head.0.conv", 12, 4));
    assertEquals(4 * (8 + 1 + 2 + 10), grown(net, new Widen("head.0.conv", 12, 4)));
  }

  @Test
  void widenWithNoiseChangesTheFunctionAndTheSeedDecidesTheCopies() {
    Network net = residualNet();
    double d = difference(net, new Widen("wide.0.conv", 10, 0.1, 7), 5, 8);
    assertTrue(d > 1e-4, "noise 0.1 must change the logits, changed by " + d);
    Map<String, INDArray> w = randomWeights(net, 2);
    Map<String, INDArray> a = new Widen("wide.0.conv", 10, 0.1, 7).apply(net, w).weights();
    assertEquals(a, new Widen("wide.0.conv", 10, 0.1, 7).apply(net, w).weights(), "same seed, same result");
    assertNotEquals(a.get("wide.0.conv.W"), new Widen("wide.0.conv", 10, 0.1, 8).apply(net, w).weights()
        .get("wide.0.conv.W"), "another seed, other copies or noise");
  }

  @Test
  void deepenInsertsAnIdentityBlock() {
    Network net = residualNet();
    Deepen withBn = new Deepen("wide.2.relu", "deeper", 3, true);
    assertExact(net, withBn);
    assertEquals(9 * 6 * 6 + 2 * 6, grown(net, withBn));
    Network deeper = withBn.apply(net, randomWeights(net, 1)).network();
    assertEquals(deeper.node(deeper.output()).name(), "head.4.linear");
    assertEquals(NetworkEdit.node(deeper, withBn.relu()).id(),
        NetworkEdit.node(deeper, "dw.0.conv_grouped").inputs().get(0), "the depthwise conv reads the new ReLU");
    Deepen folded = new Deepen("down.2.relu", "deeper", 1, false);
    assertExact(net, folded);
    assertEquals(8 * 8 + 8, grown(net, folded));
    assertExact(net, new Deepen("stem.2.relu", "deeper", 5, true));
  }

  @Test
  void addSkipAddsZeroAndCanLearn() {
    Network net = residualNet();
    AddSkip same = new AddSkip("stem.2.relu", "project.1.bn", "skip");
    assertExact(net, same);
    assertEquals(4, grown(net, same), "a depthwise 1x1 gate: one weight per channel");
    AddSkip wider = new AddSkip("stem.2.relu", "wide.2.relu", "skip");
    assertExact(net, wider);
    assertEquals(4 * 6, grown(net, wider));
    AddSkip strided = new AddSkip("residual", "down.2.relu", "skip");
    assertExact(net, strided);
    assertEquals(4 * 8, grown(net, strided));
    assertEquals(new Conv2d(8, 1, 1, 2, 2, 0, 0, 1, 1, false),
        NetworkEdit.node(strided.apply(net, randomWeights(net, 1)).network(), "skip.conv").op());

    // The zero branch still gets a gradient, so training can open the connection.
    Morphed m = same.apply(net, randomWeights(net, 1));
    Map<String, INDArray> store = new HashMap<>(m.weights());
    TapeNetwork tape = new TapeNetwork(m.network(), store, 0, DataType.DOUBLE);
    INDArray y = Nd4j.zeros(DataType.DOUBLE, 4, 10);
    for (int i = 0; i < 4; i++) {
      y.putScalar(i, i, 1.0);
    }
    tape.forward(input(3, 4, 8), y);
    assertTrue(tape.backward().get("skip.conv.W").norm2Number().doubleValue() > 0);
  }

  @Test
  void widenKernelPadsWithZeros() {
    Network net = residualNet();
    assertExact(net, new WidenKernel("wide.0.conv", 5));
    assertEquals((25 - 9) * 4 * 6, grown(net, new WidenKernel("wide.0.conv", 5)));
    assertExact(net, new WidenKernel("dw.0.conv_grouped", 5).andThen(new WidenKernel("dw.0.conv_grouped", 7)));
    assertEquals((49 - 9) * 6, grown(net, new WidenKernel("dw.0.conv_grouped", 7)));
    assertExact(net, new WidenKernel("down.0.conv", 5));
    assertExact(net, new WidenKernel("head.0.conv", 3, 5));
    NetworkBuilder b = new NetworkBuilder("dilated", new TensorShape(3, 8, 8));
    Network dilated = b.build(b.chain("c", b.input(), Conv2d.square(4, 3, 1, 2, 2, 1), new BatchNorm(true),
        new Relu(), new GlobalAvgPool(), new Linear(10, true)));
    assertExact(dilated, new WidenKernel("c.0.conv", 5));
  }

  @Test
  void morphismsCompose() {
    Network net = residualNet();
    Morphism all = new Widen("wide.0.conv", 9, 1).andThen(new WidenKernel("dw.0.conv_grouped", 5))
        .andThen(new Deepen("dw.2.relu", "deeper", 3, true)).andThen(new Widen("wide.0.conv", 12, 2))
        .andThen(new Widen("down.0.conv", 10, 3)).andThen(new AddSkip("stem.2.relu", "down.0.conv", "skip"));
    assertExact(net, all);
  }

  @Test
  void weightNamesAreTheStoreNames() {
    for (Network net : new Network[] {residualNet(), flatNet()}) {
      Map<String, INDArray> store = new HashMap<>();
      ParameterStore.initialise(net, store, 1, DataType.DOUBLE);
      assertEquals(store.keySet(), Weights.names(net));
    }
  }

  @Test
  void morphismsThatDoNotApplySayWhy() {
    Network net = residualNet();
    Map<String, INDArray> w = randomWeights(net, 1);
    assertMessage(net, w, new Widen("project.0.conv", 6, 1), "cannot widen node project.0.conv: its output reaches"
        + " node residual (add), and it reads 2 inputs");
    assertMessage(net, w, new Widen("project.0.conv", 6, 1), "widen accepts a conv (groups 1) or linear node");
    assertMessage(net, w, new Widen("head.4.linear", 12, 1), "head.4.linear: it is the network's output");
    assertMessage(net, w, new Widen("dw.0.conv_grouped", 12, 1), "a depthwise conv is widened along with the conv");
    assertMessage(net, w, new Widen("wide.0.conv", 6, 1), "from 6 to 6 channels: give more than 6");
    assertMessage(net, w, new Widen("nope", 8, 1), "network residual has no node named 'nope'");
    assertMessage(net, w, new Deepen("wide.1.bn", "deeper", 3, true), "cannot deepen after node wide.1.bn (bn)");
    assertMessage(net, w, new Deepen("wide.2.relu", "wide", 3, true), "cannot insert node wide.0.conv: network residual already has a node of that name");
    assertMessage(net, w, new AddSkip("down.2.relu", "stem.2.relu", "skip"), "the source must come before the target");
    assertMessage(net, w, new WidenKernel("wide.0.conv", 4), "from 3x3 to 4x4: each side must grow by an even number");
    assertMessage(net, w, new WidenKernel("wide.1.bn", 5), "widen kernel accepts conv nodes");
    Map<String, INDArray> missing = new HashMap<>(w);
    missing.remove("wide.1.bn.running_var");
    assertMessage(net, missing, new Widen("wide.0.conv", 8, 1), "lack wide.1.bn.running_var");
    Map<String, INDArray> misshapen = new HashMap<>(w);
    misshapen.put("wide.0.conv.W", Nd4j.zeros(DataType.DOUBLE, 3, 3, 4, 5));
    assertMessage(net, misshapen, new Widen("wide.0.conv", 8, 1), "wide.0.conv.W has shape [3, 3, 4, 5] but node");
    var bad = assertThrows(IllegalArgumentException.class, () -> new Widen("wide.0.conv", 8, -0.1, 1));
    assertTrue(bad.getMessage().contains("finite noise >= 0"), bad.getMessage());
  }

  private static void assertMessage(Network net, Map<String, INDArray> w, Morphism m, String expected) {
    var e = assertThrows(IllegalArgumentException.class, () -> m.apply(net, w));
    assertTrue(e.getMessage().contains(expected), "message: " + e.getMessage());
  }
}
