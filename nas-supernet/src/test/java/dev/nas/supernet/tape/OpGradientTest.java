package dev.nas.supernet.tape;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.spaces.network.Add;
import dev.nas.spaces.network.BatchNorm;
import dev.nas.spaces.network.Concat;
import dev.nas.spaces.network.Conv2d;
import dev.nas.spaces.network.Crop;
import dev.nas.spaces.network.DropPath;
import dev.nas.spaces.network.GlobalAvgPool;
import dev.nas.spaces.network.Identity;
import dev.nas.spaces.network.Linear;
import dev.nas.spaces.network.Mixed;
import dev.nas.spaces.network.Network;
import dev.nas.spaces.network.NetworkBuilder;
import dev.nas.spaces.network.Op;
import dev.nas.spaces.network.Pool;
import dev.nas.spaces.network.Relu;
import dev.nas.spaces.network.TensorShape;
import dev.nas.spaces.network.Zero;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every op of the network description, alone between two convs: {@code input -> conv -> OP ->
 * conv -> global pool -> linear}. Checking the first conv's weights against finite differences
 * checks the op's input gradient; the op's own weights are checked directly.
 */
class OpGradientTest {

  static Stream<Arguments> singleInputOps() {
    return Stream.of(
        Arguments.of("conv 3x3", Conv2d.of(5, 3, 1)),
        Arguments.of("conv 3x3 stride 2", Conv2d.of(5, 3, 2)),
        Arguments.of("conv 1x7", new Conv2d(4, 1, 7, 1, 1, 0, 3, 1, 1, false)),
        Arguments.of("conv 7x1 stride 2", new Conv2d(4, 7, 1, 2, 2, 3, 0, 1, 1, false)),
        Arguments.of("conv with bias", new Conv2d(4, 3, 3, 1, 1, 1, 1, 1, 1, true)),
        Arguments.of("depthwise 3x3", Conv2d.square(4, 3, 1, 1, 1, 4)),
        Arguments.of("depthwise 5x5 dilation 2", Conv2d.square(4, 5, 1, 4, 2, 4)),
        Arguments.of("conv 3x3 dilation 2", Conv2d.square(4, 3, 1, 2, 2, 1)),
        Arguments.of("bn affine", new BatchNorm(true)),
        Arguments.of("bn not affine", new BatchNorm(false)),
        Arguments.of("relu", new Relu()),
        Arguments.of("max pool 3 stride 1", Pool.max(3, 1, 1)),
        Arguments.of("max pool 3 stride 2", Pool.max(3, 2, 1)),
        Arguments.of("avg pool 3 stride 1 (exclude pad)", Pool.avg(3, 1, 1)),
        Arguments.of("avg pool 2 stride 2", Pool.avg(2, 2, 0)),
        Arguments.of("identity", new Identity()),
        Arguments.of("drop-path (evaluation: identity)", new DropPath()),
        Arguments.of("zero stride 2", new Zero(2)),
        Arguments.of("crop", new Crop(1, 1)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("singleInputOps")
  void singleInputOpGradients(String label, Op op) {
    NetworkBuilder b = new NetworkBuilder("op-" + label, new TensorShape(3, 7, 7));
    int x = b.add("conv_in", Conv2d.of(4, 3, 1), b.input());
    x = b.add("op", op, x);
    x = b.add("conv_out", Conv2d.of(3, 1, 1), x);
    int logits = b.chain("head", x, new GlobalAvgPool(), new Linear(5, true));
    assertGradients(b.build(logits), label, op instanceof Zero ? 0 : 1);
  }

  @Test
  void addGradients() {
    assertGradients(twoBranches(new Add(), "alpha"), "add", 1);
  }

  @Test
  void concatGradients() {
    assertGradients(twoBranches(new Concat(), "alpha"), "concat", 1);
  }

  @Test
  void mixedGradientsWithRespectToInputsAndArchitectureWeights() {
    checkMixed(0.0);
  }

  @Test
  void mixedGradientsWithTheAuxiliarySkipOfDartsMinus() {
    checkMixed(0.7);
  }

  private static void checkMixed(double auxiliarySkip) {
    NetworkBuilder b = new NetworkBuilder("mixed", new TensorShape(3, 6, 6));
    int x = b.add("conv_in", Conv2d.of(4, 3, 1), b.input());
    int conv = b.add("cand.conv", Conv2d.of(4, 3, 1), x);
    int pool = b.add("cand.pool", Pool.max(3, 1, 1), x);
    int skip = b.add("cand.skip", new Identity(), x);
    int none = b.add("cand.none", new Zero(1), x);
    int m0 = b.add("edge0", new Mixed("alpha.test", 0, 2, 2), conv, pool, skip, none);
    int m1 = b.add("edge1", new Mixed("alpha.test", 1, 2, 0), m0, pool, conv, none);
    int logits = b.chain("head", m1, new GlobalAvgPool(), new Linear(5, true));
    Network net = b.build(logits);
    Map<String, INDArray> store = new HashMap<>();
    TapeNetwork tape = new TapeNetwork(net, store, 5, DataType.DOUBLE).auxiliarySkip(auxiliarySkip);
    // Away from the uniform start, so every softmax weight differs.
    store.get("alpha.test").assign(Nd4j.randn(DataType.DOUBLE, 2, 4));
    INDArray input = Nd4j.rand(DataType.DOUBLE, 4, 3, 6, 6).subi(0.5);
    INDArray y = FiniteDifferences.oneHot(4, 5);
    int alphas = FiniteDifferences.check(tape, store, input, y, 8, k -> k.startsWith("alpha."), "mixed");
    assertTrue(alphas == 8, "checked " + alphas + " architecture weights");
    int weights = FiniteDifferences.check(tape, store, input, y, 8, k -> !k.startsWith("alpha."), "mixed");
    assertTrue(weights >= 8 * 3, "checked " + weights + " weights");
  }

  private static Network twoBranches(Op join, String unused) {
    NetworkBuilder b = new NetworkBuilder("join", new TensorShape(3, 6, 6));
    int left = b.add("conv_a", Conv2d.of(4, 3, 1), b.input());
    int right = b.chain("branch", b.input(), Conv2d.of(4, 1, 1), new Relu());
    int joined = b.add("join", join, left, right);
    int out = b.add("conv_out", Conv2d.of(3, 1, 1), joined);
    return b.build(b.chain("head", out, new GlobalAvgPool(), new Linear(5, true)));
  }

  private static void assertGradients(Network net, String label, int minimumFirstConvNonZero) {
    Map<String, INDArray> store = new HashMap<>();
    TapeNetwork tape = new TapeNetwork(net, store, 7, DataType.DOUBLE);
    INDArray input = Nd4j.rand(DataType.DOUBLE, 4, 3, net.inputShape().height(), net.inputShape().width()).subi(0.5);
    INDArray y = FiniteDifferences.oneHot(4, 5);
    int checked = FiniteDifferences.check(tape, store, input, y, 6, k -> true, label);
    assertTrue(checked >= 6 * 3, label + ": checked " + checked);
    if (minimumFirstConvNonZero > 0) {
      // The op must pass a gradient back: the first conv's gradient is not all zero.
      tape.forward(input, y);
      String first = store.containsKey("conv_in.W") ? "conv_in.W" : "conv_a.W";
      assertTrue(tape.backward().get(first).norm2Number().doubleValue() > 1e-8, label + ": no gradient reaches " + first);
    }
  }
}
