package dev.nas.spaces.darts;

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
import dev.nas.spaces.network.Pool;
import dev.nas.spaces.network.Relu;
import dev.nas.spaces.network.TensorShape;
import dev.nas.spaces.network.Zero;
import java.util.ArrayList;
import java.util.List;

/**
 * The DARTS evaluation network of a genotype ({@code NetworkCIFAR} of the reference code) as a
 * network description. BN is affine everywhere, as in evaluation. Drop-path nodes sit after every
 * op that is not an identity; their probability is a training setting.
 */
final class DartsNetwork {

  private DartsNetwork() {}

  static Network build(DartsGenotype g, DartsMacro m, String name) {
    NetworkBuilder b = new NetworkBuilder(name, new TensorShape(3, m.inputSize(), m.inputSize()));
    int stem = b.chain("stem", b.input(), Conv2d.of(3 * m.channels(), 3, 1), new BatchNorm(true));
    int s0 = stem;
    int s1 = stem;
    int channels = m.channels();
    boolean reductionPrev = false;
    Integer auxOut = null;
    for (int i = 0; i < m.layers(); i++) {
      boolean reduction = i == m.layers() / 3 || i == 2 * m.layers() / 3;
      if (reduction) {
        channels *= 2;
      }
      int out = cell(b, "cell" + i, g, s0, s1, channels, reduction, reductionPrev);
      s0 = s1;
      s1 = out;
      reductionPrev = reduction;
      if (i == 2 * m.layers() / 3 && m.auxiliary()) {
        b.auxiliary(true);
        auxOut = b.chain("auxiliary", s1, new Relu(), new Pool(Pool.Type.AVG, 5, 3, 0, false),
            Conv2d.of(128, 1, 1), new BatchNorm(true), new Relu(),
            Conv2d.square(768, 2, 1, 0, 1, 1), new BatchNorm(true), new Relu(), new Linear(m.classes(), true));
        b.auxiliary(false);
      }
    }
    int logits = b.chain("head", s1, new GlobalAvgPool(), new Linear(m.classes(), true));
    return auxOut == null ? b.build(logits) : b.build(logits, auxOut);
  }

  /**
   * The DARTS search network ({@code model_search.Network} of the reference code) over every op of
   * {@code ops}: on each edge (node, input) a {@link Mixed} node weights the candidates by row
   * {@code edge} of {@value #ALPHA_NORMAL} or {@value #ALPHA_REDUCE}, edges numbered node by node,
   * input by input. Candidates are named as in {@link #build}, so children share their weights.
   * As in the reference, BN inside cells is not affine (the stem's is), pooling candidates get a
   * BN of their own, and there is no auxiliary head and no drop-path.
   */
  static Network relaxed(DartsMacro m, List<DartsOp> ops, int nodes, String name) {
    NetworkBuilder b = new NetworkBuilder(name + "-relaxed", new TensorShape(3, m.inputSize(), m.inputSize()));
    int stem = b.chain("stem", b.input(), Conv2d.of(3 * m.channels(), 3, 1), new BatchNorm(true));
    int s0 = stem;
    int s1 = stem;
    int channels = m.channels();
    boolean reductionPrev = false;
    int edges = edgeCount(nodes);
    for (int i = 0; i < m.layers(); i++) {
      boolean reduction = i == m.layers() / 3 || i == 2 * m.layers() / 3;
      if (reduction) {
        channels *= 2;
      }
      String prefix = "cell" + i;
      int p0 = reductionPrev ? factorizedReduce(b, prefix + ".preprocess0", s0, channels, false)
          : reluConvBn(b, prefix + ".preprocess0", s0, channels, false);
      int p1 = reluConvBn(b, prefix + ".preprocess1", s1, channels, false);
      List<Integer> states = new ArrayList<>(List.of(p0, p1));
      String alpha = reduction ? ALPHA_REDUCE : ALPHA_NORMAL;
      int edge = 0;
      for (int node = 0; node < nodes; node++) {
        int[] terms = new int[states.size()];
        for (int j = 0; j < states.size(); j++) {
          int stride = reduction && j < 2 ? 2 : 1;
          int[] candidates = new int[ops.size()];
          for (int k = 0; k < ops.size(); k++) {
            DartsOp op = ops.get(k);
            String opName = prefix + ".node" + node + ".in" + j + "." + op.label();
            candidates[k] = op(b, opName, states.get(j), op, channels, stride, false);
            if (op == DartsOp.MAX_POOL_3X3 || op == DartsOp.AVG_POOL_3X3) {
              candidates[k] = b.add(opName + ".bn", new BatchNorm(false), candidates[k]);
            }
          }
          terms[j] = b.add(prefix + ".node" + node + ".in" + j,
              new Mixed(alpha, edge++, edges, ops.indexOf(DartsOp.SKIP_CONNECT)), candidates);
        }
        states.add(b.add(prefix + ".node" + node, new Add(), terms));
      }
      s0 = s1;
      s1 = b.add(prefix + ".concat", new Concat(), states.subList(2, states.size()).stream().mapToInt(x -> x).toArray());
      reductionPrev = reduction;
    }
    int logits = b.chain("head", s1, new GlobalAvgPool(), new Linear(m.classes(), true));
    return b.build(logits);
  }

  static final String ALPHA_NORMAL = "alpha.normal";
  static final String ALPHA_REDUCE = "alpha.reduce";

  /** Edges of a cell with {@code nodes} nodes: node i has i + 2 inputs. */
  static int edgeCount(int nodes) {
    return nodes * (nodes + 3) / 2;
  }

  private static int cell(NetworkBuilder b, String prefix, DartsGenotype g, int s0, int s1, int c,
      boolean reduction, boolean reductionPrev) {
    int p0 = reductionPrev
        ? factorizedReduce(b, prefix + ".preprocess0", s0, c, true)
        : reluConvBn(b, prefix + ".preprocess0", s0, c, true);
    int p1 = reluConvBn(b, prefix + ".preprocess1", s1, c, true);
    List<DartsGenotype.Edge> edges = reduction ? g.reduce() : g.normal();
    List<Integer> concat = reduction ? g.reduceConcat() : g.normalConcat();
    List<Integer> states = new ArrayList<>(List.of(p0, p1));
    for (int node = 0; node < edges.size() / 2; node++) {
      int[] terms = new int[2];
      for (int k = 0; k < 2; k++) {
        DartsGenotype.Edge e = edges.get(2 * node + k);
        int stride = reduction && e.input() < 2 ? 2 : 1;
        // Named by (node, input, op), not by edge position, so that two children choosing the same
        // op on the same input share its weights in a supernet store; a node taking the same op
        // twice from one input gets a second, distinct weight set.
        String name = prefix + ".node" + node + ".in" + e.input() + "." + e.op().label()
            + (k == 1 && edges.get(2 * node).equals(e) ? "#2" : "");
        terms[k] = op(b, name, states.get(e.input()), e.op(), c, stride, true);
        if (!(e.op() == DartsOp.SKIP_CONNECT && stride == 1)) {
          terms[k] = b.add(name + ".drop_path", new DropPath(), terms[k]);
        }
      }
      states.add(b.add(prefix + ".node" + node, new Add(), terms));
    }
    return b.add(prefix + ".concat", new Concat(), concat.stream().mapToInt(states::get).toArray());
  }

  /** One op of the reference code's {@code OPS}, with C channels in and out. */
  private static int op(NetworkBuilder b, String name, int x, DartsOp op, int c, int stride, boolean affine) {
    return switch (op) {
      case NONE -> b.add(name, new Zero(stride), x);
      case MAX_POOL_3X3 -> b.add(name, Pool.max(3, stride, 1), x);
      case AVG_POOL_3X3 -> b.add(name, Pool.avg(3, stride, 1), x);
      case SKIP_CONNECT -> stride == 1 ? b.add(name, new Identity(), x) : factorizedReduce(b, name, x, c, affine);
      case SEP_CONV_3X3 -> sepConv(b, name, x, c, 3, stride, affine);
      case SEP_CONV_5X5 -> sepConv(b, name, x, c, 5, stride, affine);
      case SEP_CONV_7X7 -> sepConv(b, name, x, c, 7, stride, affine);
      case DIL_CONV_3X3 -> dilConv(b, name, x, c, 3, stride, affine);
      case DIL_CONV_5X5 -> dilConv(b, name, x, c, 5, stride, affine);
      case CONV_7X1_1X7 -> b.chain(name, x, new Relu(),
          new Conv2d(c, 1, 7, 1, stride, 0, 3, 1, 1, false),
          new Conv2d(c, 7, 1, stride, 1, 3, 0, 1, 1, false), new BatchNorm(affine));
    };
  }

  private static int reluConvBn(NetworkBuilder b, String name, int x, int c, boolean affine) {
    return b.chain(name, x, new Relu(), Conv2d.of(c, 1, 1), new BatchNorm(affine));
  }

  /** Separable conv, applied twice: (ReLU, depthwise k, pointwise 1x1, BN) x 2, stride on the first. */
  private static int sepConv(NetworkBuilder b, String name, int x, int c, int k, int stride, boolean affine) {
    int pad = (k - 1) / 2;
    return b.chain(name, x,
        new Relu(), Conv2d.square(c, k, stride, pad, 1, c), Conv2d.of(c, 1, 1), new BatchNorm(affine),
        new Relu(), Conv2d.square(c, k, 1, pad, 1, c), Conv2d.of(c, 1, 1), new BatchNorm(affine));
  }

  /** Dilated separable conv: ReLU, depthwise k with dilation 2, pointwise 1x1, BN. */
  private static int dilConv(NetworkBuilder b, String name, int x, int c, int k, int stride, boolean affine) {
    return b.chain(name, x, new Relu(), Conv2d.square(c, k, stride, k - 1, 2, c), Conv2d.of(c, 1, 1),
        new BatchNorm(affine));
  }

  /** ReLU, then two stride-2 1x1 convs (one on the input shifted by one pixel) concatenated, BN. */
  private static int factorizedReduce(NetworkBuilder b, String name, int x, int c, boolean affine) {
    int relu = b.add(name + ".relu", new Relu(), x);
    int left = b.add(name + ".conv_1", Conv2d.square(c / 2, 1, 2, 0, 1, 1), relu);
    int shifted = b.add(name + ".shift", new Crop(1, 1), relu);
    int right = b.add(name + ".conv_2", Conv2d.square(c / 2, 1, 2, 0, 1, 1), shifted);
    int cat = b.add(name + ".concat", new Concat(), left, right);
    return b.add(name + ".bn", new BatchNorm(affine), cat);
  }
}
