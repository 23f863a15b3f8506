package dev.nas.benchmarks;

import dev.nas.core.arch.Architecture;
import dev.nas.core.config.DataConfig;
import dev.nas.core.data.DataRoot;
import dev.nas.spaces.nb201.Nb201Dataset;
import dev.nas.spaces.nb201.Nb201Macro;
import dev.nas.spaces.nb201.Nb201Record;
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
 * (the reference sample's first, flagged) to a CSV when a path is given; given such a CSV instead,
 * it recomputes the tables from it without measuring anything.
 *
 * <pre>
 * NAS_DATA=../shared/data java -Xmx8g -cp benchmarks/target/benchmarks.jar dev.nas.benchmarks.ZeroCostRanking \
 *     [cells, default 1000] [seed, default 0] [batch size, default 64] [csv path]
 * java -cp benchmarks/target/benchmarks.jar dev.nas.benchmarks.ZeroCostRanking VALUES.csv
 * </pre>
 */
public final class ZeroCostRanking {

  private ZeroCostRanking() {}

  /** Published figures on all 15,625 cells (Abdelfattah et al. 2021 for rho; AZ-NAS's table for tau). */
  private static final Map<String, String> PUBLISHED = Map.of(
      "params", "tau 0.578", "synflow", "rho 0.737, tau 0.571", "jacob_cov", "rho 0.731", "snip", "rho 0.596",
      "grad_norm", "rho 0.594", "naswot", "tau 0.557", "flops", "(AZ-NAS complexity alone)");

  /** One scored cell: its table figures, every proxy's value, and the seconds all proxies took. */
  private record Row(int index, String arch, double testAcc200, double validAcc12, Map<Proxy, Double> values,
      double seconds, boolean reference) {}

  public static void main(String[] args) throws IOException {
    if (args.length > 0 && args[0].endsWith(".csv")) {
      List<ValuesFile> files = new ArrayList<>();
      for (String a : args) {
        files.add(read(Path.of(a)));
      }
      report(merge(files), "values read from " + String.join(", ", args));
      return;
    }
    int cells = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 0;
    int batch = args.length > 2 ? Integer.parseInt(args[2]) : 64;
    Path csv = args.length > 3 ? Path.of(args[3]) : null;
    DataRoot data = DataRoot.resolve(DataConfig.defaults());
    Nb201Space space = Nb201Space.of(Nb201Macro.CIFAR10);
    Nb201Table table = Nb201Table.load(data);
    List<String> all = Arrays.stream(Proxy.values()).map(Proxy::id).toList();
    ZeroCostEvaluator evaluator = (ZeroCostEvaluator) new ZeroCostEvaluatorConfig(all, "cifar10", batch, 0L, "float",
        REFERENCE).create(space, data).forRun(seed);
    SplittableRandom referenceRandom = new SplittableRandom(seed ^ 0x5EED);
    SplittableRandom random = new SplittableRandom(seed + 1);
    Set<Integer> seen = new HashSet<>();
    List<Row> rows = new ArrayList<>();
    try (PrintWriter out = csv == null ? null : new PrintWriter(Files.newBufferedWriter(csv))) {
      if (out != null) {
        out.println("index,arch,test_acc_200,valid_acc_12," + String.join(",", all) + ",seconds,reference");
      }
      for (int i = 0; i < REFERENCE + cells; ) {
        boolean reference = i < REFERENCE;
        Architecture a = space.sample(reference ? referenceRandom : random);
        int index = space.index(a);
        if (!reference && !seen.add(index)) {
          continue;
        }
        long t1 = System.nanoTime();
        Map<Proxy, Double> v = evaluator.measure(a);
        Nb201Record record = table.record(index, Nb201Dataset.CIFAR10);
        Row row = new Row(index, space.format(a), record.testAcc200(), record.validAcc12(), v,
            (System.nanoTime() - t1) / 1e9, reference);
        rows.add(row);
        if (out != null) {
          StringBuilder line = new StringBuilder().append(index).append(',').append(row.arch()).append(',')
              .append(row.testAcc200()).append(',').append(row.validAcc12());
          for (Proxy p : Proxy.values()) {
            line.append(',').append(v.get(p));
          }
          out.println(line.append(',').append(row.seconds()).append(',').append(reference));
          out.flush();
        }
        i++;
        if (!reference && (i - REFERENCE) % 100 == 0) {
          System.out.printf(Locale.ROOT, "%d cells%n", i - REFERENCE);
        }
      }
    }
    evaluator.probe().nanos().forEach((phase, ns) -> System.out.printf(Locale.ROOT, "  %-20s %6.3f s per cell%n",
        phase, ns / 1e9 / rows.size()));
    report(rows, String.format(Locale.ROOT, "batch %d, seed %d", batch, seed));
  }

  /** Reference-sample size, as the evaluator's default. */
  private static final int REFERENCE = 64;

  /** The rows of one CSV, and whether it flags its reference rows (files written before that column did not). */
  private record ValuesFile(List<Row> rows, boolean flagged) {}

  /**
   * Cells of several CSVs (e.g. a run cut short and one with another seed), each cell once (the
   * first time it appears). The reference sample is the flagged rows; when no file flags any, the
   * first file's first {@value #REFERENCE} rows.
   */
  private static List<Row> merge(List<ValuesFile> files) {
    boolean anyFlagged = files.stream().anyMatch(ValuesFile::flagged);
    List<Row> all = new ArrayList<>();
    Set<Integer> seen = new HashSet<>();
    for (ValuesFile file : files) {
      boolean itsReference = file.flagged() || !anyFlagged && file == files.get(0);
      for (Row r : file.rows()) {
        if (r.reference() && itsReference) {
          all.add(r);
        } else if (seen.add(r.index())) {
          all.add(new Row(r.index(), r.arch(), r.testAcc200(), r.validAcc12(), r.values(), r.seconds(), false));
        }
      }
    }
    return all;
  }

  private static ValuesFile read(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    List<String> header = Arrays.asList(lines.get(0).split(","));
    List<Row> rows = new ArrayList<>();
    int at = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      Map<Proxy, Double> v = new EnumMap<>(Proxy.class);
      for (Proxy p : Proxy.values()) {
        v.put(p, Double.parseDouble(f[header.indexOf(p.id())]));
      }
      int ref = header.indexOf("reference");
      // Files written before the reference rows were: the first REFERENCE rows serve as the sample.
      boolean reference = ref >= 0 ? Boolean.parseBoolean(f[ref]) : at < REFERENCE;
      rows.add(new Row(Integer.parseInt(f[0]), f[1], Double.parseDouble(f[2]), Double.parseDouble(f[3]), v,
          Double.parseDouble(f[header.indexOf("seconds")]), reference));
      at++;
    }
    return new ValuesFile(rows, header.contains("reference"));
  }

  private static void report(List<Row> rows, String what) {
    List<Map<Proxy, Double>> reference = rows.stream().filter(Row::reference).map(Row::values).toList();
    List<Row> cells = rows.stream().filter(r -> !r.reference()).toList();
    double[] truth = cells.stream().mapToDouble(Row::testAcc200).toArray();
    System.out.printf(Locale.ROOT, "%n%d cells (%s), %.2f s per cell for all seven proxies; ensembles referenced to"
        + " %d other cells%n", cells.size(), what, cells.stream().mapToDouble(Row::seconds).average().orElse(0),
        reference.size());
    System.out.printf(Locale.ROOT, "%-40s %7s %7s   %s%n", "ranking", "tau", "rho", "published");
    for (Proxy p : Proxy.values()) {
      double[] scores = cells.stream().mapToDouble(r -> r.values().get(p)).toArray();
      print(p.id(), scores, truth, PUBLISHED.getOrDefault(p.id(), ""));
    }
    Map<String, List<Proxy>> ensembles = new LinkedHashMap<>();
    ensembles.put("ensemble (default: " + ZeroCostEvaluatorConfig.ENSEMBLE.stream().map(Proxy::id)
        .collect(java.util.stream.Collectors.joining("+")) + ")", ZeroCostEvaluatorConfig.ENSEMBLE);
    ensembles.put("flops+synflow+jacob_cov+naswot", List.of(Proxy.FLOPS, Proxy.SYNFLOW, Proxy.JACOB_COV, Proxy.NASWOT));
    ensembles.put("flops+jacob_cov+naswot", List.of(Proxy.FLOPS, Proxy.JACOB_COV, Proxy.NASWOT));
    ensembles.put("flops+naswot", List.of(Proxy.FLOPS, Proxy.NASWOT));
    ensembles.put("synflow+jacob_cov+naswot", List.of(Proxy.SYNFLOW, Proxy.JACOB_COV, Proxy.NASWOT));
    ensembles.put("all seven", Arrays.asList(Proxy.values()));
    for (Map.Entry<String, List<Proxy>> e : ensembles.entrySet()) {
      RankAggregation aggregation = RankAggregation.of(e.getValue(), reference);
      double[] scores = cells.stream().mapToDouble(r -> aggregation.score(r.values())).toArray();
      print(e.getKey(), scores, truth, e.getKey().startsWith("ensemble") ? "AZ-NAS tau 0.741" : "");
    }
    // How much the aggregate depends on the reference sample a run happens to draw: 30 draws of
    // each size from the cells themselves.
    SplittableRandom draws = new SplittableRandom(1);
    for (int size : new int[] {32, 64, 128}) {
      if (size >= cells.size()) {
        continue;
      }
      double[] taus = new double[30];
      for (int d = 0; d < taus.length; d++) {
        List<Map<Proxy, Double>> sample = new ArrayList<>();
        for (int k : draws.ints(0, cells.size()).distinct().limit(size).toArray()) {
          sample.add(cells.get(k).values());
        }
        RankAggregation aggregation = RankAggregation.of(ZeroCostEvaluatorConfig.ENSEMBLE, sample);
        taus[d] = new KendallsCorrelation().correlation(
            cells.stream().mapToDouble(r -> aggregation.score(r.values())).toArray(), truth);
      }
      var stats = new org.apache.commons.math3.stat.descriptive.DescriptiveStatistics(taus);
      System.out.printf(Locale.ROOT, "ensemble (default), reference of %3d: tau %.3f +- %.3f (min %.3f, max %.3f)"
          + " over 30 draws%n", size, stats.getMean(), stats.getStandardDeviation(), stats.getMin(), stats.getMax());
    }
  }

  private static void print(String name, double[] scores, double[] truth, String published) {
    double[] s = Arrays.stream(scores).map(v -> Double.isFinite(v) ? v : -Double.MAX_VALUE).toArray();
    System.out.printf(Locale.ROOT, "%-40s %7.3f %7.3f   %s%n", name, new KendallsCorrelation().correlation(s, truth),
        new SpearmansCorrelation().correlation(s, truth), published);
  }
}
