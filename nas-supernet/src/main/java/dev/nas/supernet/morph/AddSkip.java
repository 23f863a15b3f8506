package dev.nas.supernet.morph;

import dev.nas.spaces.network.Add;
import dev.nas.spaces.network.Conv2d;
import dev.nas.spaces.network.Network;
import dev.nas.spaces.network.Node;
import dev.nas.spaces.network.TensorShape;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adds a skip connection from node {@code from} to the output of a later node {@code to}: a new
 * branch {@code name.conv} reads {@code from}, an add {@code name.add} sums {@code to} and the
 * branch, and {@code to}'s readers read the sum. The branch is a 1x1 conv with all-zero weights, so
 * it adds 0 and the function is unchanged in training and evaluation mode alike, while its weights
 * still get gradients (they multiply a non-zero input), so training can grow the connection.
 *
 * <p>The branch is a depthwise 1x1 conv (a learnt per-channel scale, like ReZero's) when the
 * shapes are equal, and a full 1x1 conv when the channels differ; a spatially larger {@code from}
 * is subsampled by the conv's stride when some stride maps its size onto {@code to}'s.
 */
public record AddSkip(String from, String to, String name) implements Morphism {

  public AddSkip {
    if (from == null || to == null || name == null) {
      throw new IllegalArgumentException("add skip from " + from + " to " + to + " as " + name + ": give three names");
    }
  }

  /** The new branch's node name. */
  public String conv() {
    return name + ".conv";
  }

  /** The new add's node name: what {@code to}'s readers read now. */
  public String add() {
    return name + ".add";
  }

  @Override
  public Morphed apply(Network net, Map<String, INDArray> weights) {
    Node source = NetworkEdit.node(net, from);
    Node target = NetworkEdit.node(net, to);
    if (source.id() >= target.id()) {
      throw new IllegalArgumentException("cannot add a skip from node " + from + " to node " + to + ": the source"
          + " must come before the target in the network's (topological) order");
    }
    TensorShape in = source.shape();
    TensorShape out = target.shape();
    int stride = stride(in, out);
    boolean sameShape = in.equals(out);
    Conv2d conv = sameShape ? Conv2d.square(out.channels(), 1, 1, 0, 1, out.channels())
        : Conv2d.square(out.channels(), 1, stride, 0, 1, 1);
    Network skipped = new NetworkEdit(net).insert(to, conv(), conv, from).insert(to, add(), new Add(), to, conv())
        .redirect(to, add()).build();
    return Weights.detached(() -> {
      Map<String, INDArray> w = Weights.of(net, weights);
      DataType type = Weights.dataType(w);
      w.put(conv() + Weights.W, Nd4j.zeros(type, sameShape ? new long[] {1, 1, out.channels(), 1}
          : new long[] {1, 1, in.channels(), out.channels()}));
      return new Morphed(skipped, w);
    });
  }

  /** The stride of a 1x1 conv that maps {@code in}'s spatial size onto {@code out}'s. */
  private int stride(TensorShape in, TensorShape out) {
    for (int s = 1; s <= Math.max(in.height(), in.width()); s++) {
      if ((in.height() - 1) / s + 1 == out.height() && (in.width() - 1) / s + 1 == out.width()) {
        return s;
      }
    }
    throw new IllegalArgumentException("cannot add a skip from node " + from + " (" + in + ") to node " + to + " ("
        + out + "): no stride of a 1x1 conv maps " + in.height() + "x" + in.width() + " onto " + out.height() + "x"
        + out.width() + "; accepted: a source of the target's spatial size or larger by a stride");
  }
}
