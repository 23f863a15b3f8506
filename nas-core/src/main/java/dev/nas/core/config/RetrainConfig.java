package dev.nas.core.config;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The {@code retrain:} section: after the search, the {@code top_k} best distinct architectures
 * (by the search's signal, canonical duplicates counted once) are trained again with
 * {@code evaluator}, typically {@code {type: standalone}}: from scratch, on their own weights,
 * scored on the validation part and tested on the test set. The run's final answer is the
 * retrained architecture with the best retrained signal; its test accuracy is what a one-shot
 * search reports, since supernet scores are only a ranking.
 *
 * @param topK architectures to retrain, >= 1 (default 1)
 * @param select which ones: {@code best} (default: highest search signal) or {@code latest} (the
 *     most recent trials' architectures, newest first: what DARTS converged to, as its final
 *     genotype is its answer rather than the epoch whose derived cell scored best)
 * @param space the network to retrain them in: the search space's type with other macro settings
 *     (e.g. DARTS searches with 16 channels and 8 cells and evaluates with 36 and 20); default the
 *     search space itself
 * @param evaluator how to retrain them (required)
 */
@JsonPropertyOrder({"top_k", "select", "space", "evaluator"})
public record RetrainConfig(Integer topK, String select, SpaceConfig space, EvaluatorConfig evaluator) {

  public static final int MAX_TOP_K = 1_000;
  public static final String BEST = "best";
  public static final String LATEST = "latest";

  public RetrainConfig {
    if (topK == null) {
      topK = 1;
    }
    if (topK < 1 || topK > MAX_TOP_K) {
      throw ConfigException.badValue("top_k", topK, "an integer from 1 to " + MAX_TOP_K);
    }
    select = select == null ? BEST : select;
    if (!select.equals(BEST) && !select.equals(LATEST)) {
      throw ConfigException.badValue("select", select, "best or latest");
    }
    if (evaluator == null) {
      throw ConfigException.missing("evaluator", "a section with a 'type:' key, e.g. {type: standalone, epochs: 10}");
    }
  }
}
