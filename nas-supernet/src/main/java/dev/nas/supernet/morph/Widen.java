package dev.nas.supernet.morph;

import dev.nas.spaces.network.BatchNorm;
import dev.nas.spaces.network.Conv2d;
import dev.nas.spaces.network.Crop;
import dev.nas.spaces.network.DropPath;
import dev.nas.spaces.network.GlobalAvgPool;
import dev.nas.spaces.network.Identity;
import dev.nas.spaces.network.Linear;
import dev.nas.spaces.network.Network;
import dev.nas.spaces.network.Node;
import dev.nas.spaces.network.Pool;
import dev.nas.spaces.network.Relu;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Net2WiderNet: gives conv (groups 1) or linear node {@code node} {@code outChannels} output
 * channels. Each new unit copies an existing unit drawn at random (seeded: the same seed gives the
 * same copies) with its bias; downstream, through batch norm (affine parameters and running
 * statistics copied along), ReLU, pooling, identity, crop and depthwise convs (channels copied
 * along), the consuming convs and linear layers divide their incoming weights of a unit and its
 * copies by the number of copies, so their sum, hence the function, is unchanged.
 *
 * <p>Copies of one unit receive equal gradients and would stay equal when trained; {@code noise}
 * &gt; 0 breaks that symmetry by adding to each copy's incoming weights Gaussian noise of standard
 * deviation {@code noise} times that of the node's weights (then the function changes slightly).
 * {@code noise == 0} is the exact mode.
 */
public record Widen(String node, int outChannels, double noise, long seed) implements Morphism {

  private static final String ACCEPTED = "widen accepts a conv (groups 1) or linear node whose consumers are, through"
      + " batch norm, ReLU, pooling, identity, crop and depthwise convs, convs with groups 1 or linear layers";

  public Widen {
    if (node == null || outChannels < 1 || !(noise >= 0) || Double.isInfinite(noise)) {
      throw new IllegalArgumentException("widen " + node + " to " + outChannels + " with noise " + noise
          + ": give a node name, a channel count >= 1 and a finite noise >= 0 (0 = exact)");
    }
  }

  /** Exact widening (no noise). */
  public Widen(String node, int outChannels, long seed) {
    this(node, outChannels, 0, seed);
  }

  @Override
  public Morphed apply(Network net, Map<String, INDArray> weights) {
    Node target = NetworkEdit.node(net, node);
    int old;
    if (target.op() instanceof Conv2d c && c.groups() == 1) {
      old = c.outChannels();
    } else if (target.op() instanceof Linear l) {
      old = l.outFeatures();
    } else {
      throw new IllegalArgumentException("cannot widen node " + node + " (" + target.op().kind() + "): " + ACCEPTED
          + "; a depthwise conv is widened along with the conv before it");
    }
    if (outChannels <= old) {
      throw new IllegalArgumentException("cannot widen node " + node + " from " + old + " to " + outChannels
          + " channels: give more than " + old);
    }
    if (NetworkEdit.isOutput(net, target)) {
      throw new IllegalArgumentException("cannot widen node " + node + ": it is the network's output, whose shape"
          + " a morphism keeps; " + ACCEPTED);
    }
    return Weights.detached(() -> widen(net, target, old, Weights.of(net, weights)));
  }

  private Morphed widen(Network net, Node target, int old, Map<String, INDArray> w) {
    SplittableRandom rng = new SplittableRandom(seed);
    int[] source = new int[outChannels];
    int[] copies = new int[old];
    for (int j = 0; j < outChannels; j++) {
      source[j] = j < old ? j : rng.nextInt(old);
      copies[source[j]]++;
    }
    NetworkEdit edit = new NetworkEdit(net);
    String name = target.name();
    // Conv weights are [kH, kW, iC, oC], linear [in, out]: output units on the last axis either way.
    int axis = w.get(name + Weights.W).rank() - 1;
    INDArray weight = Weights.gather(w.get(name + Weights.W), axis, source);
    if (noise > 0) {
      double std = w.get(name + Weights.W).stdNumber().doubleValue();
      for (int j = old; j < outChannels; j++) {
        INDArray unit = Weights.slice(weight, axis, j);
        unit.addi(Nd4j.randn(rng.nextLong(), unit.shape()).castTo(unit.dataType()).muli(noise * std));
      }
    }
    w.put(name + Weights.W, weight);
    gather(w, name + Weights.B, source);
    edit.replace(name, target.op() instanceof Conv2d c
        ? new Conv2d(outChannels, c.kernelH(), c.kernelW(), c.strideH(), c.strideW(), c.padH(), c.padW(),
            c.dilation(), 1, c.bias())
        : new Linear(outChannels, ((Linear) target.op()).bias()));

    Deque<Node> frontier = new ArrayDeque<>(NetworkEdit.consumers(net, target));
    Set<Integer> seen = new HashSet<>();
    while (!frontier.isEmpty()) {
      Node c = frontier.poll();
      if (!seen.add(c.id())) {
        continue;
      }
      if (c.inputs().size() != 1) {
        throw refuse(c, "it reads " + c.inputs().size() + " inputs, and the others keep their channels");
      }
      if (c.op() instanceof Conv2d conv && conv.groups() == 1) {
        INDArray in = Weights.gather(w.get(c.name() + Weights.W), 2, source);
        for (int j = 0; j < outChannels; j++) {
          Weights.slice(in, 2, j).divi(copies[source[j]]);
        }
        w.put(c.name() + Weights.W, in);
        continue;
      }
      if (c.op() instanceof Linear) {
        // The linear layer reads the flattened C x H x W input: channel c owns rows c*H*W .. (c+1)*H*W - 1.
        INDArray in = w.get(c.name() + Weights.W);
        long positions = in.size(0) / old;
        INDArray byChannel = Weights.gather(in.dup('c').reshape('c', old, positions, in.size(1)), 0, source);
        for (int j = 0; j < outChannels; j++) {
          Weights.slice(byChannel, 0, j).divi(copies[source[j]]);
        }
        w.put(c.name() + Weights.W, byChannel.reshape('c', outChannels * positions, in.size(1)));
        continue;
      }
      if (c.op() instanceof Conv2d conv && conv.groups() == conv.outChannels() && conv.groups() == old) {
        gather(w, c.name() + Weights.W, source, 2);
        gather(w, c.name() + Weights.B, source);
        edit.replace(c.name(), new Conv2d(outChannels, conv.kernelH(), conv.kernelW(), conv.strideH(),
            conv.strideW(), conv.padH(), conv.padW(), conv.dilation(), outChannels, conv.bias()));
      } else if (c.op() instanceof BatchNorm) {
        for (String s : Weights.suffixes(net, c)) {
          gather(w, c.name() + s, source);
        }
      } else if (!(c.op() instanceof Relu || c.op() instanceof Identity || c.op() instanceof DropPath
          || c.op() instanceof Pool || c.op() instanceof GlobalAvgPool || c.op() instanceof Crop)) {
        throw refuse(c, "it is neither channel-wise nor a conv (groups 1) or linear layer");
      }
      if (NetworkEdit.isOutput(net, c)) {
        throw refuse(c, "it is the network's output, whose shape a morphism keeps");
      }
      frontier.addAll(NetworkEdit.consumers(net, c));
    }
    return new Morphed(edit.build(), w);
  }

  private static void gather(Map<String, INDArray> w, String key, int[] source) {
    gather(w, key, source, 0);
  }

  private static void gather(Map<String, INDArray> w, String key, int[] source, int axis) {
    if (w.containsKey(key)) {
      w.put(key, Weights.gather(w.get(key), axis, source));
    }
  }

  private IllegalArgumentException refuse(Node c, String why) {
    return new IllegalArgumentException("cannot widen node " + node + ": its output reaches node " + c.name() + " ("
        + c.op().kind() + "), and " + why + "; " + ACCEPTED);
  }
}
