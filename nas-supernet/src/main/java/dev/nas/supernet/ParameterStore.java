package dev.nas.supernet;

import com.google.common.hash.Hashing;
import dev.nas.spaces.network.BatchNorm;
import dev.nas.spaces.network.Conv2d;
import dev.nas.spaces.network.Linear;
import dev.nas.spaces.network.Mixed;
import dev.nas.spaces.network.Network;
import dev.nas.spaces.network.Node;
import dev.nas.supernet.dl4j.DilationMask;
import dev.nas.supernet.train.Adam;
import dev.nas.supernet.train.SgdMomentum;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The shared weight store's names, layouts and initial values, in one place for every execution
 * path. Per node: {@code <node>.W} (conv {@code [kH, kW, iC, oC]}, depthwise {@code [kH, kW, C, 1]},
 * a dilated conv as its covered window with zeros off the grid; linear {@code [in, out]}),
 * {@code <node>.b}, {@code <node>.gamma}, {@code <node>.beta}, and the batch-norm running
 * statistics {@code <node>.running_mean} / {@code <node>.running_var} (state, not parameters);
 * architecture weights under the names their {@code Mixed} nodes give ({@code alpha.*}).
 * Arrays already in the store are kept: that is what makes children share weights.
 */
public final class ParameterStore {

  public static final String RUNNING_MEAN = ".running_mean";
  public static final String RUNNING_VAR = ".running_var";
  /** Store names of architecture weights start with this (as the spaces name their {@code Mixed} matrices). */
  public static final String ARCHITECTURE_PREFIX = "alpha.";

  private ParameterStore() {}

  /**
   * Creates every missing array of {@code net} in {@code store}: He-normal convs, zero biases,
   * unit BN. Each array's random values depend only on {@code seed} and its name, so a shared
   * weight starts the same whichever child first needs it.
   */
  public static void initialise(Network net, Map<String, INDArray> store, long seed, DataType dataType) {
    checkShapes(net, store);
    try (var scope = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      for (Node n : net.nodes()) {
        if (n.op() instanceof Conv2d c) {
          int in = net.inputShapes(n).get(0).channels();
          long[] shape = convShape(c, in);
          double std = Math.sqrt(2.0 / ((long) c.kernelH() * c.kernelW() * (in / c.groups())));
          store.computeIfAbsent(n.name() + ".W", k -> Nd4j.randn(seedOf(seed, k), shape).muli(std).castTo(dataType)
              .muli(dilationMask(c.dilation(), shape, dataType)));
          if (c.bias()) {
            store.computeIfAbsent(n.name() + ".b", k -> Nd4j.zeros(dataType, c.outChannels()));
          }
        } else if (n.op() instanceof BatchNorm b) {
          int channels = n.shape().channels();
          if (b.affine()) {
            store.computeIfAbsent(n.name() + ".gamma", k -> Nd4j.ones(dataType, channels));
            store.computeIfAbsent(n.name() + ".beta", k -> Nd4j.zeros(dataType, channels));
          }
          store.computeIfAbsent(n.name() + RUNNING_MEAN, k -> Nd4j.zeros(dataType, channels));
          store.computeIfAbsent(n.name() + RUNNING_VAR, k -> Nd4j.ones(dataType, channels));
        } else if (n.op() instanceof Mixed m) {
          // DARTS initialises its architecture weights to 1e-3 * N(0, 1).
          long[] shape = {m.rows(), n.inputs().size()};
          store.computeIfAbsent(m.alpha(), k -> Nd4j.randn(seedOf(seed, k), shape).muli(1e-3).castTo(dataType));
        } else if (n.op() instanceof Linear l) {
          long features = net.inputShapes(n).get(0).elements();
          store.computeIfAbsent(n.name() + ".W", k -> Nd4j.randn(seedOf(seed, k), new long[] {features, l.outFeatures()})
              .muli(Math.sqrt(1.0 / features)).castTo(dataType));
          if (l.bias()) {
            store.computeIfAbsent(n.name() + ".b", k -> Nd4j.zeros(dataType, l.outFeatures()));
          }
        }
      }
    }
  }

  /**
   * Fails if a store entry of {@code net} exists with another shape: two different ops given one
   * name by a space would otherwise share (and misuse) one array.
   */
  private static void checkShapes(Network net, Map<String, INDArray> store) {
    for (Node n : net.nodes()) {
      long[] expected = null;
      if (n.op() instanceof Conv2d c) {
        expected = convShape(c, net.inputShapes(n).get(0).channels());
      } else if (n.op() instanceof Linear l) {
        expected = new long[] {net.inputShapes(n).get(0).elements(), l.outFeatures()};
      }
      INDArray existing = expected == null ? null : store.get(n.name() + ".W");
      if (existing != null && !java.util.Arrays.equals(existing.shape(), expected)) {
        throw new IllegalStateException("weight " + n.name() + ".W is in the store with shape "
            + java.util.Arrays.toString(existing.shape()) + " but " + net.name() + " needs "
            + java.util.Arrays.toString(expected) + ": the space gives two different ops the same node name");
      }
    }
  }

  private static long seedOf(long seed, String name) {
    return Hashing.murmur3_128().newHasher().putLong(seed).putString(name, StandardCharsets.UTF_8).hash().asLong();
  }

  /** Whether a store entry holds architecture weights (a relaxation's alphas) rather than network weights. */
  public static boolean isArchitecture(String name) {
    return name.startsWith(ARCHITECTURE_PREFIX);
  }

  /**
   * Whether a store entry is state rather than a trainable parameter: BN running statistics and
   * optimizer state (SGD momentum buffers, Adam moments and step counts).
   */
  public static boolean isState(String name) {
    return name.endsWith(RUNNING_MEAN) || name.endsWith(RUNNING_VAR) || name.endsWith(SgdMomentum.MOMENTUM_SUFFIX)
        || Adam.isState(name);
  }

  /** The stored weight shape of a conv with {@code inChannels} inputs. */
  public static long[] convShape(Conv2d c, int inChannels) {
    int kh = DilationMask.effectiveKernel(c.kernelH(), c.dilation());
    int kw = DilationMask.effectiveKernel(c.kernelW(), c.dilation());
    return c.groups() > 1 ? new long[] {kh, kw, inChannels, 1} : new long[] {kh, kw, inChannels, c.outChannels()};
  }

  /**
   * Ones on the dilation grid of a {@code [kH, kW, ...]} kernel, zeros elsewhere (all ones without
   * dilation). Shared and cached: callers must not modify it.
   */
  public static INDArray dilationMask(int d, long[] shape, DataType dataType) {
    return MASKS.computeIfAbsent(d + " " + dataType + " " + Arrays.toString(shape), k -> {
      try (var scope = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
        INDArray mask = Nd4j.ones(dataType, shape);
        if (d > 1) {
          for (long i = 0; i < shape[0]; i++) {
            for (long j = 0; j < shape[1]; j++) {
              if (i % d != 0 || j % d != 0) {
                mask.get(NDArrayIndex.point(i), NDArrayIndex.point(j)).assign(0);
              }
            }
          }
        }
        return mask;
      }
    });
  }

  private static final Map<String, INDArray> MASKS = new ConcurrentHashMap<>();
}
