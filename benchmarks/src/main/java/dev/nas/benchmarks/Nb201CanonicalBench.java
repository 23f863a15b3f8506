package dev.nas.benchmarks;

import dev.nas.core.arch.Architecture;
import dev.nas.spaces.nb201.Nb201Space;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/** Decoding every NAS-Bench-201 cell in official index order, with its canonical form. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Nb201CanonicalBench {

  @Benchmark
  public long canonicalFormOfAllCells() {
    return Nb201Space.instance().enumerate().map(Architecture::canonical).distinct().count();
  }
}
