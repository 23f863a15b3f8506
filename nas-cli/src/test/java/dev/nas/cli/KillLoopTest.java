package dev.nas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kill -9 at random points, again and again: a real {@code nas search} process is killed
 * (SIGKILL) once its journals have grown by a random amount, then {@code nas resume} is started
 * and killed the same way, {@value #KILLS} times per strategy; a last resume finishes the run. Its
 * summary.json and every run's result.json must be byte-identical to those of the uninterrupted
 * run. The random points fall anywhere: mid-line in the journal, in a checkpoint's write, in the
 * supernet's weight file, between repeats. The seed of the kill points is printed (set
 * {@code -Dnas.killSeed=N} to replay it).
 */
class KillLoopTest {

  static final int KILLS = 10;

  @TempDir
  static Path tmp;

  private static final long SEED = Long.getLong("nas.killSeed", System.nanoTime());
  private static final SplittableRandom RANDOM = new SplittableRandom(SEED);
  private static int totalKills;

  /** A search for each strategy, sized so that it outlives {@value #KILLS} kills. */
  private static final Map<String, List<String>> SEARCHES = Map.of(
      "evolution", List.of(Cli.config("nb201-rea.yaml").toString(), "--repeats", "2", "--set", "budget.trials=2500"),
      "rl", List.of(Cli.config("nb201-rl.yaml").toString(), "--repeats", "2", "--set", "budget.trials=1500"),
      "nsga2", List.of(Cli.config("nb201-pareto.yaml").toString(), "--repeats", "2", "--set", "budget.trials=2500"),
      "hyperband", List.of(Cli.config("nb201-hyperband.yaml").toString(), "--repeats", "3", "--set",
          "budget.cost=60000"),
      "supernet", List.of("{tiny-supernet}", "--repeats", "1"),
      "zero-cost", List.of("{tiny-zero-cost}", "--repeats", "1"));

  @AfterAll
  static void report() {
    System.out.println("kill loop: " + totalKills + " SIGKILLs at random points (seed " + SEED + "), every resumed"
        + " run identical to the uninterrupted one");
  }

  @ParameterizedTest
  @ValueSource(strings = {"evolution", "rl", "nsga2", "hyperband", "supernet", "zero-cost"})
  void killedAgainAndAgainThenResumedGivesTheSameResult(String strategy) throws Exception {
    List<String> search = new ArrayList<>(SEARCHES.get(strategy));
    if (search.get(0).equals("{tiny-supernet}")) {
      Path config = tmp.resolve("tiny-supernet.yaml");
      Files.writeString(config, "name: tiny-supernet\nseed: 3\nspace: {type: nb201, channels: 4, cells: 1}\n"
          + "evaluator: {type: supernet, train_images: 256, batch_size: 32, steps: 2, valid_batches: 2,"
          + " warmup_steps: 2}\nstrategy: {type: evolution, population: 4, sample: 2}\nbudget: {trials: 120}\n");
      search.set(0, config.toString());
    }
    if (search.get(0).equals("{tiny-zero-cost}")) {
      Path config = tmp.resolve("tiny-zero-cost.yaml");
      Files.writeString(config, "name: tiny-zero-cost\nseed: 3\nspace: {type: nb201, channels: 4, cells: 1}\n"
          + "evaluator: {type: zero-cost, proxy: ensemble, batch_size: 16, reference: 4}\n"
          + "strategy: {type: evolution, population: 4, sample: 2}\nbudget: {trials: 150}\n");
      search.set(0, config.toString());
    }
    Path whole = tmp.resolve(strategy + "-whole");
    List<String> args = new ArrayList<>(List.of("search", search.get(0), "--out", whole.toString(), "-q"));
    args.addAll(search.subList(1, search.size()));
    Cli r = Cli.run(args.toArray(String[]::new));
    assertEquals(0, r.exit(), r.err());

    Path killed = tmp.resolve(strategy + "-killed");
    List<String> first = new ArrayList<>(List.of("search", search.get(0), "--out", killed.toString(), "-q"));
    first.addAll(search.subList(1, search.size()));
    int kills = 0;
    for (int i = 0; i < KILLS; i++) {
      Process p = start(i == 0 ? first : List.of("resume", killed.toString(), "-q"), killed);
      if (!killAtRandomPoint(p, killed, strategy.equals("supernet") || strategy.equals("zero-cost"))) {
        break; // it finished before the kill point: nothing left to kill
      }
      kills++;
    }
    totalKills += kills;
    assertEquals(KILLS, kills, strategy + ": the run finished after " + kills + " kills; make it longer");
    Cli resumed = Cli.run("resume", killed.toString(), "-q");
    assertEquals(0, resumed.exit(), resumed.err());
    assertEquals(results(whole), results(killed), strategy + " after " + kills + " kills (seed " + SEED + ")");
  }

  private static Process start(List<String> nasArgs, Path dir) throws IOException {
    // The quick-start JIT and GC: each process lives a few seconds, most of it starting up.
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), NasCommand.class.getName()));
    cmd.addAll(nasArgs);
    return new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolveSibling(dir.getFileName() + ".log").toFile()))
        .start();
  }

  /**
   * Waits until the run's journals have grown by a random amount (or, for the supernet, for a
   * random time once it journals), then SIGKILLs the process. False if it finished first.
   */
  private static boolean killAtRandomPoint(Process p, Path dir, boolean byTime) throws Exception {
    long start = journalBytes(dir);
    long target = start + RANDOM.nextLong(2_000, 150_000);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    long firstGrowth = 0;
    long wait = RANDOM.nextLong(0, 1_500);
    while (true) {
      if (!p.isAlive()) {
        assertEquals(0, p.exitValue(), "the process failed: " + Files.readString(dir.resolveSibling(
            dir.getFileName() + ".log")));
        return false;
      }
      long now = journalBytes(dir);
      if (byTime) {
        if (now > start && firstGrowth == 0) {
          firstGrowth = System.nanoTime();
        }
        if (firstGrowth != 0 && System.nanoTime() - firstGrowth >= TimeUnit.MILLISECONDS.toNanos(wait)) {
          break;
        }
      } else if (now >= target) {
        break;
      }
      assertTrue(System.nanoTime() < deadline, "timed out waiting for the journal to grow");
      Thread.sleep(2);
    }
    p.destroyForcibly();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return p.exitValue() == 137; // 0: it finished just before the kill
  }

  /** The journals' total size; only their known places are read, as checkpoints come and go meanwhile. */
  private static long journalBytes(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    long bytes = dir.resolve("journal.jsonl").toFile().length();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(p -> p.getFileName().toString().startsWith("seed-")).toList()) {
        bytes += p.resolve("journal.jsonl").toFile().length();
      }
    }
    return bytes;
  }

  /** summary.json and every result.json, by path. */
  private static Map<String, String> results(Path dir) throws IOException {
    Map<String, String> all = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path f : s.filter(f -> f.getFileName().toString().equals("result.json")
          || f.getFileName().toString().equals("summary.json")).toList()) {
        all.put(dir.relativize(f).toString(), Files.readString(f));
      }
    }
    assertTrue(all.containsKey("summary.json"), dir + " has no summary.json");
    return all;
  }
}
