package dev.nas.supernet.zerocost;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.config.ConfigException;
import dev.nas.core.config.EvaluatorConfig;
import dev.nas.core.data.DataRoot;
import dev.nas.core.eval.Evaluator;
import dev.nas.spaces.network.NetworkSpace;
import dev.nas.supernet.data.Dataset;
import dev.nas.supernet.eval.EvaluationData;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * {@code evaluator: {type: zero-cost, proxy: synflow}}: architectures scored by zero-cost proxies
 * of their untrained networks ({@link ZeroCostEvaluator}).
 *
 * @param proxy one of {@link Proxy}'s names, or a list of two or more of them (their
 *     {@link RankAggregation}), or {@code ensemble}: the default list {@link #ENSEMBLE}
 * @param dataset cifar10 (default) or fashion-mnist; images come from the training part of the
 *     split every evaluator uses (valid_fraction 0.5), never from validation or test
 * @param batchSize images in the batch (default 64, as the published figures); at least 2
 * @param seed mixed into the run's seed to pick the batch, the weights and the reference sample (default 0)
 * @param dtype float (default) or double, for the batch proxies; synflow always runs in double
 * @param reference architectures in the reference sample of an aggregated score (default 64)
 */
@JsonTypeName("zero-cost")
public record ZeroCostEvaluatorConfig(
    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> proxy, String dataset,
    Integer batchSize, Long seed, String dtype, Integer reference) implements EvaluatorConfig {

  /** What {@code proxy: ensemble} aggregates: the combination that ranked NB201 best (benchmarks/README.md). */
  public static final List<Proxy> ENSEMBLE = List.of(Proxy.FLOPS, Proxy.SYNFLOW, Proxy.JACOB_COV);

  /** Split of the training set shared with the training evaluators, so the batch is never validation data. */
  static final double VALID_FRACTION = 0.5;

  public ZeroCostEvaluatorConfig {
    proxy = proxy == null || proxy.isEmpty() ? List.of(ZeroCostEvaluator.ENSEMBLE) : List.copyOf(proxy);
    proxies(proxy);
    dataset = dataset == null ? Dataset.CIFAR10.id() : dataset;
    Dataset.byId(dataset, "dataset");
    batchSize = batchSize == null ? 64 : batchSize;
    if (batchSize < 2) {
      throw ConfigException.badValue("batch_size", batchSize, "an integer >= 2 (jacob_cov and naswot compare images)");
    }
    seed = seed == null ? 0L : seed;
    dtype = dtype == null ? "float" : dtype;
    dataType(dtype);
    reference = reference == null ? 64 : reference;
    if (reference < 2) {
      throw ConfigException.badValue("reference", reference, "an integer >= 2 (architectures scored to place an "
          + "aggregated score against)");
    }
  }

  /** The proxies {@code names} asks for, {@code ensemble} expanded; a {@link ConfigException} names a bad one. */
  static List<Proxy> proxies(List<String> names) {
    String accepted = "one of " + Proxy.ids() + ", " + ZeroCostEvaluator.ENSEMBLE + ", or a list of two or more of "
        + "the proxies";
    if (names.size() == 1 && ZeroCostEvaluator.ENSEMBLE.equals(names.get(0))) {
      return ENSEMBLE;
    }
    List<Proxy> proxies = new ArrayList<>();
    for (String name : names) {
      Proxy p = name == null ? null : Proxy.byId(name);
      if (p == null) {
        throw ConfigException.badValue("proxy", names.size() == 1 ? name : names, accepted);
      }
      proxies.add(p);
    }
    if (new HashSet<>(proxies).size() < proxies.size()) {
      throw ConfigException.badValue("proxy", names, "a list of distinct proxies (" + Proxy.ids() + ")");
    }
    return proxies;
  }

  static DataType dataType(String dtype) {
    return switch (dtype) {
      case "float" -> DataType.FLOAT;
      case "double" -> DataType.DOUBLE;
      default -> throw ConfigException.badValue("dtype", dtype, "float or double");
    };
  }

  @Override
  public Evaluator create(SearchSpace space, DataRoot data) {
    NetworkSpace networks = EvaluationData.networkSpace(space, "zero-cost", " (use its table evaluator)");
    EvaluationData loaded = EvaluationData.load(dataset, data, networks, VALID_FRACTION, 0);
    EvaluationData.checkBatchSize(batchSize, loaded.train().size());
    return new ZeroCostEvaluator(networks, loaded, proxies(proxy), batchSize, dataType(dtype), reference, seed);
  }
}
