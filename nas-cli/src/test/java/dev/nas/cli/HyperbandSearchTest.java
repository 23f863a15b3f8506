package dev.nas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hyperband and successive halving on the NB201 table's 12- and 200-epoch fidelities, end to end. */
class HyperbandSearchTest {

  private static final String[] ONE_SEED = {"--repeats", "1", "--seed", "7", "-q"};

  @TempDir
  Path tmp;

  @Test
  void journalFollowsTheBracketsAndTheRunStopsAtItsSimulatedBudget() throws IOException {
    Path out = tmp.resolve("hb");
    JsonNode summary = Cli.search("nb201-hyperband.yaml", out, ONE_SEED);
    List<JsonNode> trials = JournalFiles.finished(out);
    // One pass: 9 at 12 epochs, 1 at 200; 5 at 12, 1 at 200; 3 at 200 = 1168 epochs. Three passes
    // (3504) and 9x12 + 200 + 5x12 + 200 of the fourth reach 4072 >= 4000: 57 + 16 = 73 trials.
    assertEquals(73, trials.size());
    int[] pass = {12, 12, 12, 12, 12, 12, 12, 12, 12, 200, 12, 12, 12, 12, 12, 200, 200, 200, 200};
    // Bracket s=2 asks at rungs 0 and 2 (rung 1 is 12 epochs again: scores reused), s=1 at 0 and 1, s=0 at 0.
    int[] rungs = {0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1, 0, 0, 0};
    int[] brackets = {2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 0, 0, 0};
    double cost = 0;
    for (int i = 0; i < trials.size(); i++) {
      JsonNode t = trials.get(i);
      assertEquals(pass[i % pass.length], t.get("fidelity").asInt(), "trial " + i);
      assertEquals(t.get("fidelity").asDouble(), t.get("metrics").get("values").get("epochs").asDouble());
      double expectedSignal = t.get("metrics").get("values").get(t.get("fidelity").asInt() == 12
          ? "valid_acc_12" : "test_acc_200").asDouble();
      assertEquals(expectedSignal, t.get("metrics").get("signal").asDouble());
      assertEquals(rungs[i % pass.length], t.get("proposal").get("rung").asInt(), "trial " + i);
      assertEquals(brackets[i % pass.length], t.get("proposal").get("bracket").asInt(), "trial " + i);
      assertEquals(i / pass.length, t.get("proposal").get("iteration").asInt(), "trial " + i);
      cost += t.get("fidelity").asDouble();
    }
    assertEquals(4072.0, cost);
    // Bracket 0's 200-epoch trial is the best 12-epoch cell of its 9.
    String best9 = trials.subList(0, 9).stream()
        .max(java.util.Comparator.comparingDouble(t -> t.get("metrics").get("signal").asDouble()))
        .orElseThrow().get("notation").asText();
    assertEquals(best9, trials.get(9).get("notation").asText());

    JsonNode run = summary.get("runs").get(0);
    assertEquals("budget.cost", run.get("stop_reason").asText());
    assertEquals(200, run.get("best").get("fidelity").asInt());
    assertEquals("test_acc_200", run.get("best").get("signal_metric").asText());
    double best200 = trials.stream().filter(t -> t.get("fidelity").asInt() == 200)
        .mapToDouble(t -> t.get("metrics").get("signal").asDouble()).max().orElseThrow();
    assertEquals(best200, run.get("best").get("signal").asDouble());
    assertFalse(summary.has("budget_trials"));
    assertEquals(4000.0, summary.get("budget_cost").asDouble());
  }

  @Test
  void aRunCutShortResumesToTheSameJournalAndResult() throws IOException {
    Path whole = tmp.resolve("whole");
    Cli.search("nb201-hyperband.yaml", whole, ONE_SEED);
    Path cut = tmp.resolve("cut");
    Files.createDirectories(cut);
    for (String f : new String[] {"config.yaml", "provenance.json"}) {
      Files.copy(whole.resolve(f), cut.resolve(f));
    }
    // 31 lines: mid-way through a rung, ending with a trial that started and never finished.
    List<String> lines = Files.readAllLines(whole.resolve("journal.jsonl")).subList(0, 31);
    Files.write(cut.resolve("journal.jsonl"), lines);
    Cli r = Cli.run("resume", cut.toString(), "-q");
    assertEquals(0, r.exit(), r.err());
    assertEquals(JournalFiles.timeless(whole), JournalFiles.timeless(cut));
    assertEquals(Files.readString(whole.resolve("result.json")), Files.readString(cut.resolve("result.json")));
  }

  @Test
  void successiveHalvingRunsTheMostAggressiveBracketOnly() throws IOException {
    Path out = tmp.resolve("sh");
    Cli.search("nb201-hyperband.yaml", out, "--repeats", "1", "--seed", "7", "-q", "--set",
        "strategy.type=successive-halving", "--set", "budget.cost=700");
    List<Integer> fidelities = JournalFiles.finished(out).stream().map(t -> t.get("fidelity").asInt()).toList();
    // 9 at 12 epochs, then the best at 200 (308 epochs), twice; then 7 at 12 reach 616 + 84 = 700.
    List<Integer> expected = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < (round < 2 ? 9 : 7); i++) {
        expected.add(12);
      }
      if (round < 2) {
        expected.add(200);
      }
    }
    assertEquals(expected, fidelities);
  }

  @Test
  void badSchedulerSettingsAreRefusedBeforeAnyDirectoryExists() {
    Path out = tmp.resolve("bad");
    Cli r = Cli.run("search", Cli.config("nb201-hyperband.yaml").toString(), "--out", out.toString(),
        "--set", "strategy.min_fidelity=50");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("min_fidelity") && r.err().contains("[12, 200] epochs"), r.err());
    r = Cli.run("search", Cli.config("nb201-hyperband.yaml").toString(), "--out", out.toString(),
        "--set", "strategy.eta=20");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("strategy.eta") && r.err().contains("200/12"), r.err());
    r = Cli.run("search", Cli.config("nb201-hyperband.yaml").toString(), "--out", out.toString(),
        "--set", "evaluator.fidelity=100");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("evaluator.fidelity") && r.err().contains("12 or 200"), r.err());
    assertFalse(Files.exists(out));
  }
}
