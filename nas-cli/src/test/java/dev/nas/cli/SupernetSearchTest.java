package dev.nas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nas.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nas search} with the supernet evaluator, end to end at toy size (a 3-cell, 4-channel
 * DARTS network on 256 CIFAR-10 sample images): config types resolve, every trial is journaled
 * with its score, and the same seed gives the same journal scores.
 */
class SupernetSearchTest {

  @TempDir
  Path tmp;

  private static final String CONFIG = """
      name: tiny-supernet
      seed: 3
      space: {type: darts, channels: 4, layers: 3, auxiliary: false}
      evaluator: {type: supernet, train_images: 256, batch_size: 32, steps: 2, valid_batches: 2}
      strategy: {type: random}
      budget: {trials: 4}
      """;

  private List<Double> search(String out) throws IOException {
    Path config = tmp.resolve("tiny.yaml");
    Files.writeString(config, CONFIG);
    Cli r = Cli.run("search", config.toString(), "--out", tmp.resolve(out).toString(), "-q");
    assertEquals(0, r.exit(), r.err());
    List<Double> scores = new java.util.ArrayList<>();
    for (String line : Files.readAllLines(tmp.resolve(out).resolve("journal.jsonl"))) {
      JsonNode event = Json.json().readTree(line);
      if (event.path("status").asText().equals("SUCCEEDED")) {
        scores.add(event.path("metrics").path("signal").asDouble());
      }
    }
    return scores;
  }

  @Test
  void aSupernetSearchRunsAndIsReproducible() throws IOException {
    List<Double> first = search("a");
    assertEquals(4, first.size(), "four scored trials");
    first.forEach(s -> assertTrue(s >= 0 && s <= 100, "score " + s));
    assertEquals(first, search("b"));
  }
}
