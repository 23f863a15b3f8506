package dev.nas.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ratio command of issue 19: each case of {@code ../shared/bench/torch_ref.py} in PyTorch and
 * on the tape, back to back, each in a fresh process of its own (so its peak RSS is its own),
 * rounds interleaved (PyTorch, tape, PyTorch, tape, ...), then per case the median over rounds
 * of each side's median step time, their ratio, and both peak resident sets.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.nas.benchmarks.SpeedVsPyTorch [--rounds N] [--python P]
 *     [--torch-ref FILE] [CASE...]
 * </pre>
 *
 * Cases: {@code nb201_child} and {@code darts_v2_eval} (the default; a few minutes), and
 * {@code darts_search_1st} and {@code darts_search_2nd} (about 10 GB of memory and 15 minutes per
 * round on 2 cores). The tape side of each case is the same network, batch 64, one fixed random
 * batch, SGD momentum 0.9, lr 0.025, weight decay 3e-4: {@link TrainingStepBench}'s tape step for
 * the children, {@link DartsStepBench}'s search step for DARTS. Warm-up and timed steps as
 * torch_ref's defaults: 2 warm-up; 20 timed steps, 10 for the first-order and 5 for the
 * second-order search step. PyTorch is Debian's {@code python3-torch} under {@code /usr/bin/python3}.
 */
public final class SpeedVsPyTorch {

  static final List<String> CASES = List.of("nb201_child", "darts_v2_eval", "darts_search_1st", "darts_search_2nd");

  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("--child")) {
      child(args[1]);
      return;
    }
    int rounds = 2;
    String python = "/usr/bin/python3";
    String torchRef = "../shared/bench/torch_ref.py";
    List<String> cases = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--python" -> python = args[++i];
        case "--torch-ref" -> torchRef = args[++i];
        default -> {
          if (!CASES.contains(args[i])) {
            throw new IllegalArgumentException("unknown case '" + args[i] + "'; accepted: " + CASES);
          }
          cases.add(args[i]);
        }
      }
    }
    if (cases.isEmpty()) {
      cases = List.of("nb201_child", "darts_v2_eval");
    }
    if (!Files.isRegularFile(Path.of(torchRef))) {
      throw new IllegalArgumentException("torch_ref.py not found at " + torchRef + " (--torch-ref FILE)");
    }
    ObjectMapper json = new ObjectMapper();
    Map<String, List<JsonNode>> torch = new LinkedHashMap<>();
    Map<String, List<JsonNode>> tape = new LinkedHashMap<>();
    for (int r = 0; r < rounds; r++) {
      for (String c : cases) {
        JsonNode t = json.readTree(lastLine(run(List.of(python, torchRef, "--json", "--which", c))));
        torch.computeIfAbsent(c, k -> new ArrayList<>()).add(t);
        // The relaxation's activations (about 9.5 GB at batch 64) are native memory: JavaCPP's
        // limits, not the heap, must allow them.
        String memory = c.startsWith("darts_search") ? "16g" : "6g";
        JsonNode o = json.readTree(lastLine(run(List.of(javaBinary(), "-Xmx2g",
            "-Dorg.bytedeco.javacpp.maxbytes=" + memory, "-Dorg.bytedeco.javacpp.maxphysicalbytes=" + memory,
            "-cp", System.getProperty("java.class.path"), SpeedVsPyTorch.class.getName(), "--child", c))));
        tape.computeIfAbsent(c, k -> new ArrayList<>()).add(o);
        System.err.printf(Locale.ROOT, "round %d %s: PyTorch %.1f ms, tape %.1f ms%n", r + 1, c,
            t.get("ms_per_step").asDouble(), o.get("ms_per_step").asDouble());
      }
    }
    System.out.printf(Locale.ROOT, "%d rounds, batch 64, %s threads (PyTorch %s)%n", rounds,
        torch.values().iterator().next().get(0).get("threads").asText(),
        torch.values().iterator().next().get(0).get("torch").asText());
    System.out.printf(Locale.ROOT, "%-18s %14s %14s %8s %14s %14s%n", "case", "PyTorch ms", "tape ms", "x PyTorch",
        "PyTorch RSS MB", "tape RSS MB");
    Map<String, Double> tapeMedians = new HashMap<>();
    Map<String, Double> torchMedians = new HashMap<>();
    for (String c : cases) {
      double t = median(torch.get(c), "ms_per_step");
      double o = median(tape.get(c), "ms_per_step");
      torchMedians.put(c, t);
      tapeMedians.put(c, o);
      System.out.printf(Locale.ROOT, "%-18s %14.1f %14.1f %8.2f %14.0f %14.0f%n", c, t, o, o / t,
          max(torch.get(c), "peak_rss_mb"), max(tape.get(c), "peak_rss_mb"));
    }
    if (cases.contains("darts_search_1st") && cases.contains("darts_search_2nd")) {
      System.out.printf(Locale.ROOT, "2nd / 1st order: PyTorch %.2f, tape %.2f%n",
          torchMedians.get("darts_search_2nd") / torchMedians.get("darts_search_1st"),
          tapeMedians.get("darts_search_2nd") / tapeMedians.get("darts_search_1st"));
    }
  }

  private static double median(List<JsonNode> runs, String field) {
    List<Double> v = runs.stream().map(n -> n.get(field).asDouble()).sorted().toList();
    return v.size() % 2 == 1 ? v.get(v.size() / 2) : (v.get(v.size() / 2 - 1) + v.get(v.size() / 2)) / 2;
  }

  private static double max(List<JsonNode> runs, String field) {
    return runs.stream().mapToDouble(n -> n.get(field).asDouble()).max().orElse(Double.NaN);
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " exited with " + p.exitValue());
    }
    return out;
  }

  private static String lastLine(String out) {
    String[] lines = out.strip().split("\n");
    return lines[lines.length - 1];
  }

  /** One case on the tape in this process; prints one JSON line like torch_ref's. */
  private static void child(String name) throws IOException {
    Runnable step;
    int warmup = 2;
    int iters;
    int images = TrainingStepBench.BATCH;
    if (name.startsWith("darts_search")) {
      boolean second = name.endsWith("2nd");
      DartsStepBench bench = new DartsStepBench();
      bench.order = second ? 2 : 1;
      bench.setUp();
      step = bench::searchStep;
      iters = second ? 5 : 10;
      images = 2 * DartsStepBench.BATCH;
    } else {
      TrainingStepBench bench = new TrainingStepBench();
      bench.path = "tape";
      bench.network = name.equals("nb201_child") ? "nb201" : "darts_v2";
      bench.setUp();
      step = bench::trainingStep;
      iters = 20;
    }
    for (int i = 0; i < warmup; i++) {
      step.run();
    }
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < iters; i++) {
      long t0 = System.nanoTime();
      step.run();
      ms.add((System.nanoTime() - t0) / 1e6);
    }
    List<Double> sorted = ms.stream().sorted().toList();
    double median = iters % 2 == 1 ? sorted.get(iters / 2) : (sorted.get(iters / 2 - 1) + sorted.get(iters / 2)) / 2;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("case", name);
    out.put("ms_per_step", Math.round(median * 100) / 100.0);
    out.put("ms_min", Math.round(sorted.get(0) * 100) / 100.0);
    out.put("ms_max", Math.round(sorted.get(iters - 1) * 100) / 100.0);
    out.put("img_per_s", Math.round(images / median * 1000 * 100) / 100.0);
    out.put("iters", iters);
    out.put("warmup", warmup);
    out.put("peak_rss_mb", Math.round(DartsMemory.peakKb() / 1024.0 * 10) / 10.0);
    System.out.println(new ObjectMapper().writeValueAsString(out));
  }
}
