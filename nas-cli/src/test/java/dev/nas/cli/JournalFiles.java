package dev.nas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nas.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reading a run directory's journal the way the end-to-end tests compare runs. */
final class JournalFiles {

  private JournalFiles() {}

  /** The journal without timestamps: what two runs of one seed must agree on. */
  static List<String> timeless(Path dir) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("journal.jsonl"))) {
      ObjectNode n = (ObjectNode) Json.json().readTree(line);
      n.remove("started");
      n.remove("finished");
      out.add(n.toString());
    }
    return out;
  }

  /** The finished trials of {@code dir}'s journal (succeeded, failed or pruned), in journal order. */
  static List<JsonNode> finished(Path dir) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("journal.jsonl"))) {
      JsonNode n = Json.json().readTree(line);
      if (!n.path("status").asText().equals("RUNNING")) {
        out.add(n);
      }
    }
    return out;
  }

  /** Trials of {@code dir}'s journal that finished (succeeded or failed); 0 before the journal exists. */
  static long finishedTrials(Path dir) {
    Path journal = dir.resolve("journal.jsonl");
    if (!Files.exists(journal)) {
      return 0;
    }
    try {
      return Files.readAllLines(journal).stream().filter(l -> l.contains("\"SUCCEEDED\"") || l.contains("\"FAILED\""))
          .count();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
