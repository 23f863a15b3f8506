package dev.nas.supernet.zerocost;

import dev.nas.core.arch.Architecture;
import dev.nas.core.eval.Metrics;
import dev.nas.core.eval.StatefulEvaluator;
import dev.nas.spaces.network.NetworkSpace;
import dev.nas.supernet.data.Augmentation;
import dev.nas.supernet.data.BatchIterator;
import dev.nas.supernet.eval.EvaluationData;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Scores an architecture by {@link Proxy zero-cost proxies} of its untrained network: one batch
 * of training images, the same for every trial of a run (drawn from the run's seed), fresh weights
 * from the run's seed, no training. The score depends on the architecture and the run's seed only,
 * never on the trials before, so a search over it repeats exactly and resumes exactly.
 *
 * <p>With one proxy the signal is that proxy's value. With several, the signal is their
 * {@link RankAggregation}, referenced to a sample of {@code reference} architectures drawn from the
 * run's seed and scored before the first trial; the sample's statistics are this evaluator's
 * checkpointed state (recomputing them would give the same numbers, at the cost of the sample).
 */
public final class ZeroCostEvaluator implements StatefulEvaluator {

  /** The signal's name when several proxies are aggregated. */
  public static final String ENSEMBLE = "ensemble";

  private final NetworkSpace space;
  private final EvaluationData data;
  private final List<Proxy> proxies;
  private final int batchSize;
  private final DataType dataType;
  private final int referenceSize;
  private final long seed;
  private ProxyProbe probe;
  private RankAggregation aggregation;

  ZeroCostEvaluator(NetworkSpace space, EvaluationData data, List<Proxy> proxies, int batchSize, DataType dataType,
      int referenceSize, long seed) {
    this.space = space;
    this.data = data;
    this.proxies = List.copyOf(proxies);
    this.batchSize = batchSize;
    this.dataType = dataType;
    this.referenceSize = referenceSize;
    this.seed = seed;
  }

  /** An evaluator whose batch, weights and reference sample come from {@code seed} (the configured seed mixed in). */
  @Override
  public ZeroCostEvaluator forRun(long runSeed) {
    return new ZeroCostEvaluator(space, data, proxies, batchSize, dataType, referenceSize,
        new SplittableRandom(runSeed).split().nextLong() ^ seed);
  }

  public List<Proxy> proxies() {
    return proxies;
  }

  /** The probe that measures architectures (its batch drawn on first use). */
  public ProxyProbe probe() {
    if (probe == null) {
      BatchIterator batches = new BatchIterator(data.train(), batchSize, Augmentation.NONE, data.normalization(), true,
          seed, dataType);
      probe = new ProxyProbe(batches.next(), seed, dataType);
    }
    return probe;
  }

  /** Every proxy's value for {@code architecture}, by proxy. */
  public Map<Proxy, Double> measure(Architecture architecture) {
    return probe().measure(space.network(architecture), EnumSet.copyOf(proxies));
  }

  /** The reference statistics of an aggregated score, scoring the sample on first use. */
  public RankAggregation aggregation() {
    if (aggregation == null) {
      SplittableRandom random = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
      List<Map<Proxy, Double>> sample = new ArrayList<>();
      for (int i = 0; i < referenceSize; i++) {
        sample.add(measure(space.sample(random)));
      }
      aggregation = RankAggregation.of(proxies, sample);
    }
    return aggregation;
  }

  @Override
  public Metrics evaluate(Architecture architecture, long trialSeed) {
    Map<Proxy, Double> measured = measure(architecture);
    Map<String, Double> values = new LinkedHashMap<>();
    measured.forEach((p, v) -> {
      if (Double.isFinite(v)) {
        values.put(p.id(), v);
      }
    });
    double signal;
    if (proxies.size() == 1) {
      signal = measured.get(proxies.get(0));
      if (!Double.isFinite(signal)) {
        throw new ArithmeticException(proxies.get(0).id() + " of " + space.format(architecture) + " is " + signal
            + (proxies.get(0) == Proxy.NASWOT ? ": two images share every ReLU pattern (the kernel is singular)" : ""));
      }
    } else {
      signal = aggregation().score(measured);
      values.put(ENSEMBLE, signal);
    }
    return new Metrics(signal, values);
  }

  @Override
  public String signalMetric() {
    return proxies.size() == 1 ? proxies.get(0).id() : ENSEMBLE;
  }

  @Override
  public String reportedMetric() {
    return signalMetric();
  }

  @Override
  public List<Path> dataFiles() {
    return data.files();
  }

  /** Whether the reference sample was scored, then its statistics. */
  @Override
  public void saveState(OutputStream out) throws IOException {
    DataOutputStream d = new DataOutputStream(out);
    d.writeBoolean(aggregation != null);
    if (aggregation != null) {
      aggregation.write(d);
    }
    d.flush();
  }

  @Override
  public void restoreState(InputStream in) throws IOException {
    DataInputStream d = new DataInputStream(in);
    aggregation = d.readBoolean() ? RankAggregation.read(d) : null;
  }
}
