package dev.nas.supernet.zerocost;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.special.Erf;

/**
 * Combines several proxies into one score that ranks as the proxies agree, in the manner of AZ-NAS
 * (Lee and Ham, CVPR 2024), which sums {@code log(rank_i / N)} over its proxies, so that an
 * architecture must do well on every proxy to score well (one bad rank costs more than one good
 * rank gains).
 *
 * <p>Departure, and why: AZ-NAS ranks each proxy within the set of architectures being compared,
 * so a score changes whenever another architecture is added; an ask/tell search needs a score per
 * trial that never changes, and exact resume needs it reproducible. Here each proxy's value is
 * placed against a fixed reference sample of the space (drawn and scored once per run, from the
 * run's seed, and checkpointed): on that proxy's {@link Proxy#scaled scale}, its robust z-score
 * against the sample (median, and the interquartile range / 1.349, which is the standard deviation
 * for normal data), and the rank {@code rank_i / N} becomes the normal distribution's
 * {@code Phi(z)}, a smooth percentile that keeps ordering beyond the sample's extremes. Score =
 * {@code sum_i log Phi(z_i)}, at most 0.
 *
 * <p>Why robust: jacob_cov puts networks whose logits barely depend on the input orders of
 * magnitude below the rest; with mean and standard deviation those few outliers set the scale and
 * squeeze every other network to nearly one z, and the aggregate ranked NB201 with Kendall tau 0.66
 * instead of 0.74 (benchmarks/README.md).
 *
 * @param reference per proxy, the centre and scale of its scaled values over the sample
 */
public record RankAggregation(Map<Proxy, Spread> reference) {

  /** z-scores are cut at +-{@value}: {@code log Phi} stays finite (and a non-finite proxy value ranks last). */
  static final double Z_LIMIT = 30;

  /** Median and robust standard deviation (interquartile range / 1.349) of one proxy's scaled values over the sample. */
  public record Spread(double center, double scale) {}

  /** The interquartile range of a normal distribution, in standard deviations. */
  static final double NORMAL_IQR = 1.349;

  public RankAggregation {
    reference = new EnumMap<>(reference);
  }

  /** The aggregation over {@code proxies}, referenced to their values on a sample of architectures. */
  public static RankAggregation of(List<Proxy> proxies, List<Map<Proxy, Double>> sample) {
    Map<Proxy, Spread> reference = new EnumMap<>(Proxy.class);
    for (Proxy p : proxies) {
      List<Double> scaled = new ArrayList<>();
      for (Map<Proxy, Double> values : sample) {
        double v = p.scaled(values.get(p));
        if (Double.isFinite(v)) {
          scaled.add(v);
        }
      }
      double[] sorted = scaled.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      reference.put(p, sorted.length == 0 ? new Spread(0, 0) : new Spread(quantile(sorted, 0.5),
          (quantile(sorted, 0.75) - quantile(sorted, 0.25)) / NORMAL_IQR));
    }
    return new RankAggregation(reference);
  }

  /** The {@code q}-quantile of sorted values, interpolated linearly between order statistics (numpy's default). */
  static double quantile(double[] sorted, double q) {
    double at = q * (sorted.length - 1);
    int below = (int) Math.floor(at);
    int above = Math.min(below + 1, sorted.length - 1);
    return sorted[below] + (at - below) * (sorted[above] - sorted[below]);
  }

  /** {@code sum over proxies of log Phi(z)}; a proxy whose sample did not vary contributes {@code log Phi(0)}. */
  public double score(Map<Proxy, Double> values) {
    double score = 0;
    for (Map.Entry<Proxy, Spread> e : reference.entrySet()) {
      double v = e.getKey().scaled(values.get(e.getKey()));
      Spread s = e.getValue();
      double z = Double.isNaN(v) || Double.isInfinite(v) && v < 0 ? -Z_LIMIT
          : s.scale() > 0 ? (v - s.center()) / s.scale() : 0;
      score += logPhi(Math.max(-Z_LIMIT, Math.min(Z_LIMIT, z)));
    }
    return score;
  }

  /** {@code log} of the standard normal distribution function, accurate far into the lower tail. */
  static double logPhi(double z) {
    return Math.log(0.5 * Erf.erfc(-z / Math.sqrt(2)));
  }

  void write(DataOutputStream out) throws IOException {
    out.writeInt(reference.size());
    for (Map.Entry<Proxy, Spread> e : reference.entrySet()) {
      out.writeUTF(e.getKey().id());
      out.writeDouble(e.getValue().center());
      out.writeDouble(e.getValue().scale());
    }
  }

  static RankAggregation read(DataInputStream in) throws IOException {
    int n = in.readInt();
    Map<Proxy, Spread> reference = new EnumMap<>(Proxy.class);
    for (int i = 0; i < n; i++) {
      String id = in.readUTF();
      Proxy p = Proxy.byId(id);
      if (p == null) {
        throw new IOException("unknown zero-cost proxy '" + id + "' in the checkpoint");
      }
      reference.put(p, new Spread(in.readDouble(), in.readDouble()));
    }
    return new RankAggregation(reference);
  }
}
