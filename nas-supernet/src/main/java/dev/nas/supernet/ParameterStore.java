package dev.nas.supernet;

import com.google.common.hash.Hashing;
import dev.nas.spaces.network.Network;
import dev.nas.supernet.ops.BatchNormForm;
import dev.nas.supernet.ops.OpForms;
import dev.nas.supernet.ops.StoreArray;
import dev.nas.supernet.train.Adam;
import dev.nas.supernet.train.SgdMomentum;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The shared weight store: every array a network needs, as its ops' forms declare them
 * ({@link OpForms#arrays}), created when missing. Per node: {@code <node>.W} (conv {@code [kH, kW, iC, oC]}, depthwise {@code [kH, kW, C, 1]},
 * a dilated conv as its covered window with zeros off the grid; linear {@code [in, out]}),
 * {@code <node>.b}, {@code <node>.gamma}, {@code <node>.beta}, and the batch-norm running
 * statistics {@code <node>.running_mean} / {@code <node>.running_var} (state, not parameters);
 * architecture weights under the names their {@code Mixed} nodes give ({@code alpha.*}).
 * Arrays already in the store are kept: that is what makes children share weights.
 */
public final class ParameterStore {

  public static final String RUNNING_MEAN = BatchNormForm.RUNNING_MEAN;
  public static final String RUNNING_VAR = BatchNormForm.RUNNING_VAR;
  /** Store names of architecture weights start with this (as the spaces name their {@code Mixed} matrices). */
  public static final String ARCHITECTURE_PREFIX = "alpha.";

  private ParameterStore() {}

  /**
   * Creates every missing array of {@code net} in {@code store}: He-normal convs, zero biases,
   * unit BN. Each array's random values depend only on {@code seed} and its name, so a shared
   * weight starts the same whichever child first needs it.
   */
  public static void initialise(Network net, Map<String, INDArray> store, long seed, DataType dataType) {
    var arrays = OpForms.arrays(net);
    checkShapes(net, arrays, store);
    try (var scope = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      for (StoreArray a : arrays) {
        store.computeIfAbsent(a.name(), k -> a.init().create(seedOf(seed, k), a.shape(), dataType));
      }
    }
  }

  /**
   * Fails if a weight of {@code net} is in the store with another shape: two different ops given
   * one name by a space would otherwise share (and misuse) one array.
   */
  private static void checkShapes(Network net, Iterable<StoreArray> arrays, Map<String, INDArray> store) {
    for (StoreArray a : arrays) {
      INDArray existing = a.role() == StoreArray.Role.PARAMETER && a.name().endsWith(".W") ? store.get(a.name()) : null;
      if (existing != null && !Arrays.equals(existing.shape(), a.shape())) {
        throw new IllegalStateException("weight " + a.name() + " is in the store with shape "
            + Arrays.toString(existing.shape()) + " but " + net.name() + " needs "
            + Arrays.toString(a.shape()) + ": the space gives two different ops the same node name");
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
}
