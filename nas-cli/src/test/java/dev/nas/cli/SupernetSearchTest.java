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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code nas search} with the supernet evaluator, end to end at toy size (tiny networks on 256
 * CIFAR-10 sample images, 2 SGD steps per child): every space with networks, every strategy;
 * config types resolve, every trial is journaled with its score, the same seed gives the same
 * scores.
 */
class SupernetSearchTest {

  @TempDir
  Path tmp;

  private static final String EVALUATOR =
      "evaluator: {type: supernet, train_images: 256, batch_size: 32, steps: 2, valid_batches: 2, warmup_steps: 2}\n";

  private List<Double> search(String space, String strategy, String out) throws IOException {
    Path config = tmp.resolve(out + ".yaml");
    Files.writeString(config, "name: tiny-supernet\nseed: 3\nspace: " + space + "\n" + EVALUATOR
        + "strategy: " + strategy + "\nbudget: {trials: 4}\n");
    Cli r = Cli.run("search", config.toString(), "--out", tmp.resolve(out).toString(), "-q");
    assertEquals(0, r.exit(), r.err());
    List<Double> scores = new ArrayList<>();
    for (String line : Files.readAllLines(tmp.resolve(out).resolve("journal.jsonl"))) {
      JsonNode event = Json.json().readTree(line);
      if (event.path("status").asText().equals("SUCCEEDED")) {
        scores.add(event.path("metrics").path("signal").asDouble());
      }
    }
    return scores;
  }

  @ParameterizedTest(name = "{0} with {1}")
  @CsvSource(delimiter = ';', value = {
      "{type: darts, channels: 4, layers: 3, auxiliary: false}; {type: random}",
      "{type: darts, channels: 4, layers: 3, auxiliary: false}; {type: evolution, population: 2, sample: 2}",
      "{type: darts, channels: 4, layers: 3, auxiliary: false}; {type: rl, hidden: 8}",
      "{type: enas-macro, layers: 3, filters: 4}; {type: random}",
      "{type: enas-macro, layers: 3, filters: 4}; {type: evolution, population: 2, sample: 2}",
      "{type: enas-macro, layers: 3, filters: 4}; {type: rl, hidden: 8}",
      "{type: nb201, channels: 4, cells: 1}; {type: rl, hidden: 8}",
      "{type: nb201, channels: 4, cells: 1}; {type: evolution, population: 2, sample: 2}",
      "{type: chain, stem: 4, stages: [{channels: 4, stride: 1}, {channels: 8, stride: 2}], head: 16}; {type: random}"})
  void eachSpaceAndStrategyRunsOnTheSupernet(String space, String strategy) throws IOException {
    List<Double> scores = search(space, strategy, "run");
    assertEquals(4, scores.size(), "four scored trials");
    scores.forEach(s -> assertTrue(s >= 0 && s <= 100, "score " + s));
  }

  @Test
  void hyperbandSchedulesSupernetSteps() throws IOException {
    Path config = tmp.resolve("hb.yaml");
    Files.writeString(config, "name: tiny-hyperband\nseed: 3\nspace: {type: nb201, channels: 4, cells: 1}\n"
        + EVALUATOR.replace("steps: 2,", "steps: 4,") + "strategy: {type: hyperband, eta: 2}\nbudget: {trials: 7}\n");
    Cli r = Cli.run("search", config.toString(), "--out", tmp.resolve("hb").toString(), "-q");
    assertEquals(0, r.exit(), r.err());
    List<Integer> fidelities = new ArrayList<>();
    for (String line : Files.readAllLines(tmp.resolve("hb").resolve("journal.jsonl"))) {
      JsonNode event = Json.json().readTree(line);
      if (event.path("status").asText().equals("SUCCEEDED")) {
        fidelities.add(event.path("fidelity").asInt());
      }
    }
    // Steps 1..4, eta 2: s_max = 2, the first bracket trains 4 children 1 step, 2 of them 2, 1 of them 4.
    assertEquals(List.of(1, 1, 1, 1, 2, 2, 4), fidelities);
  }

  @Test
  void aSupernetSearchIsReproducibleFromItsSeed() throws IOException {
    String space = "{type: darts, channels: 4, layers: 3, auxiliary: false}";
    List<Double> first = search(space, "{type: rl, hidden: 8}", "a");
    assertEquals(first, search(space, "{type: rl, hidden: 8}", "b"));
  }
}
