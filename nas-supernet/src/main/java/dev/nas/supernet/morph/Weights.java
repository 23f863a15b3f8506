package dev.nas.supernet.morph;

import dev.nas.spaces.network.Mixed;
import dev.nas.spaces.network.Network;
import dev.nas.spaces.network.Node;
import dev.nas.supernet.ParameterStore;
import dev.nas.supernet.ops.OpForms;
import dev.nas.supernet.ops.StoreArray;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A network's weight arrays as the store names and lays them out ({@link OpForms#arrays}), and the
 * array surgery the morphisms share: picking channels along an axis, zero-padding a kernel.
 */
final class Weights {

  static final String W = ".W";
  static final String B = ".b";
  static final String GAMMA = ".gamma";
  static final String BETA = ".beta";
  static final String MEAN = ParameterStore.RUNNING_MEAN;
  static final String VAR = ParameterStore.RUNNING_VAR;

  private Weights() {}

  /** A node's arrays in the store, as its op's form declares them ({@link OpForms#arrays}). */
  static List<StoreArray> arrays(Network net, Node n) {
    if (n.op() instanceof Mixed) {
      // A relaxation's edge is a weighted sum of every candidate: it has no single child function to preserve.
      throw new IllegalArgumentException("node " + n.name() + " is a mixed op of a relaxed supernet; morphisms apply"
          + " to a child network (conv, linear, batch norm, ReLU, add, pooling, identity nodes)");
    }
    return OpForms.arrays(net, n);
  }

  /** The store-name suffixes of a node's arrays ({@code .W}, {@code .running_mean}, ...). */
  static List<String> suffixes(Network net, Node n) {
    return arrays(net, n).stream().map(a -> a.name().substring(n.name().length())).toList();
  }

  /** Every store name of {@code net}'s arrays, in node order. */
  static Set<String> names(Network net) {
    Set<String> names = new LinkedHashSet<>();
    for (Node n : net.nodes()) {
      arrays(net, n).forEach(a -> names.add(a.name()));
    }
    return names;
  }

  /**
   * Copies of {@code net}'s arrays taken from {@code store} (which may hold more, e.g. a shared
   * store); fails naming the first array that is missing or has another shape.
   */
  static Map<String, INDArray> of(Network net, Map<String, INDArray> store) {
    Map<String, INDArray> out = new LinkedHashMap<>();
    for (Node n : net.nodes()) {
      for (StoreArray spec : arrays(net, n)) {
        String name = spec.name();
        INDArray a = store.get(name);
        long[] expected = spec.shape();
        if (a == null) {
          throw new IllegalArgumentException("weights of " + net.name() + " lack " + name + " (shape "
              + Arrays.toString(expected) + "); pass every array of the parent network, named as ParameterStore names them");
        }
        if (!Arrays.equals(a.shape(), expected)) {
          throw new IllegalArgumentException("weight " + name + " has shape " + Arrays.toString(a.shape())
              + " but node " + n.name() + " (" + n.op() + ") needs " + Arrays.toString(expected));
        }
        out.put(name, detached(a::dup));
      }
    }
    return out;
  }

  /** The data type of the given arrays (FLOAT when there are none). */
  static DataType dataType(Map<String, INDArray> weights) {
    return weights.values().stream().findFirst().map(INDArray::dataType).orElse(DataType.FLOAT);
  }

  /**
   * Runs {@code f} outside any workspace: the arrays made here go into a weight store and must
   * outlive a training step's workspace.
   */
  static <T> T detached(Supplier<T> f) {
    try (var scope = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      return f.get();
    }
  }

  /** A new array whose slice {@code j} along {@code axis} is a copy of {@code a}'s slice {@code index[j]}. */
  static INDArray gather(INDArray a, int axis, int[] index) {
    long[] shape = a.shape().clone();
    shape[axis] = index.length;
    INDArray out = Nd4j.create(a.dataType(), shape);
    for (int j = 0; j < index.length; j++) {
      slice(out, axis, j).assign(slice(a, axis, index[j]));
    }
    return out;
  }

  /** A view of slice {@code i} along {@code axis}, rank kept. */
  static INDArray slice(INDArray a, int axis, long i) {
    INDArrayIndex[] at = new INDArrayIndex[a.rank()];
    Arrays.fill(at, NDArrayIndex.all());
    at[axis] = NDArrayIndex.interval(i, i + 1);
    return a.get(at);
  }

  /** {@code a} (a {@code [kH, kW, ...]} kernel) centred in zeros of {@code kH2 x kW2}. */
  static INDArray padKernel(INDArray a, long kh2, long kw2) {
    long[] shape = a.shape().clone();
    long top = (kh2 - shape[0]) / 2;
    long left = (kw2 - shape[1]) / 2;
    shape[0] = kh2;
    shape[1] = kw2;
    INDArray out = Nd4j.zeros(a.dataType(), shape);
    INDArrayIndex[] at = new INDArrayIndex[a.rank()];
    Arrays.fill(at, NDArrayIndex.all());
    at[0] = NDArrayIndex.interval(top, top + a.size(0));
    at[1] = NDArrayIndex.interval(left, left + a.size(1));
    out.get(at).assign(a);
    return out;
  }
}
