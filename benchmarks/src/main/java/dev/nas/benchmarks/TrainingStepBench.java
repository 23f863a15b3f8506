package dev.nas.benchmarks;

import dev.nas.spaces.darts.DartsMacro;
import dev.nas.spaces.darts.DartsSpace;
import dev.nas.spaces.nb201.Nb201Space;
import dev.nas.spaces.network.Network;
import dev.nas.spaces.network.NetworkSpace;
import dev.nas.supernet.Supernet;
import dev.nas.supernet.SupernetOptions;
import java.util.SplittableRandom;
import dev.nas.supernet.dl4j.Dl4jGraphBuilder;
import dev.nas.supernet.samediff.SameDiffGraphBuilder;
import dev.nas.supernet.tape.TapeNetwork;
import dev.nas.supernet.train.SgdMomentum;
import dev.nas.supernet.train.Trainer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step (forward, backward, SGD-momentum update, weight decay 3e-4, lr 0.025) at
 * batch 64 on one fixed random batch, the protocol of ../shared/bench/torch_ref.py, for each
 * candidate execution path of the supernet:
 * <ul>
 *   <li>{@code dl4j}: a DL4J ComputationGraph built from the network description, oneDNN helpers on;
 *   <li>{@code samediff}: a SameDiff graph bound to a weight store, gradients by
 *       {@code calculateGradients}, the update applied in place on the store's arrays;
 *   <li>{@code tape}: the same store, each op a libnd4j native op with its backward
 *       ({@link TapeNetwork}), the same in-place update;
 *   <li>{@code supernet}: the same child taken from a {@link Supernet} whose store already holds
 *       the weights of {@value #OTHER_CHILDREN} other sampled children (same BN settings as the
 *       other paths: affine, running statistics), i.e. what a search trains: against
 *       {@code tape}, the cost of weight sharing.
 * </ul>
 * Networks: {@code darts_v2} (DARTS_V2 at C=16, 8 cells, no auxiliary head: torch_ref's
 * darts_v2_eval, 246,106 params) and {@code nb201} (torch_ref's nb201_child, 1,288,506 params).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g"})
public class TrainingStepBench {

  static final int BATCH = 64;
  static final double LR = 0.025;
  static final double MOMENTUM = 0.9;
  static final double WEIGHT_DECAY = 3e-4;

  static final int OTHER_CHILDREN = 30;

  @Param({"dl4j", "samediff", "tape", "supernet"})
  public String path;

  @Param({"darts_v2", "nb201"})
  public String network;

  private ComputationGraph graph;
  private MultiDataSet batch;
  private SameDiff sd;
  private TapeNetwork tape;
  private INDArray x;
  private INDArray y;
  private Map<String, INDArray> placeholders;
  private final Map<String, INDArray> store = new HashMap<>();
  private final SgdMomentum optimizer = new SgdMomentum(MOMENTUM, WEIGHT_DECAY, false);
  private List<String> trainable;

  static final String NB201_CHILD = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|";

  static Network network(String name) {
    if (name.equals("darts_v2")) {
      DartsSpace s = new DartsSpace(new DartsMacro(16, 8, 10, 32, false));
      return s.network(s.parse("DARTS_V2"));
    }
    Nb201Space s = Nb201Space.instance();
    return s.network(s.parse(NB201_CHILD));
  }

  @Setup
  public void setUp() {
    Network net = network(network);
    Nd4j.getRandom().setSeed(0);
    x = Nd4j.rand(DataType.FLOAT, BATCH, 3, 32, 32);
    y = Nd4j.zeros(DataType.FLOAT, BATCH, 10);
    for (int i = 0; i < BATCH; i++) {
      y.putScalar(i, i % 10, 1f);
    }
    if (path.equals("dl4j")) {
      graph = Dl4jGraphBuilder.build(net, new Nesterovs(LR, MOMENTUM), WEIGHT_DECAY, 0, DataType.FLOAT);
      batch = new MultiDataSet(x, y);
    } else if (path.equals("samediff")) {
      sd = SameDiffGraphBuilder.build(net, store, 0, DataType.FLOAT);
      placeholders = Map.of(SameDiffGraphBuilder.INPUT, x, SameDiffGraphBuilder.LABELS, y);
    } else if (path.equals("supernet")) {
      NetworkSpace space = network.equals("darts_v2") ? new DartsSpace(new DartsMacro(16, 8, 10, 32, false))
          : Nb201Space.instance();
      Supernet supernet = new Supernet(space, store, 0,
          SupernetOptions.SEARCH.withBatchNorm(true, true).withCacheSize(OTHER_CHILDREN + 1));
      SplittableRandom random = new SplittableRandom(1);
      for (int i = 0; i < OTHER_CHILDREN; i++) {
        supernet.child(space.sample(random));
      }
      tape = supernet.child(space.parse(network.equals("darts_v2") ? "DARTS_V2" : NB201_CHILD));
    } else {
      tape = new TapeNetwork(net, store, 0, DataType.FLOAT);
    }
    // Batch-norm running statistics are state, not parameters (used by the SameDiff path).
    trainable = store.keySet().stream().filter(k -> !dev.nas.supernet.ParameterStore.isState(k))
        .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
  }

  @Benchmark
  public Object trainingStep() {
    if (graph != null) {
      graph.fit(batch);
      return graph.score();
    }
    if (tape != null) {
      // Every intermediate array lives in a workspace reused step after step; without it the
      // off-heap allocations slow each step down (2.2 s, then 5.6, 8.0, 12 s in a quick run).
      try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(Trainer.STEP_WORKSPACE, "tape-step")) {
        tape.forward(x, y);
        update(tape.backward());
      }
      return store;
    }
    Map<String, INDArray> grads = sd.calculateGradients(placeholders, trainable);
    update(grads);
    return grads;
  }

  /** PyTorch SGD with momentum and weight decay: v = m*v + (g + wd*w); w -= lr*v, in place. */
  private void update(Map<String, INDArray> grads) {
    optimizer.apply(store, grads, LR);
  }
}
