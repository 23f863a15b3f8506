package dev.nas.spaces.chain;

import dev.nas.spaces.network.Add;
import dev.nas.spaces.network.BatchNorm;
import dev.nas.spaces.network.Conv2d;
import dev.nas.spaces.network.GlobalAvgPool;
import dev.nas.spaces.network.Linear;
import dev.nas.spaces.network.Network;
import dev.nas.spaces.network.NetworkBuilder;
import dev.nas.spaces.network.Relu;
import dev.nas.spaces.network.TensorShape;

/**
 * The chain network: stem conv 3x3 + BN + ReLU; per stage, {@code depth} inverted residual
 * blocks (1x1 expansion + BN + ReLU unless the ratio is 1, depthwise k x k + BN + ReLU with the
 * stage's stride on the first block, 1x1 projection + BN, and an identity shortcut when stride 1
 * and channels match); head 1x1 conv + BN + ReLU, global pooling, linear classifier.
 * ReLU stands where MobileNetV2 has ReLU6 (the IR has no clipped activation).
 */
final class ChainNetwork {

  private ChainNetwork() {}

  static Network build(int[][] stageChoices, ChainMacro m) {
    NetworkBuilder b = new NetworkBuilder("chain", new TensorShape(3, m.inputSize(), m.inputSize()));
    int x = b.chain("stem", b.input(), Conv2d.of(m.stem(), 3, 1), new BatchNorm(true), new Relu());
    for (int s = 0; s < m.stages().size(); s++) {
      ChainStage stage = m.stages().get(s);
      int kernel = m.kernels().get(stageChoices[s][0]);
      int expansion = m.expansions().get(stageChoices[s][1]);
      int depth = m.depths().get(stageChoices[s][2]);
      for (int d = 0; d < depth; d++) {
        // Named by position and choice: in a supernet store, children that chose the same kernel
        // and expansion for a block share its weights, and other choices (other shapes) do not collide.
        x = invertedResidual(b, "stage" + s + ".block" + d + ".k" + kernel + "e" + expansion, x, stage.channels(),
            kernel, expansion, d == 0 ? stage.stride() : 1);
      }
    }
    x = b.chain("head", x, Conv2d.of(m.head(), 1, 1), new BatchNorm(true), new Relu(), new GlobalAvgPool(),
        new Linear(m.classes(), true));
    return b.build(x);
  }

  private static int invertedResidual(NetworkBuilder b, String name, int x, int out, int kernel, int expansion,
      int stride) {
    int in = b.shape(x).channels();
    int hidden = in * expansion;
    int y = x;
    if (expansion != 1) {
      y = b.chain(name + ".expand", y, Conv2d.of(hidden, 1, 1), new BatchNorm(true), new Relu());
    }
    y = b.chain(name + ".depthwise", y, Conv2d.square(hidden, kernel, stride, kernel / 2, 1, hidden),
        new BatchNorm(true), new Relu());
    y = b.chain(name + ".project", y, Conv2d.of(out, 1, 1), new BatchNorm(true));
    return stride == 1 && in == out ? b.add(name + ".residual", new Add(), x, y) : y;
  }
}
