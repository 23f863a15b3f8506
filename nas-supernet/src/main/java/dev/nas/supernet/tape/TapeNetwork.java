package dev.nas.supernet.tape;

import dev.nas.spaces.network.Add;
import dev.nas.spaces.network.BatchNorm;
import dev.nas.spaces.network.Concat;
import dev.nas.spaces.network.Conv2d;
import dev.nas.spaces.network.Crop;
import dev.nas.spaces.network.DropPath;
import dev.nas.spaces.network.GlobalAvgPool;
import dev.nas.spaces.network.Identity;
import dev.nas.spaces.network.Input;
import dev.nas.spaces.network.Linear;
import dev.nas.spaces.network.Mixed;
import dev.nas.spaces.network.Network;
import dev.nas.spaces.network.Node;
import dev.nas.spaces.network.Op;
import dev.nas.spaces.network.Pool;
import dev.nas.spaces.network.Relu;
import dev.nas.spaces.network.Zero;
import dev.nas.supernet.Backend;
import dev.nas.supernet.ParameterStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.reduce3.Dot;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A network description executed op by op on native arrays, with a hand-written backward per op.
 * Parameters are the arrays of a shared store (names and layouts as in
 * {@link dev.nas.supernet.samediff.SameDiffGraphBuilder}); {@link #forward} records what
 * {@link #backward} needs. Batch norm uses batch statistics (the search-phase convention).
 */
public final class TapeNetwork {

  /** Batch norm's epsilon, {@code (x - mean) / sqrt(var + eps)}: morphisms that make a BN an identity need it. */
  public static final double BN_EPS = 1e-5;
  /** Running-statistics update weight per training step (PyTorch's BN momentum). */
  static final double BN_MOMENTUM = 0.1;
  /** Store-name suffixes of batch-norm running statistics: state, not trainable parameters. */
  public static final String RUNNING_MEAN = ParameterStore.RUNNING_MEAN;
  public static final String RUNNING_VAR = ParameterStore.RUNNING_VAR;

  private final Network net;
  private final Map<String, INDArray> store;
  private final Map<String, INDArray> masks = new HashMap<>();
  private final DataType dataType;
  private INDArray[] values;
  private final Map<Integer, INDArray[]> bnCache = new HashMap<>();
  private final Map<Integer, INDArray> mixedWeights = new HashMap<>();
  private final Map<String, INDArray> constants = new HashMap<>();
  /** During backward: whether a node's gradient array is its own (see {@link #accumulate}). */
  private boolean[] owned;
  private INDArray probabilities;
  /** Nanoseconds per op kind and direction, when profiling is on (for benchmarks). */
  private final Map<String, Long> profile = new java.util.TreeMap<>();
  private boolean profiling;
  private INDArray labels;

  public TapeNetwork(Network net, Map<String, INDArray> store, long seed, DataType dataType) {
    Backend.init();
    this.net = net;
    this.store = store;
    this.dataType = dataType;
    this.silentZeros = silentZeros();
    initParameters(seed);
  }

  private final boolean[] silentZeros;
  private long batchSize;
  private double auxiliarySkip;

  /**
   * The weight of the auxiliary skip term that DARTS- adds to every mixed edge, {@code beta * x}
   * through the edge's skip candidate, on top of the softmax-weighted sum; 0 (default) for none.
   * It does not enter the architecture gradient.
   */
  public TapeNetwork auxiliarySkip(double beta) {
    this.auxiliarySkip = beta;
    return this;
  }

  private double dropPath;
  private java.util.SplittableRandom dropPathRandom;
  private final Map<Integer, INDArray> dropPathMasks = new HashMap<>();

  /**
   * Drop-path (DARTS/NASNet evaluation recipe): in training-mode forwards, each {@code DropPath}
   * node zeroes an example's whole input with probability {@code rate} and scales the kept ones by
   * {@code 1 / (1 - rate)}; masks are drawn from {@code random}, so a seeded run repeats. 0 (default)
   * turns it off; evaluation never drops.
   */
  public TapeNetwork dropPath(double rate, java.util.SplittableRandom random) {
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("drop-path rate must be in [0, 1), got " + rate);
    }
    this.dropPath = rate;
    this.dropPathRandom = random;
    return this;
  }

  private double auxiliaryWeight;
  private INDArray auxiliaryProbabilities;

  /**
   * Weight of the auxiliary head's cross-entropy in the training loss (DARTS: 0.4), for networks
   * that have one; 0 (default): the head is not trained. The reported logits stay the main output's.
   */
  public TapeNetwork auxiliaryWeight(double weight) {
    if (!(weight >= 0)) {
      throw new IllegalArgumentException("auxiliary weight must be >= 0, got " + weight);
    }
    this.auxiliaryWeight = weight;
    return this;
  }

  private boolean dropsPaths() {
    return training && dropPath > 0;
  }

  private boolean trainsAuxiliary() {
    return training && auxiliaryWeight > 0 && net.auxiliaryOutput() != null;
  }

  /**
   * Zero ops whose every consumer is a mixed op: those skip them, so their output is never made
   * (in the DARTS relaxation, one activation-sized array of zeros per edge otherwise).
   */
  private boolean[] silentZeros() {
    boolean[] silent = new boolean[net.nodes().size()];
    for (Node n : net.nodes()) {
      silent[n.id()] = n.op() instanceof Zero;
    }
    for (Node n : net.nodes()) {
      if (!(n.op() instanceof Mixed)) {
        n.inputs().forEach(i -> silent[i] = false);
      }
    }
    silent[net.output()] = false;
    return silent;
  }

  private void initParameters(long seed) {
    ParameterStore.initialise(net, store, seed, dataType);
    for (Node n : net.nodes()) {
      if (n.op() instanceof Conv2d c && c.dilation() > 1) {
        long[] shape = ParameterStore.convShape(c, net.inputShapes(n).get(0).channels());
        masks.put(n.name() + ".W", ParameterStore.dilationMask(c.dilation(), shape, dataType));
      }
    }
  }

  private boolean training = true;

  /** The network description this tape runs. */
  public Network network() {
    return net;
  }
  private boolean trackRunningStatistics = true;

  /**
   * With {@code true} (default), training steps update the BN running statistics and evaluation
   * uses them; with {@code false}, BN always normalises with the batch's own statistics and keeps
   * none (PyTorch's {@code track_running_stats=False}, as in the NB201 and ENAS supernets, where a
   * child's running statistics would mix those of every child that shared the layer).
   */
  public TapeNetwork trackRunningStatistics(boolean on) {
    this.trackRunningStatistics = on;
    return this;
  }

  /** Batches seen so far by {@link #recalibrateBatchNorm}, 0 outside it. */
  private int recalibrated;

  /**
   * Re-estimates this network's BN running statistics from scratch as the plain mean over
   * {@code batches} of each batch's statistics (SPOS's "BN recalibration" of a child of a
   * weight-shared supernet, whose shared running statistics mix those of every child that trained
   * the layer). Weights are untouched; running statistics of layers outside this network too.
   * Each batch's forward runs in a workspace from {@code scope}.
   */
  public void recalibrateBatchNorm(List<INDArray> batches,
      java.util.function.Supplier<? extends org.nd4j.linalg.api.memory.MemoryWorkspace> scope) {
    boolean wasTraining = training;
    boolean wasTracking = trackRunningStatistics;
    training = true;
    trackRunningStatistics = true;
    try {
      for (INDArray x : batches) {
        recalibrated++;
        try (var ws = scope.get()) {
          forward(x, null);
        }
      }
    } finally {
      recalibrated = 0;
      training = wasTraining;
      trackRunningStatistics = wasTracking;
    }
  }

  /** Training mode: batch statistics (and running-average updates). Evaluation: running statistics. */
  public TapeNetwork training(boolean on) {
    this.training = on;
    return this;
  }

  /** Runs the network on {@code x}; with {@code y} (one-hot) returns the mean cross-entropy, else NaN. */
  public double forward(INDArray x, INDArray y) {
    values = new INDArray[net.nodes().size()];
    batchSize = x.size(0);
    bnCache.clear();
    dropPathMasks.clear();
    mixedWeights.clear();
    for (Node n : net.nodes()) {
      long t0 = profiling ? System.nanoTime() : 0;
      values[n.id()] = forward(n);
      if (profiling) {
        profile.merge("fwd " + n.op().kind(), System.nanoTime() - t0, Long::sum);
      }
      if (n.op() instanceof Input) {
        values[n.id()] = x;
      }
    }
    INDArray logits = values[net.output()].reshape(x.size(0), net.outputShape().channels());
    probabilities = Transforms.softmax(logits, true);
    labels = y;
    auxiliaryProbabilities = null;
    if (y == null) {
      return Double.NaN;
    }
    double loss = crossEntropy(probabilities, y);
    if (trainsAuxiliary()) {
      INDArray aux = values[net.auxiliaryOutput()];
      auxiliaryProbabilities = Transforms.softmax(aux.reshape(x.size(0), aux.length() / x.size(0)), true);
      loss += auxiliaryWeight * crossEntropy(auxiliaryProbabilities, y);
    }
    return loss;
  }

  private static double crossEntropy(INDArray probabilities, INDArray y) {
    return -Transforms.log(probabilities.add(1e-30), false).muli(y).sumNumber().doubleValue() / y.size(0);
  }

  /** Turns per-op-kind timing on or off (off by default). */
  public void profile(boolean on) {
    profiling = on;
  }

  /** Clears the accumulated op timings. */
  public void resetProfile() {
    profile.clear();
  }

  /** Accumulated nanoseconds per op kind and direction since profiling was turned on (or reset). */
  public Map<String, Long> profile() {
    return java.util.Collections.unmodifiableMap(profile);
  }

  public INDArray logits() {
    return values[net.output()];
  }

  /** Node {@code id}'s output in the last forward (e.g. the auxiliary head's logits). */
  public INDArray value(int id) {
    return values[id];
  }

  private INDArray in(Node n, int i) {
    return values[n.inputs().get(i)];
  }

  private INDArray weight(String name) {
    INDArray w = store.get(name);
    INDArray mask = masks.get(name);
    return mask == null ? w : w.mul(mask);
  }

  private INDArray forward(Node n) {
    var op = n.op();
    if (op instanceof Input) {
      return null;
    }
    if (op instanceof DropPath && dropsPaths()) {
      INDArray mask = dropPathMask();
      dropPathMasks.put(n.id(), mask);
      INDArray x = in(n, 0);
      return Nd4j.getExecutioner().exec(new BroadcastMulOp(x, mask, x.ulike(), 0));
    }
    if (op instanceof Identity || op instanceof DropPath) {
      return in(n, 0);
    }
    if (op instanceof Conv2d c) {
      INDArray x = in(n, 0);
      INDArray out = NativeOps.conv2d(x, weight(n.name() + ".W"), c.strideH(), c.strideW(), c.padH(), c.padW(),
          c.groups() > 1, new long[] {x.size(0), n.shape().channels(), n.shape().height(), n.shape().width()});
      if (c.bias()) {
        Nd4j.getExecutioner().exec(new BroadcastAddOp(out, store.get(n.name() + ".b"), out, 1));
      }
      return out;
    }
    if (op instanceof BatchNorm b) {
      INDArray x = in(n, 0);
      INDArray runningMean = store.get(n.name() + RUNNING_MEAN);
      INDArray runningVar = store.get(n.name() + RUNNING_VAR);
      if (!training && trackRunningStatistics) {
        return BatchNormKernel.forward(x, runningMean, runningVar, gamma(n, b), beta(n, b), BN_EPS);
      }
      INDArray[] stats = BatchNormKernel.moments(x);
      bnCache.put(n.id(), stats);
      if (!training || !trackRunningStatistics) {
        return BatchNormKernel.forward(x, stats[0], stats[1], gamma(n, b), beta(n, b), BN_EPS);
      }
      // While recalibrating, the k-th batch weighs 1/k: an exact mean over the batches seen.
      double momentum = recalibrated > 0 ? 1.0 / recalibrated : BN_MOMENTUM;
      double count = (double) x.size(0) * x.size(2) * x.size(3);
      BatchNormKernel.updateRunning(runningMean, runningVar, stats, momentum, count);
      return BatchNormKernel.forward(x, stats[0], stats[1], gamma(n, b), beta(n, b), BN_EPS);
    }
    if (op instanceof Relu) {
      return Transforms.relu(in(n, 0), true);
    }
    if (op instanceof Pool p) {
      INDArray x = in(n, 0);
      if (p.type() == Pool.Type.AVG && p.countIncludePad()) {
        throw new IllegalArgumentException(n.name() + ": include-pad average pooling is not supported");
      }
      return NativeOps.pool(x, p.type() == Pool.Type.MAX, p.kernel(), p.stride(), p.padding(),
          new long[] {x.size(0), n.shape().channels(), n.shape().height(), n.shape().width()});
    }
    if (op instanceof Zero) {
      return silentZeros[n.id()] ? null : zeros(n);
    }
    if (op instanceof Crop c) {
      INDArray x = in(n, 0);
      return x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(c.top(), x.size(2)),
          NDArrayIndex.interval(c.left(), x.size(3))).dup();
    }
    if (op instanceof Add) {
      INDArray out = in(n, 0).dup();
      for (int i = 1; i < n.inputs().size(); i++) {
        out.addi(in(n, i));
      }
      return out;
    }
    if (op instanceof Concat) {
      return n.inputs().size() == 1 ? in(n, 0)
          : Nd4j.concat(1, n.inputs().stream().map(i -> values[i]).toArray(INDArray[]::new));
    }
    if (op instanceof GlobalAvgPool) {
      INDArray x = in(n, 0);
      return x.mean(2, 3).reshape(x.size(0), x.size(1), 1, 1);
    }
    if (op instanceof Mixed m) {
      INDArray weights = Transforms.softmax(store.get(m.alpha()).getRow(m.row(), true), true);
      mixedWeights.put(n.id(), weights);
      INDArray out = null;
      for (int k = 0; k < n.inputs().size(); k++) {
        if (nodeOp(n.inputs().get(k)) instanceof Zero) {
          continue;
        }
        double c = coefficient(m, weights, k);
        if (out == null) {
          out = in(n, k).mul(c);
        } else {
          Nd4j.getBlasWrapper().level1().axpy(out.length(), c, in(n, k), out);
        }
      }
      return out == null ? zeros(n) : out;
    }
    if (op instanceof Linear l) {
      INDArray x = in(n, 0);
      INDArray out = x.reshape(x.size(0), x.length() / x.size(0)).mmul(store.get(n.name() + ".W"));
      if (l.bias()) {
        out.addiRowVector(store.get(n.name() + ".b"));
      }
      return out;
    }
    throw new IllegalStateException("node " + n.name() + ": no tape form for " + op);
  }

  /** One drop-path draw per example: 0 (dropped) or {@code 1 / (1 - rate)} (kept). */
  private INDArray dropPathMask() {
    float keep = (float) (1 - dropPath);
    float[] mask = new float[(int) batchSize];
    for (int i = 0; i < mask.length; i++) {
      mask[i] = dropPathRandom.nextDouble() < keep ? 1 / keep : 0f;
    }
    return Nd4j.createFromArray(mask).castTo(dataType);
  }

  private INDArray zeros(Node n) {
    return Nd4j.zeros(dataType, batchSize, n.shape().channels(), n.shape().height(), n.shape().width());
  }

  /** Mixed op {@code m}'s coefficient of its input {@code k}: the softmax weight, plus the auxiliary skip's. */
  private double coefficient(Mixed m, INDArray weights, int k) {
    return weights.getDouble(k) + (k == m.skip() ? auxiliarySkip : 0);
  }

  private Op nodeOp(int id) {
    return net.nodes().get(id).op();
  }

  // Non-affine BN runs as affine BN with a constant unit scale and zero shift: libnd4j's
  // batchnorm_bp without gamma/beta crashes the JVM in float (oneDNN path, M2.1), and the
  // constants cost nothing measurable. Their gradients are dropped.
  private INDArray gamma(Node n, BatchNorm b) {
    return b.affine() ? store.get(n.name() + ".gamma") : constant(n.shape().channels(), 1.0);
  }

  private INDArray beta(Node n, BatchNorm b) {
    return b.affine() ? store.get(n.name() + ".beta") : constant(n.shape().channels(), 0.0);
  }

  private INDArray constant(int channels, double value) {
    return constants.computeIfAbsent(channels + "=" + value, k -> {
      try (var scope = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
        return Nd4j.valueArrayOf(new long[] {channels}, value, dataType);
      }
    });
  }

  /** Gradients of the last forward's loss, by parameter name (the store's names). */
  public Map<String, INDArray> backward() {
    if (labels == null || !training) {
      throw new IllegalStateException("backward needs a training-mode forward with labels");
    }
    INDArray[] grads = new INDArray[values.length];
    owned = new boolean[values.length];
    long batch = labels.size(0);
    grads[net.output()] = probabilities.sub(labels).divi(batch).reshape(values[net.output()].shape());
    if (auxiliaryProbabilities != null) {
      int aux = net.auxiliaryOutput();
      grads[aux] = auxiliaryProbabilities.sub(labels).muli(auxiliaryWeight / batch).reshape(values[aux].shape());
      owned[aux] = true;
    }
    return backward(grads);
  }

  /**
   * Gradients by parameter name of {@code <outputGradient, logits>} for the last forward, whatever
   * its labels: zero-cost proxies back-propagate a chosen output gradient (all ones: the gradient
   * of the summed logits) rather than the loss's. The gradient reaching the input is kept
   * ({@link #inputGradient}). Not in lean mode, so that one forward can serve several backwards.
   */
  public Map<String, INDArray> backward(INDArray outputGradient) {
    if (values == null || lean) {
      throw new IllegalStateException("backward(outputGradient) needs a forward first, outside lean mode");
    }
    INDArray[] grads = new INDArray[values.length];
    owned = new boolean[values.length];
    grads[net.output()] = outputGradient.reshape(values[net.output()].shape());
    return backward(grads);
  }

  /** The gradient that reached the network's input in the last backward (null if none did). */
  public INDArray inputGradient() {
    return inputGradient;
  }

  private INDArray inputGradient;

  private Map<String, INDArray> backward(INDArray[] grads) {
    Map<String, INDArray> paramGrads = new HashMap<>();
    List<Node> nodes = net.nodes();
    for (int id = nodes.size() - 1; id > 0; id--) {
      Node n = nodes.get(id);
      INDArray g = grads[id];
      if (g == null) {
        continue;
      }
      long t0 = profiling ? System.nanoTime() : 0;
      backward(n, g, grads, paramGrads);
      if (profiling) {
        profile.merge("bwd " + n.op().kind(), System.nanoTime() - t0, Long::sum);
      }
      if (lean) {
        release(n, grads);
      }
    }
    if (lean) {
      // Outputs off the gradient path were not visited above; drop them too, then collect.
      for (int id = 1; id < values.length; id++) {
        if (id != net.output() && ownsValue(net.nodes().get(id))) {
          values[id] = null;
        }
      }
      collect();
    }
    inputGradient = grads[0];
    return paramGrads;
  }

  /** Whether a node's forward output is an array of its own rather than one of its inputs. */
  private boolean ownsValue(Node n) {
    var op = n.op();
    return !(op instanceof Input || op instanceof Identity || (op instanceof DropPath && !dropPathMasks.containsKey(n.id()))
        || (op instanceof Concat && n.inputs().size() == 1));
  }

  /**
   * After node {@code n}'s backward, neither its output nor its gradient is needed again (every
   * consumer came before it in reverse order, and backward ops read their inputs, not their
   * outputs): drops both now, unless they are shared with another node.
   */
  private void release(Node n, INDArray[] grads) {
    var op = n.op();
    boolean passesGradient = op instanceof Identity || (op instanceof DropPath && !dropPathMasks.containsKey(n.id()))
        || op instanceof Add
        || (op instanceof Concat && n.inputs().size() == 1);
    // Values of nodes that pass their input through are that input's array: freed with it.
    if (owned[n.id()] && !passesGradient) {
      dropped(grads[n.id()]);
    }
    grads[n.id()] = null;
    if (n.id() != net.output() && ownsValue(n)) {
      dropped(values[n.id()]);
      values[n.id()] = null;
    }
  }

  /**
   * Bytes no longer referenced since the last collection. ND4J frees an array's native memory only
   * when the garbage collector finds the array unreachable ({@code INDArray.close()} does not free
   * it on the CPU backend in M2.1, measured), and the Java heap alone hardly ever triggers a
   * collection, so lean mode asks for one every {@value #COLLECT_EVERY_BYTES} bytes dropped.
   */
  private long droppedBytes;
  static final long COLLECT_EVERY_BYTES = 1L << 30;

  private void dropped(INDArray a) {
    if (a == null) {
      return;
    }
    droppedBytes += a.length() * a.dataType().width();
    if (droppedBytes >= COLLECT_EVERY_BYTES) {
      collect();
    }
  }

  private void collect() {
    droppedBytes = 0;
    System.gc();
  }



  private boolean lean;

  /**
   * Lean mode, for big graphs such as the DARTS relaxation: backward frees each activation and
   * gradient as soon as it is used, and steps run outside any workspace (a workspace keeps every
   * array of a step alive until the step ends: more than 24 GB for the DARTS search network at
   * batch 64). Children stay in the faster workspace mode.
   */
  public TapeNetwork lean(boolean on) {
    this.lean = on;
    return this;
  }

  public boolean lean() {
    return lean;
  }

  /**
   * Adds {@code g} to node {@code id}'s gradient. {@code fresh} says that {@code g} was allocated
   * for this call alone: then it may later be added to in place. A gradient passed through
   * (identity, add) is shared with the node it came from, so the first addition copies it.
   */
  private void accumulate(INDArray[] grads, int id, INDArray g, boolean fresh) {
    if (grads[id] == null) {
      grads[id] = g;
      owned[id] = fresh;
    } else if (owned[id]) {
      grads[id].addi(g);
    } else {
      grads[id] = grads[id].add(g);
      owned[id] = true;
    }
  }

  private void backward(Node n, INDArray g, INDArray[] grads, Map<String, INDArray> paramGrads) {
    var op = n.op();
    int first = n.inputs().get(0);
    if (op instanceof DropPath && dropPathMasks.containsKey(n.id())) {
      accumulate(grads, first, Nd4j.getExecutioner().exec(new BroadcastMulOp(g, dropPathMasks.get(n.id()),
          g.ulike(), 0)), true);
    } else if (op instanceof Identity || op instanceof DropPath) {
      accumulate(grads, first, g, false);
    } else if (op instanceof Conv2d c) {
      String key = n.name() + ".W";
      INDArray[] r = NativeOps.conv2dBp(in(n, 0), weight(key), g, c.strideH(), c.strideW(), c.padH(), c.padW(),
          c.groups() > 1);
      accumulate(grads, first, r[0], true);
      INDArray mask = masks.get(key);
      paramGrads.put(key, mask == null ? r[1] : r[1].muli(mask));
      if (c.bias()) {
        paramGrads.put(n.name() + ".b", g.sum(0, 2, 3));
      }
    } else if (op instanceof BatchNorm b) {
      INDArray[] stats = bnCache.get(n.id());
      INDArray[] r = BatchNormKernel.backward(in(n, 0), stats[0], stats[1], gamma(n, b), beta(n, b), g, BN_EPS);
      accumulate(grads, first, r[0], true);
      if (b.affine()) {
        paramGrads.put(n.name() + ".gamma", r[1]);
        paramGrads.put(n.name() + ".beta", r[2]);
      }
    } else if (op instanceof Relu) {
      accumulate(grads, first, NativeOps.reluBp(in(n, 0), g), true);
    } else if (op instanceof Pool p) {
      accumulate(grads, first, NativeOps.poolBp(in(n, 0), g, p.type() == Pool.Type.MAX, p.kernel(), p.stride(),
          p.padding()), true);
    } else if (op instanceof Zero) {
      // Constant output: nothing flows back.
    } else if (op instanceof Crop c) {
      INDArray x = in(n, 0);
      INDArray dx = Nd4j.zeros(g.dataType(), x.shape());
      dx.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(c.top(), x.size(2)),
          NDArrayIndex.interval(c.left(), x.size(3))).assign(g);
      accumulate(grads, first, dx, true);
    } else if (op instanceof Add) {
      for (int i : n.inputs()) {
        accumulate(grads, i, g, false);
      }
    } else if (op instanceof Concat) {
      long at = 0;
      for (int i : n.inputs()) {
        long c = values[i].size(1);
        accumulate(grads, i, g.get(NDArrayIndex.all(), NDArrayIndex.interval(at, at + c)).dup(), true);
        at += c;
      }
    } else if (op instanceof GlobalAvgPool) {
      INDArray x = in(n, 0);
      INDArray dx = Nd4j.zeros(g.dataType(), x.shape());
      Nd4j.getExecutioner().exec(new BroadcastAddOp(dx, g.reshape(x.size(0), x.size(1)).div(x.size(2) * x.size(3)),
          dx, 0, 1));
      accumulate(grads, first, dx, true);
    } else if (op instanceof Mixed m) {
      // out = sum_k p_k y_k with p = softmax(alpha[row]): dy_k = p_k g; dp_k = <g, y_k>;
      // dalpha_j = p_j (dp_j - sum_k p_k dp_k).
      INDArray p = mixedWeights.get(n.id());
      int candidates = n.inputs().size();
      double[] dp = new double[candidates];
      double mean = 0;
      for (int k = 0; k < candidates; k++) {
        if (nodeOp(n.inputs().get(k)) instanceof Zero) {
          continue;
        }
        dp[k] = Nd4j.getExecutioner().exec(new Dot(g, in(n, k))).getDouble(0);
        mean += p.getDouble(k) * dp[k];
        accumulate(grads, n.inputs().get(k), g.mul(coefficient(m, p, k)), true);
      }
      INDArray alphaGrad = paramGrads.computeIfAbsent(m.alpha(), k -> store.get(m.alpha()).ulike().assign(0));
      for (int k = 0; k < candidates; k++) {
        alphaGrad.putScalar(m.row(), k, alphaGrad.getDouble(m.row(), k) + p.getDouble(k) * (dp[k] - mean));
      }
    } else if (op instanceof Linear l) {
      INDArray x = in(n, 0);
      INDArray flat = x.reshape(x.size(0), x.length() / x.size(0));
      INDArray g2 = g.reshape(x.size(0), l.outFeatures());
      paramGrads.put(n.name() + ".W", flat.transpose().mmul(g2));
      if (l.bias()) {
        paramGrads.put(n.name() + ".b", g2.sum(0));
      }
      accumulate(grads, first, g2.mmul(store.get(n.name() + ".W").transpose()).reshape(x.shape()), true);
    } else {
      throw new IllegalStateException("node " + n.name() + ": no tape backward for " + op);
    }
  }
}
