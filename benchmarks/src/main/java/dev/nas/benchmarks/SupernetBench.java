package dev.nas.benchmarks;

import dev.nas.core.arch.Architecture;
import dev.nas.spaces.darts.DartsMacro;
import dev.nas.spaces.darts.DartsSpace;
import dev.nas.supernet.Supernet;
import dev.nas.supernet.SupernetOptions;
import dev.nas.supernet.data.BatchIterator;
import dev.nas.supernet.tape.TapeNetwork;
import dev.nas.supernet.train.Adam;
import dev.nas.supernet.train.CosineSchedule;
import dev.nas.supernet.train.SgdMomentum;
import dev.nas.supernet.train.Trainer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The supernet's graph costs on the DARTS search setting (C=16, 8 cells, CIFAR shape):
 * <ul>
 *   <li>{@code childGraphCached}: {@code Supernet.child} of an already built child (cache hit);
 *   <li>{@code childGraphBuilt}: building a child's graph whose weights are already in the store
 *       (cache of size 0: every call builds the description and the graph);
 *   <li>{@code childGraphFirstBuild}: building a child on a fresh store, weight creation included;
 *   <li>{@code dartsSearchStep}: one first-order DARTS step on the relaxed network at batch 64,
 *       torch_ref's {@code darts_search_1st} protocol: an architecture step (Adam, lr 3e-4) on a
 *       validation batch, then a weight step (SGD momentum 0.9, lr 0.025, wd 3e-4) on a training
 *       batch, the mixed op's softmax over 8 ops on all 14 edges of each cell.
 * </ul>
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx16g"})
public class SupernetBench {

  static final DartsSpace SPACE = new DartsSpace(new DartsMacro(16, 8, 10, 32, false));
  static final int BATCH = 64;

  private final List<Architecture> architectures = new ArrayList<>();
  private Supernet cached;
  private Supernet uncached;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom random = new SplittableRandom(0);
    for (int i = 0; i < 64; i++) {
      architectures.add(SPACE.sample(random));
    }
    cached = new Supernet(SPACE, 0, SupernetOptions.SEARCH.withCacheSize(architectures.size()));
    uncached = new Supernet(SPACE, cached.store(), 0, SupernetOptions.SEARCH.withCacheSize(0));
    architectures.forEach(cached::child);
  }

  private Architecture nextArchitecture() {
    next = (next + 1) % architectures.size();
    return architectures.get(next);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Warmup(iterations = 2, time = 2)
  @Measurement(iterations = 5, time = 2)
  public TapeNetwork childGraphCached() {
    return cached.child(nextArchitecture());
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Warmup(iterations = 2, time = 2)
  @Measurement(iterations = 5, time = 2)
  public TapeNetwork childGraphBuilt() {
    return uncached.child(nextArchitecture());
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Warmup(iterations = 2, time = 2)
  @Measurement(iterations = 5, time = 2)
  public TapeNetwork childGraphFirstBuild() {
    return new Supernet(SPACE, 0, SupernetOptions.SEARCH).child(nextArchitecture());
  }

  /** The relaxed network and two fixed random batches (torch_ref's protocol), built once. */
  @State(Scope.Benchmark)
  public static class Search {
    Supernet supernet;
    TapeNetwork relaxed;
    Trainer trainer;
    BatchIterator.Batch train;
    BatchIterator.Batch valid;

    @Setup(Level.Trial)
    public void setUp() {
      supernet = new Supernet(SPACE, 0, SupernetOptions.SEARCH);
      relaxed = supernet.relaxed();
      trainer = new Trainer(supernet.store(), new SgdMomentum(0.9, 3e-4, false), new CosineSchedule(0.025, 0.025, 1), 0);
      train = batch(1);
      valid = batch(2);
    }

    private static BatchIterator.Batch batch(long seed) {
      Nd4j.getRandom().setSeed(seed);
      INDArray x = Nd4j.rand(DataType.FLOAT, BATCH, 3, 32, 32);
      INDArray y = Nd4j.zeros(DataType.FLOAT, BATCH, 10);
      int[] classes = new int[BATCH];
      SplittableRandom random = new SplittableRandom(seed);
      for (int i = 0; i < BATCH; i++) {
        classes[i] = random.nextInt(10);
        y.putScalar(i, classes[i], 1f);
      }
      return new BatchIterator.Batch(x, y, classes);
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 2)
  @Measurement(iterations = 3)
  public Object dartsSearchStep(Search s) {
    Trainer.architectureStep(s.relaxed, s.supernet.store(), s.valid, Adam.darts(), 3e-4);
    return s.trainer.step(s.relaxed, s.train);
  }
}
