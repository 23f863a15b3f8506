package dev.nas.benchmarks;

import dev.nas.core.arch.Architecture;
import dev.nas.spaces.darts.DartsMacro;
import dev.nas.spaces.darts.DartsSpace;
import dev.nas.supernet.Supernet;
import dev.nas.supernet.SupernetOptions;
import dev.nas.supernet.tape.TapeNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
 *   <li>{@code childGraphFirstBuild}: building a child on a fresh store, weight creation included.
 * </ul>
 * DARTS search steps on the relaxed network: {@link DartsStepBench}.
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
}
