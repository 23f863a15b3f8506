package dev.nas.benchmarks;

import dev.nas.core.config.ConfigLoader;
import dev.nas.core.config.ExperimentConfig;
import dev.nas.core.data.DataRoot;
import dev.nas.core.experiment.Experiment;
import dev.nas.core.experiment.RunListener;
import dev.nas.core.experiment.RunSetup;
import dev.nas.core.experiment.RunSummary;
import dev.nas.core.experiment.SearchRun;
import dev.nas.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The NAS-Bench-201 tabular search path end to end: one run of 300 queries (strategy, table
 * lookups, journal with its flushes, checkpoints, result.json). Needs the data root (NAS_DATA)
 * with nb201/nb201_table.csv.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Nb201SearchBench {

  @Param({"evolution", "random"})
  public String strategy;

  private RunSetup setup;
  private Path dir;
  private long seed;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    ConfigLoader loader = ConfigLoader.withInstalledTypes();
    ExperimentConfig config = loader.bind(Json.yaml().readTree(
        "{space: {type: nb201}, evaluator: {type: nb201-table}, strategy: {type: " + strategy
            + "}, budget: {trials: 300}}"));
    setup = Experiment.prepare(config, loader, DataRoot.resolve(config.data())).setup();
    dir = Files.createTempDirectory("nas-bench");
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** One seed, 300 queries, with every file a real run writes. */
  @Benchmark
  public RunSummary search300Queries() {
    long s = seed++;
    return new SearchRun(setup, s, dir.resolve("seed-" + s), RunListener.NONE, () -> false).run().orElseThrow();
  }
}
