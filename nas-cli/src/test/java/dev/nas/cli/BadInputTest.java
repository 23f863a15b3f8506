package dev.nas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input exits 2 with a message naming it, and leaves no run directory behind. */
class BadInputTest {

  @TempDir
  Path tmp;

  private void assertRejected(String expected, String... extra) {
    Path out = tmp.resolve("run");
    String[] args = new String[4 + extra.length];
    args[0] = "search";
    args[1] = Cli.config("nb201-rea.yaml").toString();
    args[2] = "--out";
    args[3] = out.toString();
    System.arraycopy(extra, 0, args, 4, extra.length);
    Cli r = Cli.run(args);
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains(expected), "expected '" + expected + "' in: " + r.err());
    assertFalse(Files.exists(out), "a rejected config must not create " + out);
  }

  @Test
  void unknownStrategy() {
    assertRejected("strategy.type: 'evolutoin' is not accepted; accepted: darts, evolution, hyperband, morphism, nsga2, random, rl, successive-halving (did you mean 'evolution'?)",
        "--set", "strategy.type=evolutoin");
  }

  @Test
  void tournamentLargerThanPopulation() {
    assertRejected("strategy.sample: '20' is not accepted; accepted: an integer from 2 to strategy.population (10)",
        "--set", "strategy.sample=20");
  }

  @Test
  void missingTable() {
    assertRejected("NAS-Bench-201 table not found: looked for " + tmp.resolve("nb201/nb201_table.csv"),
        "--set", "data.root=" + tmp);
  }

  @Test
  void retrainTopKOutOfRange() {
    assertRejected("retrain.top_k: '0' is not accepted; accepted: an integer from 1 to 1000",
        "--set", "retrain.top_k=0", "--set", "retrain.evaluator.type=nb201-table");
  }

  @Test
  void retrainInAnotherSpace() {
    assertRejected("retrain.space: must be the search space's type ('nb201') with other network settings",
        "--set", "retrain.space.type=darts", "--set", "retrain.evaluator.type=nb201-table");
  }

  @Test
  void aRunDirectoryInUseIsNotResumedTwice() throws IOException {
    Path out = tmp.resolve("busy");
    Cli first = Cli.run("search", Cli.config("nb201-rea.yaml").toString(), "--out", out.toString(), "--repeats", "1",
        "--set", "budget.trials=20", "-q");
    assertEquals(0, first.exit(), first.err());
    String summary = Files.readString(out.resolve("summary.json"));
    try (var channel = java.nio.channels.FileChannel.open(out.resolve(".lock"), java.nio.file.StandardOpenOption.WRITE);
        var held = channel.lock()) {
      Cli r = Cli.run("resume", out.toString(), "-q");
      assertEquals(2, r.exit(), r.err());
      assertTrue(r.err().contains("is in use by another nas process"), r.err());
    }
    assertEquals(summary, Files.readString(out.resolve("summary.json")));
    assertEquals(0, Cli.run("resume", out.toString(), "-q").exit(), "free again once the holder let go");
  }

  @Test
  void negativeBudget() {
    assertRejected("budget.trials: '-3' is not accepted; accepted: an integer from 1 to 1000000", "--set", "budget.trials=-3");
  }

  @Test
  void unknownKeyWithSuggestion() {
    assertRejected("strategy.populaton: unknown key; did you mean 'population'?", "--set", "strategy.populaton=12");
  }

  @Test
  void wrongValueType() {
    assertRejected("repeats: 'many' is not accepted; accepted: an integer", "--set", "repeats=many");
  }

  @Test
  void unknownDataset() {
    assertRejected("evaluator.dataset: 'cifar-10' is not accepted; accepted: cifar10, cifar100, imagenet16-120",
        "--set", "evaluator.dataset=cifar-10");
  }

  @Test
  void unknownKeyInTheFile() throws IOException {
    Path config = tmp.resolve("typo.yaml");
    Files.writeString(config, Files.readString(Cli.config("nb201-rea.yaml")).replace("repeats:", "repeat:"));
    Cli r = Cli.run("search", config.toString(), "--out", tmp.resolve("run").toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("repeat: unknown key; did you mean 'repeats'?"), r.err());
  }

  @Test
  void malformedArchString() {
    Cli r = Cli.run("describe", "--space", "nb201", "--arch", "|nor_conv_3x3~0|+|conv_5x5~0|none~1|+|none~0|none~1|none~2|");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("malformed NB201 arch string"), r.err());
    assertTrue(r.err().contains("unknown op 'conv_5x5'; accepted ops: none, skip_connect"), r.err());
  }

  @Test
  void missingConfigFileAndUnknownFlag() {
    Cli r = Cli.run("search", tmp.resolve("none.yaml").toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("config file not found"), r.err());
    Cli f = Cli.run("search", Cli.config("nb201-rea.yaml").toString(), "--sed", "3");
    assertEquals(2, f.exit());
    assertTrue(f.err().contains("--sed"), f.err());
  }

  @Test
  void existingRunDirectoryIsNotOverwritten() throws IOException {
    Path out = tmp.resolve("used");
    Files.createDirectories(out);
    Files.writeString(out.resolve("keep.txt"), "mine");
    Cli r = Cli.run("search", Cli.config("nb201-rea.yaml").toString(), "--out", out.toString(), "--repeats", "1");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("already exists and is not empty"), r.err());
    assertEquals(1, Files.list(out).count());
  }

  @Test
  void resumeOfADirectoryThatIsNotARun() {
    Cli r = Cli.run("resume", tmp.toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("not a run directory"), r.err());
  }

  @Test
  void helpAndVersion() {
    Cli h = Cli.run("--help");
    assertEquals(0, h.exit());
    assertTrue(h.out().contains("search") && h.out().contains("resume") && h.out().contains("describe"), h.out());
    Cli v = Cli.run("--version");
    assertEquals(0, v.exit());
    assertTrue(v.out().startsWith("nas 0."), v.out());
  }
}
