package dev.nas.supernet.tape;

import dev.nas.spaces.network.Input;
import dev.nas.spaces.network.Mixed;
import dev.nas.spaces.network.Network;
import dev.nas.spaces.network.Node;
import dev.nas.spaces.network.Op;
import dev.nas.spaces.network.Zero;
import dev.nas.supernet.Backend;
import dev.nas.supernet.ParameterStore;
import dev.nas.supernet.ops.BatchNormForm;
import dev.nas.supernet.ops.OpForm;
import dev.nas.supernet.ops.OpForms;
import dev.nas.supernet.ops.TapeContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A network description executed op by op on native arrays, each op by its form's forward and
 * hand-written backward ({@link OpForms}). Parameters are the arrays of a shared store (names and
 * layouts as the forms give them, see {@link ParameterStore}); {@link #forward} records what
 * {@link #backward} needs. Batch norm uses batch statistics in training.
 */
public final class TapeNetwork {

  private final Network net;
  private final Map<String, INDArray> store;
  private final DataType dataType;
  private INDArray[] values;
  /** What each node's forward kept for its backward (batch statistics, softmax weights, drop-path masks). */
  private final Map<Integer, INDArray[]> remembered = new HashMap<>();
  private final Context context = new Context();
  private final Map<String, INDArray> constants = new HashMap<>();
  /** During backward: whether a node's gradient array is its own (see {@link Context#accumulate}). */
  private boolean[] owned;
  private INDArray probabilities;
  private INDArray input;
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
    input = x;
    remembered.clear();
    for (Node n : net.nodes()) {
      long t0 = profiling ? System.nanoTime() : 0;
      values[n.id()] = form(n).forward(n.op(), n, context);
      if (profiling) {
        profile.merge("fwd " + n.op().kind(), System.nanoTime() - t0, Long::sum);
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

  private static OpForm<Op> form(Node n) {
    return OpForms.of(n.op());
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
    this.grads = grads;
    this.paramGrads = paramGrads;
    List<Node> nodes = net.nodes();
    for (int id = nodes.size() - 1; id > 0; id--) {
      Node n = nodes.get(id);
      INDArray g = grads[id];
      if (g == null) {
        continue;
      }
      long t0 = profiling ? System.nanoTime() : 0;
      form(n).backward(n.op(), n, g, context);
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
          dropped(values[id]);
          values[id] = null;
        }
      }
      collect();
    }
    inputGradient = grads[0];
    this.grads = null;
    this.paramGrads = null;
    return paramGrads;
  }

  /** Whether a node's forward output is an array of its own rather than one of its inputs. */
  private boolean ownsValue(Node n) {
    return form(n).ownsValue(n.op(), n, context);
  }

  /**
   * After node {@code n}'s backward, neither its output nor its gradient is needed again (every
   * consumer came before it in reverse order, and backward ops read their inputs, not their
   * outputs): drops both now, unless they are shared with another node.
   */
  private void release(Node n, INDArray[] grads) {
    boolean passesGradient = form(n).passesGradient(n.op(), n, context);
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
   * Bytes no longer referenced since the last collection. The arrays are left to the garbage
   * collector, which frees their native memory in bulk; as the Java heap alone hardly ever
   * triggers a collection, lean mode asks for one every 256 MB dropped
   * ({@code -Dnas.tape.collect_bytes=N} to change). At the quick DARTS config's size, against every
   * 1 GB: peak RSS 1.86 against 2.50 GB and 46 against 2,637 minor page faults per step (freed
   * memory is reused while still warm), at the same step time. Closing each array at once
   * ({@code INDArray.close()} does free it at once in M2.1) was measured and is worse: the full
   * DARTS search step's peak RSS rose to 16.5 GB, the allocator's heap fragmenting as arrays of
   * many sizes are freed one by one between new ones (benchmarks/README.md).
   */
  private long droppedBytes;
  static final long COLLECT_EVERY_BYTES = Long.getLong("nas.tape.collect_bytes", 256L << 20);

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

  private INDArray[] grads;
  private Map<String, INDArray> paramGrads;

  /** What the ops' forms see of this network while it runs. */
  private final class Context implements TapeContext {

    @Override
    public INDArray networkInput() {
      return input;
    }

    @Override
    public INDArray input(Node n, int i) {
      return values[n.inputs().get(i)];
    }

    @Override
    public Op op(int id) {
      return net.nodes().get(id).op();
    }

    @Override
    public INDArray stored(String name) {
      return store.get(name);
    }

    @Override
    public INDArray constant(int channels, double value) {
      return TapeNetwork.this.constant(channels, value);
    }

    @Override
    public INDArray zeros(Node n) {
      return TapeNetwork.this.zeros(n);
    }

    @Override
    public boolean silent(Node n) {
      return silentZeros[n.id()];
    }

    @Override
    public boolean training() {
      return training;
    }

    @Override
    public boolean tracksRunningStatistics() {
      return trackRunningStatistics;
    }

    // While recalibrating, the k-th batch weighs 1/k: an exact mean over the batches seen.
    @Override
    public double runningMomentum() {
      return recalibrated > 0 ? 1.0 / recalibrated : BatchNormForm.MOMENTUM;
    }

    @Override
    public boolean dropsPaths() {
      return TapeNetwork.this.dropsPaths();
    }

    @Override
    public INDArray dropPathMask() {
      return TapeNetwork.this.dropPathMask();
    }

    @Override
    public double auxiliarySkip() {
      return auxiliarySkip;
    }

    @Override
    public void remember(Node n, INDArray... arrays) {
      remembered.put(n.id(), arrays);
    }

    @Override
    public INDArray[] remembered(Node n) {
      return remembered.get(n.id());
    }

    /**
     * A gradient passed through (identity, add) is shared with the node it came from, so the first
     * addition to it copies it; a fresh one is added to in place.
     */
    @Override
    public void accumulate(int id, INDArray g, boolean fresh) {
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

    @Override
    public Map<String, INDArray> parameterGradients() {
      return paramGrads;
    }
  }
}
