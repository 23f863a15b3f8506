package dev.nas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a new user meets first: help, a dry run, the list of runs, warnings and the summary lines. */
class NewcomerTest {

  @TempDir
  Path tmp;

  @Test
  void helpOfACommand() {
    Cli r = Cli.run("help", "search");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("--dry-run") && r.out().contains("seeds S, S+1, ..., S+N-1"), r.out());
  }

  @Test
  void aDryRunPrintsTheResolvedConfigAndWritesNothing() {
    Path out = tmp.resolve("run");
    Cli r = Cli.run("search", Cli.config("nb201-rea.yaml").toString(), "--out", out.toString(), "--dry-run",
        "--set", "strategy.population=400", "--set", "budget.trials=50");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("population: 400") && r.out().contains("count_duplicates: true")
        && r.out().contains("root: "), r.out());
    assertTrue(r.err().contains("nas: warning: strategy.population (400) >= budget.trials (50)"), r.err());
    assertTrue(r.err().contains("is valid; nothing was run (--dry-run)"), r.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void runsListsFinishedStoppedAndRunningRunDirectories() throws IOException {
    Path runs = tmp.resolve("runs");
    Cli.search("nb201-rea.yaml", runs.resolve("done"), "--repeats", "2", "--set", "budget.trials=20", "-q");
    Cli.search("nb201-rea.yaml", runs.resolve("stopped"), "--repeats", "1", "--set", "budget.trials=30", "-q");
    Files.delete(runs.resolve("stopped/summary.json"));
    Files.delete(runs.resolve("stopped/result.json"));
    Cli.search("nb201-rea.yaml", runs.resolve("live"), "--repeats", "1", "--set", "budget.trials=10", "-q");
    Files.delete(runs.resolve("live/summary.json"));
    try (FileChannel ch = FileChannel.open(runs.resolve("live/.lock"), StandardOpenOption.WRITE);
        var held = ch.lock()) {
      Cli r = Cli.run("runs", runs.toString());
      assertEquals(0, r.exit(), r.err());
      assertTrue(r.out().matches("(?s).*done\\s+finished\\s+40/40\\s+test_acc_200 \\d+\\.\\d{3} \\(mean of 2\\).*"),
          r.out());
      assertTrue(r.out().matches("(?s).*stopped\\s+stopped\\s+30/30\\s+nas resume .*stopped.*"), r.out());
      assertTrue(r.out().matches("(?s).*live\\s+running\\s+10/10.*"), r.out());
      // An export of a live run says it is running, not "resume it" (which the lock would refuse).
      Cli e = Cli.run("export", runs.resolve("live").toString());
      assertEquals(2, e.exit());
      assertTrue(e.err().contains("its search is still running"), e.err());
    }
  }

  @Test
  void theSummaryShowsTheHypervolumeOfAMultiObjectiveSearch() throws IOException {
    Path out = tmp.resolve("pareto");
    Cli r = Cli.run("search", Cli.config("nb201-pareto.yaml").toString(), "--out", out.toString(), "--repeats", "2",
        "--set", "budget.trials=60", "-q");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().matches("(?s).*hypervolume: mean [0-9.e+]+ ± [0-9.e+]+ \\(std over 2 runs\\); Pareto front of all"
        + " runs: \\d+ architectures.*"), r.out());
  }
}
