package dev.nas.supernet.morph;

import dev.nas.spaces.network.BatchNorm;
import dev.nas.spaces.network.Conv2d;
import dev.nas.spaces.network.Network;
import dev.nas.spaces.network.Node;
import dev.nas.spaces.network.Relu;
import dev.nas.supernet.ops.BatchNormForm;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Net2DeeperNet: inserts after ReLU node {@code after} a {@code kernel x kernel} conv (stride 1,
 * same padding, as many channels as it reads) and, with {@code batchNorm}, a batch norm, then a
 * ReLU, named {@code name.0.conv}, {@code name.1.bn}, {@code name.2.relu} (as
 * {@link dev.nas.spaces.network.NetworkBuilder#chain} names them); the ReLU's readers read the new
 * ReLU instead. Each part is the identity on what it receives:
 * <ul>
 *   <li>the conv's kernel is 1 at the centre tap from channel c to channel c and 0 elsewhere;</li>
 *   <li>the batch norm has running mean 0, running variance {@code 1 - eps} and gamma 1, beta 0,
 *       so in evaluation mode it computes {@code (x - 0) / sqrt(1 - eps + eps) * 1 + 0 = x};</li>
 *   <li>the new ReLU reads a copy of a ReLU's output, which is non-negative, and passes it on.</li>
 * </ul>
 * Without {@code batchNorm} (the BN "folded" into the conv) the conv gets a zero bias instead.
 *
 * <p>In training mode a batch norm normalises by the batch's own statistics, so the inserted one
 * is the identity only at evaluation; the first training steps then move away from the parent's
 * function. The folded form has no such gap.
 */
public record Deepen(String after, String name, int kernel, boolean batchNorm) implements Morphism {

  public Deepen {
    if (after == null || name == null || kernel < 1 || kernel % 2 == 0) {
      throw new IllegalArgumentException("deepen after " + after + " as " + name + " with kernel " + kernel
          + ": give node names and an odd kernel >= 1");
    }
  }

  /** The inserted conv's node name. */
  public String conv() {
    return name + ".0.conv";
  }

  /** The inserted batch norm's node name (meaningful with {@code batchNorm}). */
  public String bn() {
    return name + ".1.bn";
  }

  /** The inserted ReLU's node name: the new output of the deepened stretch. */
  public String relu() {
    return name + (batchNorm ? ".2.relu" : ".1.relu");
  }

  @Override
  public Morphed apply(Network net, Map<String, INDArray> weights) {
    Node at = NetworkEdit.node(net, after);
    if (!(at.op() instanceof Relu)) {
      throw new IllegalArgumentException("cannot deepen after node " + after + " (" + at.op().kind() + "): deepen"
          + " inserts after a relu node, whose non-negative output the new ReLU passes on unchanged");
    }
    int channels = at.shape().channels();
    Conv2d conv = new Conv2d(channels, kernel, kernel, 1, 1, kernel / 2, kernel / 2, 1, 1, !batchNorm);
    NetworkEdit edit = new NetworkEdit(net).insert(after, conv(), conv, after);
    if (batchNorm) {
      edit.insert(after, bn(), new BatchNorm(true), conv()).insert(after, relu(), new Relu(), bn());
    } else {
      edit.insert(after, relu(), new Relu(), conv());
    }
    Network deeper = edit.redirect(after, relu()).build();
    return Weights.detached(() -> {
      Map<String, INDArray> w = Weights.of(net, weights);
      DataType type = Weights.dataType(w);
      INDArray kernelWeights = Nd4j.zeros(type, kernel, kernel, channels, channels);
      for (int c = 0; c < channels; c++) {
        kernelWeights.putScalar(new long[] {kernel / 2, kernel / 2, c, c}, 1.0);
      }
      w.put(conv() + Weights.W, kernelWeights);
      if (batchNorm) {
        w.put(bn() + Weights.GAMMA, Nd4j.ones(type, channels));
        w.put(bn() + Weights.BETA, Nd4j.zeros(type, channels));
        w.put(bn() + Weights.MEAN, Nd4j.zeros(type, channels));
        w.put(bn() + Weights.VAR, Nd4j.valueArrayOf(new long[] {channels}, 1 - BatchNormForm.EPS, type));
      } else {
        w.put(conv() + Weights.B, Nd4j.zeros(type, channels));
      }
      return new Morphed(deeper, w);
    });
  }
}
