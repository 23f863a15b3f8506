package dev.nas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nas.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --log-format json}: stderr is one JSON event per line, for scripts. */
class LogFormatTest {

  @TempDir
  Path tmp;

  @Test
  void jsonLogIsOneEventPerLineMatchingTheJournal() throws IOException {
    Path out = tmp.resolve("run");
    Cli r = Cli.run("search", Cli.config("nb201-rea.yaml").toString(), "--out", out.toString(), "--repeats", "2",
        "--set", "budget.trials=25", "--log-format", "json");
    assertEquals(0, r.exit(), r.err());
    List<JsonNode> events = new ArrayList<>();
    for (String line : r.err().split("\n")) {
      events.add(Json.json().readTree(line));
    }
    assertEquals("experiment_started", events.get(0).get("event").asText());
    assertEquals(50, events.get(0).get("total_trials").asLong());
    List<JsonNode> trials = events.stream().filter(e -> e.get("event").asText().equals("trial_finished")).toList();
    assertEquals(50, trials.size());
    assertEquals(2, events.stream().filter(e -> e.get("event").asText().equals("run_finished")).count());
    // The events say what the journal says.
    List<String> journal = Files.readAllLines(out.resolve("seed-0/journal.jsonl")).stream()
        .filter(l -> l.contains("\"SUCCEEDED\"")).toList();
    for (int i = 0; i < 25; i++) {
      JsonNode t = Json.json().readTree(journal.get(i));
      assertEquals(t.get("notation").asText(), trials.get(i).get("notation").asText());
      assertEquals(t.get("metrics").get("signal").asDouble(), trials.get(i).get("signal").asDouble());
    }
    assertTrue(r.out().contains("summary:"), r.out());
  }

  @Test
  void anUnknownLogFormatIsRefused() {
    Cli r = Cli.run("search", Cli.config("nb201-rea.yaml").toString(), "--out", tmp.resolve("x").toString(),
        "--log-format", "xml");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--log-format") && r.err().contains("text, json"), r.err());
    assertTrue(!Files.exists(tmp.resolve("x")));
  }
}
