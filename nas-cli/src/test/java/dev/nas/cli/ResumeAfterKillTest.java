package dev.nas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code nas search} process is stopped by SIGTERM, as Ctrl-C would, in the middle of its
 * second repeat (SIGKILL at many random points is {@link KillLoopTest}); {@code nas resume} then finishes it, and its summary.json
 * and every run's result.json are byte-identical to an uninterrupted run with the same seed.
 */
class ResumeAfterKillTest {

  private static final String[] SETTINGS = {"--seed", "17", "--repeats", "2", "--set", "budget.trials=15000", "-q"};

  @TempDir
  static Path tmp;

  static Path whole;

  @BeforeAll
  static void uninterruptedRun() {
    whole = tmp.resolve("whole");
    List<String> args = new ArrayList<>(List.of("search", Cli.config("nb201-rea.yaml").toString(), "--out", whole.toString()));
    args.addAll(List.of(SETTINGS));
    Cli r = Cli.run(args.toArray(String[]::new));
    assertEquals(0, r.exit(), r.err());
  }

  private static Process startSearch(Path out) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), NasCommand.class.getName(),
        "search", Cli.config("nb201-rea.yaml").toString(), "--out", out.toString()));
    cmd.addAll(List.of(SETTINGS));
    return new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(out.resolveSibling(out.getFileName() + ".log").toFile()).start();
  }

  /** Waits until the second repeat's journal holds some trials, then signals the process. */
  private static int interrupt(Process p, Path out, boolean forcibly) throws Exception {
    Path journal = out.resolve("seed-18").resolve("journal.jsonl");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!(Files.exists(journal) && Files.size(journal) > 400_000)) {
      assertTrue(p.isAlive(), "the search ended before it could be interrupted: "
          + Files.readString(out.resolveSibling(out.getFileName() + ".log")));
      assertTrue(System.nanoTime() < deadline, "timed out waiting for the journal");
      Thread.sleep(5);
    }
    if (forcibly) {
      p.destroyForcibly();
    } else {
      p.destroy();
    }
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return p.exitValue();
  }

  private static void assertSameOutcome(Path dir) throws IOException {
    assertEquals(Files.readString(whole.resolve("summary.json")), Files.readString(dir.resolve("summary.json")));
    for (String run : new String[] {"seed-17", "seed-18"}) {
      assertEquals(Files.readString(whole.resolve(run).resolve("result.json")),
          Files.readString(dir.resolve(run).resolve("result.json")), run);
    }
  }

  @Test
  void sigtermStopsCleanlyThenResume() throws Exception {
    Path out = tmp.resolve("stopped");
    int exit = interrupt(startSearch(out), out, false);
    assertEquals(143, exit);
    String log = Files.readString(out.resolveSibling("stopped.log"));
    assertTrue(log.contains("nas resume"), log);
    // A clean stop leaves no torn line and a checkpoint covering every journaled trial.
    String journal = Files.readString(out.resolve("seed-18").resolve("journal.jsonl"));
    assertTrue(journal.endsWith("\n"));
    Cli r = Cli.run("resume", out.toString(), "-q");
    assertEquals(0, r.exit(), r.err());
    assertSameOutcome(out);
  }
}
