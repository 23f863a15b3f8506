package dev.nas.spaces.enas;

import dev.nas.spaces.network.Add;
import dev.nas.spaces.network.BatchNorm;
import dev.nas.spaces.network.Concat;
import dev.nas.spaces.network.Conv2d;
import dev.nas.spaces.network.Crop;
import dev.nas.spaces.network.GlobalAvgPool;
import dev.nas.spaces.network.Linear;
import dev.nas.spaces.network.Network;
import dev.nas.spaces.network.NetworkBuilder;
import dev.nas.spaces.network.Pool;
import dev.nas.spaces.network.Relu;
import dev.nas.spaces.network.TensorShape;
import java.util.ArrayList;
import java.util.List;

/**
 * The ENAS macro child network (the reference code's {@code GeneralChild} with whole-channel
 * search): stem conv 3x3 + BN; each layer applies its branch to the previous layer (1x1 conv,
 * BN, ReLU, then the k x k conv or separable conv with BN and ReLU, or the 3x3 pooling), adds the
 * outputs of the earlier layers its skip bits select and batch-normalises the sum; at the two
 * reduction points every stored output goes through a factorized reduction to twice the filters.
 * Head: global average pooling and a linear layer without bias.
 */
final class EnasNetwork {

  private EnasNetwork() {}

  static Network build(EnasSpace.Layers arc, EnasMacro m) {
    NetworkBuilder b = new NetworkBuilder("enas-macro", new TensorShape(3, m.inputSize(), m.inputSize()));
    int filters = m.filters();
    List<Integer> outputs = new ArrayList<>();
    int x = b.chain("stem", b.input(), Conv2d.of(filters, 3, 1), new BatchNorm(true));
    outputs.add(x);
    for (int l = 0; l < m.layers(); l++) {
      String p = "layer" + l;
      EnasOp op = arc.op(l);
      int in = outputs.get(outputs.size() - 1);
      int y = b.chain(p + ".inp", in, Conv2d.of(filters, 1, 1), new BatchNorm(true), new Relu());
      if (op.isPool()) {
        y = b.add(p + "." + op.label(), op == EnasOp.AVG_POOL_3X3 ? Pool.avg(3, 1, 1) : Pool.max(3, 1, 1), y);
      } else if (op.separable()) {
        y = b.chain(p + "." + op.label(), y, Conv2d.square(filters, op.kernel(), 1, op.kernel() / 2, 1, filters),
            Conv2d.of(filters, 1, 1), new BatchNorm(true), new Relu());
      } else {
        y = b.chain(p + "." + op.label(), y, Conv2d.of(filters, op.kernel(), 1), new BatchNorm(true), new Relu());
      }
      if (l > 0) {
        List<Integer> terms = new ArrayList<>();
        for (int j = 0; j < l; j++) {
          if (arc.skip(l, j)) {
            // Stored outputs are indexed with the stem first, so layer j's output is j + 1.
            terms.add(outputs.get(j + 1));
          }
        }
        terms.add(y);
        y = b.add(p + ".sum", new Add(), terms.stream().mapToInt(Integer::intValue).toArray());
        y = b.add(p + ".bn", new BatchNorm(true), y);
      }
      outputs.add(y);
      if (m.reducesAfter(l)) {
        filters *= 2;
        List<Integer> reduced = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
          reduced.add(factorizedReduction(b, p + ".reduce.from" + i, outputs.get(i), filters));
        }
        outputs = reduced;
      }
    }
    int logits = b.chain("head", outputs.get(outputs.size() - 1), new GlobalAvgPool(), new Linear(m.classes(), false));
    return b.build(logits);
  }

  /** Two stride-2 1x1 convs, one on the input shifted by a pixel, concatenated, then BN. */
  private static int factorizedReduction(NetworkBuilder b, String name, int x, int filters) {
    int left = b.add(name + ".path1", Conv2d.square(filters / 2, 1, 2, 0, 1, 1), x);
    int shifted = b.add(name + ".shift", new Crop(1, 1), x);
    int right = b.add(name + ".path2", Conv2d.square(filters / 2, 1, 2, 0, 1, 1), shifted);
    return b.add(name + ".bn", new BatchNorm(true), b.add(name + ".concat", new Concat(), left, right));
  }
}
