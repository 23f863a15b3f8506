package dev.nas.benchmarks;

import dev.nas.spaces.darts.DartsMacro;
import dev.nas.spaces.darts.DartsSpace;
import dev.nas.strategies.darts.Architect;
import dev.nas.supernet.Supernet;
import dev.nas.supernet.SupernetOptions;
import dev.nas.supernet.data.BatchIterator;
import dev.nas.supernet.tape.TapeNetwork;
import dev.nas.supernet.train.Adam;
import dev.nas.supernet.train.CosineSchedule;
import dev.nas.supernet.train.SgdMomentum;
import dev.nas.supernet.train.Trainer;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One DARTS search step on the relaxed search network of the paper (C=16, 8 cells, all 8 ops on
 * the 14 edges of each cell), batch 64, two fixed random batches (torch_ref's
 * {@code darts_search_1st} protocol): an architecture step (Adam, lr 3e-4, betas 0.5/0.999, wd
 * 1e-3) on the validation batch, first or second order ({@code order}), then a weight step (SGD
 * momentum 0.9, lr 0.025, wd 3e-4, clip 5) on the training batch. Both orders in one run give
 * the second-to-first-order cost ratio.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx16g"})
public class DartsStepBench {

  static final int BATCH = 64;

  @Param({"1", "2"})
  public int order;

  private TapeNetwork relaxed;
  private Trainer trainer;
  private Architect architect;
  private BatchIterator.Batch train;
  private BatchIterator.Batch valid;

  @Setup(Level.Trial)
  public void setUp() {
    Supernet supernet = new Supernet(new DartsSpace(new DartsMacro(16, 8, 10, 32, false)), 0, SupernetOptions.SEARCH);
    relaxed = supernet.relaxed();
    trainer = new Trainer(supernet.store(), new SgdMomentum(0.9, 3e-4, false), new CosineSchedule(0.025, 0.025, 1), 5);
    architect = new Architect(relaxed, supernet.store(), Adam.darts(), 3e-4, 0.9, 3e-4, order == 2,
        Architect.REFERENCE_RADIUS);
    train = batch(BATCH, 1);
    valid = batch(BATCH, 2);
  }

  /** A fixed random CIFAR-shaped batch. */
  static BatchIterator.Batch batch(int size, long seed) {
    Nd4j.getRandom().setSeed(seed);
    INDArray x = Nd4j.rand(DataType.FLOAT, size, 3, 32, 32);
    INDArray y = Nd4j.zeros(DataType.FLOAT, size, 10);
    int[] classes = new int[size];
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < size; i++) {
      classes[i] = random.nextInt(10);
      y.putScalar(i, classes[i], 1f);
    }
    return new BatchIterator.Batch(x, y, classes);
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 1)
  @Measurement(iterations = 3)
  public Object searchStep() {
    architect.step(train, valid, 0.025);
    return trainer.step(relaxed, train);
  }
}
