package dev.nas.benchmarks;

import dev.nas.core.arch.Architecture;
import dev.nas.core.config.DataConfig;
import dev.nas.core.data.DataRoot;
import dev.nas.spaces.nb201.Nb201Dataset;
import dev.nas.spaces.nb201.Nb201Macro;
import dev.nas.spaces.nb201.Nb201Space;
import dev.nas.spaces.nb201.Nb201Table;
import dev.nas.supernet.zerocost.Proxy;
import dev.nas.supernet.zerocost.RankAggregation;
import dev.nas.supernet.zerocost.ZeroCostEvaluator;
import dev.nas.supernet.zerocost.ZeroCostEvaluatorConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * How well does each zero-cost proxy rank NAS-Bench-201? Scores N distinct random NB201 cells
 * (CIFAR-10 network: C=16, 5 cells per stage) with every proxy, on one batch of the CIFAR-10
 * sample's training images, exactly as {@code evaluator: {type: zero-cost}} scores a trial, and
 * prints each proxy's Kendall tau and Spearman rho against the cells' 200-epoch CIFAR-10 test
 * accuracy in the NB201 table, next to the published figures, and the same for rank aggregations
 * (referenced, as in a search, to a separate seeded sample of 32 cells). Writes every cell's values
 * to a CSV when a path is given.
 *
 * <pre>
 * NAS_DATA=../shared/data java -Xmx8g -cp benchmarks/target/benchmarks.jar dev.nas.benchmarks.ZeroCostRanking \
 *     [cells, default 1000] [seed, default 0] [batch size, default 64] [csv path]
 * </pre>
 */
public final class ZeroCostRanking {

  private ZeroCostRanking() {}

  /** Published figures on all 15,625 cells (Abdelfattah et al. 2021 for rho; AZ-NAS's table for tau). */
  private static final Map<String, String> PUBLISHED = Map.of(
      "params", "tau 0.578", "synflow", "rho 0.737, tau 0.571", "jacob_cov", "rho 0.731", "snip", "rho 0.596",
      "grad_norm", "rho 0.594", "naswot", "tau 0.557", "flops", "(AZ-NAS complexity alone)");

  public static void main(String[] args) throws IOException {
    int cells = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 0;
    int batch = args.length > 2 ? Integer.parseInt(args[2]) : 64;
    Path csv = args.length > 3 ? Path.of(args[3]) : null;
    DataRoot data = DataRoot.resolve(DataConfig.defaults());
    Nb201Space space = Nb201Space.of(Nb201Macro.CIFAR10);
    Nb201Table table = Nb201Table.load(data);
    List<String> all = Arrays.stream(Proxy.values()).map(Proxy::id).toList();
    ZeroCostEvaluator evaluator = (ZeroCostEvaluator) new ZeroCostEvaluatorConfig(all, "cifar10", batch, 0L, "float",
        32).create(space, data).forRun(seed);
    long t0 = System.nanoTime();
    List<Map<Proxy, Double>> reference = new ArrayList<>();
    SplittableRandom referenceRandom = new SplittableRandom(seed ^ 0x5EED);
    for (int i = 0; i < 32; i++) {
      reference.add(evaluator.measure(space.sample(referenceRandom)));
    }
    System.out.printf(Locale.ROOT, "reference sample: 32 cells in %.0f s%n", (System.nanoTime() - t0) / 1e9);
    SplittableRandom random = new SplittableRandom(seed + 1);
    Set<Integer> seen = new HashSet<>();
    List<Map<Proxy, Double>> values = new ArrayList<>();
    double[] truth = new double[cells];
    long measuring = 0;
    try (PrintWriter out = csv == null ? null : new PrintWriter(Files.newBufferedWriter(csv))) {
      if (out != null) {
        out.println("index,arch,test_acc_200,valid_acc_12," + String.join(",", all) + ",seconds");
      }
      for (int i = 0; i < cells; ) {
        Architecture a = space.sample(random);
        int index = space.index(a);
        if (!seen.add(index)) {
          continue;
        }
        long t1 = System.nanoTime();
        Map<Proxy, Double> v = evaluator.measure(a);
        long took = System.nanoTime() - t1;
        measuring += took;
        values.add(v);
        truth[i] = table.record(index, Nb201Dataset.CIFAR10).testAcc200();
        if (out != null) {
          StringBuilder line = new StringBuilder().append(index).append(',').append(space.format(a)).append(',')
              .append(truth[i]).append(',').append(table.record(index, Nb201Dataset.CIFAR10).validAcc12());
          for (Proxy p : Proxy.values()) {
            line.append(',').append(v.get(p));
          }
          out.println(line.append(',').append(took / 1e9));
          out.flush();
        }
        i++;
        if (i % 100 == 0) {
          System.out.printf(Locale.ROOT, "%d cells, %.2f s per cell%n", i, measuring / 1e9 / i);
        }
      }
    }
    System.out.printf(Locale.ROOT, "%n%d cells, %.2f s per cell (all proxies), batch %d, seed %d%n", cells,
        measuring / 1e9 / cells, batch, seed);
    evaluator.probe().nanos().forEach((phase, ns) -> System.out.printf(Locale.ROOT, "  %-20s %6.3f s per cell%n",
        phase, ns / 1e9 / (cells + reference.size())));
    System.out.printf(Locale.ROOT, "%-40s %7s %7s   %s%n", "ranking", "tau", "rho", "published");
    for (Proxy p : Proxy.values()) {
      double[] scores = values.stream().mapToDouble(v -> v.get(p)).toArray();
      print(p.id(), scores, truth, PUBLISHED.getOrDefault(p.id(), ""));
    }
    Map<String, List<Proxy>> ensembles = new LinkedHashMap<>();
    ensembles.put("ensemble (default)", ZeroCostEvaluatorConfig.ENSEMBLE);
    ensembles.put("synflow+jacob_cov+naswot", List.of(Proxy.SYNFLOW, Proxy.JACOB_COV, Proxy.NASWOT));
    ensembles.put("synflow+naswot", List.of(Proxy.SYNFLOW, Proxy.NASWOT));
    ensembles.put("synflow+jacob_cov", List.of(Proxy.SYNFLOW, Proxy.JACOB_COV));
    ensembles.put("naswot+flops", List.of(Proxy.NASWOT, Proxy.FLOPS));
    ensembles.put("all seven", Arrays.asList(Proxy.values()));
    for (Map.Entry<String, List<Proxy>> e : ensembles.entrySet()) {
      RankAggregation aggregation = RankAggregation.of(e.getValue(), reference);
      double[] scores = values.stream().mapToDouble(aggregation::score).toArray();
      print(e.getKey(), scores, truth, e.getKey().startsWith("ensemble") ? "AZ-NAS tau 0.741" : "");
    }
  }

  private static void print(String name, double[] scores, double[] truth, String published) {
    double[] s = Arrays.stream(scores).map(v -> Double.isFinite(v) ? v : -Double.MAX_VALUE).toArray();
    System.out.printf(Locale.ROOT, "%-40s %7.3f %7.3f   %s%n", name, new KendallsCorrelation().correlation(s, truth),
        new SpearmansCorrelation().correlation(s, truth), published);
  }
}
