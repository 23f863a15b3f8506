package dev.nas.spaces.nb201;

import dev.nas.spaces.network.Add;
import dev.nas.spaces.network.BatchNorm;
import dev.nas.spaces.network.Conv2d;
import dev.nas.spaces.network.GlobalAvgPool;
import dev.nas.spaces.network.Identity;
import dev.nas.spaces.network.Linear;
import dev.nas.spaces.network.Mixed;
import dev.nas.spaces.network.Network;
import dev.nas.spaces.network.NetworkBuilder;
import dev.nas.spaces.network.Pool;
import dev.nas.spaces.network.Relu;
import dev.nas.spaces.network.TensorShape;
import dev.nas.spaces.network.Zero;

/**
 * The NAS-Bench-201 network of a cell (the benchmark's "infer.tiny" network): stem conv 3x3 +
 * BN; three stages of N cells at C, 2C, 4C channels, with a ResNet basic block (stride 2) between
 * stages; BN, ReLU, global average pooling and a linear classifier. Every edge of every cell is
 * built, {@code none} edges included (as zeros), as in the benchmark.
 */
final class Nb201Network {

  private Nb201Network() {}

  static Network build(int[] genes, Nb201Macro macro, String name) {
    NetworkBuilder b = new NetworkBuilder(name, new TensorShape(3, macro.inputSize(), macro.inputSize()));
    int x = b.chain("stem", b.input(), Conv2d.of(macro.channels(), 3, 1), new BatchNorm(true));
    int channels = macro.channels();
    for (int stage = 0; stage < 3; stage++) {
      if (stage > 0) {
        channels *= 2;
        x = reductionBlock(b, "stage" + stage + ".reduce", x, channels);
      }
      for (int c = 0; c < macro.cells(); c++) {
        x = cell(b, "stage" + stage + ".cell" + c, x, genes, channels);
      }
    }
    x = b.chain("head", x, new BatchNorm(true), new Relu(), new GlobalAvgPool(), new Linear(macro.classes(), true));
    return b.build(x);
  }

  /** Store name of the relaxation's architecture weights: one row per edge, one column per op. */
  static final String ALPHA = "alpha.cell";

  /**
   * The one-shot network of the benchmark's DARTS experiments: every edge of every cell holds all
   * five ops, weighted by a softmax over its row of {@value #ALPHA} (edges in genome order, one
   * matrix shared by all cells). Candidates are named as in {@link #build}, so children share
   * their weights; as in the benchmark's search cells, their BN is not affine.
   */
  static Network relaxed(Nb201Macro macro, String name) {
    NetworkBuilder b = new NetworkBuilder(name + "-relaxed", new TensorShape(3, macro.inputSize(), macro.inputSize()));
    int x = b.chain("stem", b.input(), Conv2d.of(macro.channels(), 3, 1), new BatchNorm(true));
    int channels = macro.channels();
    Nb201Op[] ops = Nb201Op.values();
    for (int stage = 0; stage < 3; stage++) {
      if (stage > 0) {
        channels *= 2;
        x = reductionBlock(b, "stage" + stage + ".reduce", x, channels);
      }
      for (int c = 0; c < macro.cells(); c++) {
        String prefix = "stage" + stage + ".cell" + c;
        int[] node = new int[Nb201Space.NODES];
        node[0] = x;
        int edge = 0;
        for (int to = 1; to < Nb201Space.NODES; to++) {
          int[] terms = new int[to];
          for (int from = 0; from < to; from++) {
            String edgeName = prefix + ".edge_" + to + "_" + from;
            int[] candidates = new int[ops.length];
            for (int k = 0; k < ops.length; k++) {
              candidates[k] = edgeOp(b, edgeName + "." + ops[k].label(), node[from], ops[k], channels, false);
            }
            terms[from] = b.add(edgeName, new Mixed(ALPHA, edge++, Nb201Space.EDGES,
                Nb201Op.SKIP_CONNECT.ordinal()), candidates);
          }
          node[to] = b.add(prefix + ".node" + to, new Add(), terms);
        }
        x = node[Nb201Space.NODES - 1];
      }
    }
    x = b.chain("head", x, new BatchNorm(true), new Relu(), new GlobalAvgPool(), new Linear(macro.classes(), true));
    return b.build(x);
  }

  private static int cell(NetworkBuilder b, String prefix, int input, int[] genes, int channels) {
    int[] node = new int[Nb201Space.NODES];
    node[0] = input;
    int edge = 0;
    for (int to = 1; to < Nb201Space.NODES; to++) {
      int[] terms = new int[to];
      for (int from = 0; from < to; from++) {
        // Named by edge and op, so cells that choose the same op on an edge share its weights.
        Nb201Op op = Nb201Op.values()[genes[edge++]];
        terms[from] = edgeOp(b, prefix + ".edge_" + to + "_" + from + "." + op.label(), node[from], op, channels, true);
      }
      node[to] = b.add(prefix + ".node" + to, new Add(), terms);
    }
    return node[Nb201Space.NODES - 1];
  }

  private static int edgeOp(NetworkBuilder b, String name, int input, Nb201Op op, int channels, boolean affine) {
    return switch (op) {
      case NONE -> b.add(name, new Zero(1), input);
      case SKIP_CONNECT -> b.add(name, new Identity(), input);
      case NOR_CONV_1X1 -> reluConvBn(b, name, input, channels, 1, 1, affine);
      case NOR_CONV_3X3 -> reluConvBn(b, name, input, channels, 3, 1, affine);
      case AVG_POOL_3X3 -> b.add(name, Pool.avg(3, 1, 1), input);
    };
  }

  private static int reluConvBn(NetworkBuilder b, String name, int input, int out, int kernel, int stride,
      boolean affine) {
    return b.chain(name, input, new Relu(), Conv2d.of(out, kernel, stride), new BatchNorm(affine));
  }

  /** ResNet basic block: ReLU-conv3x3(s2)-BN, ReLU-conv3x3-BN, plus avg-pool(2) + conv1x1 shortcut. */
  private static int reductionBlock(NetworkBuilder b, String prefix, int input, int out) {
    int a = reluConvBn(b, prefix + ".conv_a", input, out, 3, 2, true);
    int c = reluConvBn(b, prefix + ".conv_b", a, out, 3, 1, true);
    int shortcut = b.chain(prefix + ".shortcut", input, Pool.avg(2, 2, 0), Conv2d.of(out, 1, 1));
    return b.add(prefix + ".sum", new Add(), c, shortcut);
  }
}
