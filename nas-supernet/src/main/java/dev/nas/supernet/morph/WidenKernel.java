package dev.nas.supernet.morph;

import dev.nas.spaces.network.Conv2d;
import dev.nas.spaces.network.Network;
import dev.nas.spaces.network.Node;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Widens conv node {@code node}'s kernel to {@code kernelH x kernelW} (e.g. 3x3 to 5x5): the old
 * kernel sits centred in zeros, and the padding grows by {@code dilation * (new - old) / 2} on each
 * side, so every output position sees the same taps with the same weights (the new outer taps
 * weigh 0) and the output shape is kept. Works for plain, grouped, depthwise and dilated convs.
 */
public record WidenKernel(String node, int kernelH, int kernelW) implements Morphism {

  public WidenKernel {
    if (node == null || kernelH < 1 || kernelW < 1) {
      throw new IllegalArgumentException("widen kernel of " + node + " to " + kernelH + "x" + kernelW
          + ": give a node name and kernel sizes >= 1");
    }
  }

  /** A square kernel. */
  public WidenKernel(String node, int kernel) {
    this(node, kernel, kernel);
  }

  @Override
  public Morphed apply(Network net, Map<String, INDArray> weights) {
    Node target = NetworkEdit.node(net, node);
    if (!(target.op() instanceof Conv2d c)) {
      throw new IllegalArgumentException("cannot widen the kernel of node " + node + " (" + target.op().kind()
          + "): widen kernel accepts conv nodes");
    }
    int growH = kernelH - c.kernelH();
    int growW = kernelW - c.kernelW();
    if (growH < 0 || growW < 0 || growH + growW == 0 || growH % 2 != 0 || growW % 2 != 0) {
      throw new IllegalArgumentException("cannot widen the kernel of node " + node + " from " + c.kernelH() + "x"
          + c.kernelW() + " to " + kernelH + "x" + kernelW + ": each side must grow by an even number (0, 2, 4, ...),"
          + " at least one side by 2 or more, so the old kernel sits centred, e.g. 3x3 to 5x5");
    }
    Conv2d wider = new Conv2d(c.outChannels(), kernelH, kernelW, c.strideH(), c.strideW(),
        c.padH() + c.dilation() * growH / 2, c.padW() + c.dilation() * growW / 2, c.dilation(), c.groups(), c.bias());
    Network widened = new NetworkEdit(net).replace(node, wider).build();
    return Weights.detached(() -> {
      Map<String, INDArray> w = Weights.of(net, weights);
      INDArray old = w.get(node + Weights.W);
      // A dilated kernel is stored as its whole covered window: it grows by dilation * growth.
      w.put(node + Weights.W, Weights.padKernel(old, old.size(0) + (long) c.dilation() * growH,
          old.size(1) + (long) c.dilation() * growW));
      return new Morphed(widened, w);
    });
  }
}
