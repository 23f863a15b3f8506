package dev.nas.cli;

import static dev.nas.cli.JournalFiles.finishedTrials;
import static dev.nas.cli.JournalFiles.timeless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nas.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-shot pipeline of configs/cifar10-oneshot-quick.yaml at toy size (tiny DARTS networks, 256
 * CIFAR-10 sample images): supernet warm-up, evolution on supernet scores, top-2 retrained from
 * scratch. A real {@code nas search} process is killed with SIGKILL in the middle of the search;
 * {@code nas resume} finishes it with the same journal, the same retrained architectures and a
 * byte-identical result.json as an uninterrupted run, because the supernet is checkpointed with
 * the strategy after every trial.
 */
class OneShotPipelineTest {

  private static final String CONFIG = """
      name: tiny-oneshot
      seed: 5
      space: {type: darts, channels: 4, layers: 3, auxiliary: false}
      evaluator: {type: supernet, train_images: 256, batch_size: 32, steps: 2, valid_batches: 2, warmup_steps: 3}
      strategy: {type: evolution, population: 3, sample: 2}
      budget: {trials: 14}
      retrain:
        top_k: 2
        evaluator: {type: standalone, train_images: 256, valid_fraction: 0.25, batch_size: 32, epochs: 1}
      """;

  @TempDir
  static Path tmp;

  static Path config;
  static Path whole;
  static Cli wholeRun;

  @BeforeAll
  static void uninterruptedRun() throws IOException {
    config = tmp.resolve("tiny.yaml");
    Files.writeString(config, CONFIG);
    whole = tmp.resolve("whole");
    wholeRun = Cli.run("search", config.toString(), "--out", whole.toString(), "-q");
    assertEquals(0, wholeRun.exit(), wholeRun.err());
  }

  @Test
  void printsTheRetrainedBestAndWritesTheRunFiles() throws IOException {
    assertTrue(wholeRun.out().contains("retrained best: Genotype(normal=["), wholeRun.out());
    assertTrue(wholeRun.out().contains("test_acc"), wholeRun.out());
    for (String f : new String[] {"summary.json", "journal.jsonl", "provenance.json", "result.json", "retrain.jsonl"}) {
      assertTrue(Files.exists(whole.resolve(f)), f);
    }
    JsonNode summary = Json.json().readTree(whole.resolve("summary.json").toFile());
    JsonNode chosen = summary.path("retrain").path("chosen");
    assertEquals("test_acc", summary.path("retrain").path("reported_metric").asText());
    double test = summary.path("retrain").path("chosen_reported").asDouble(-1);
    assertTrue(test >= 0 && test <= 100, summary.toString());
    assertEquals(test, chosen.path("metrics").path("test_acc").asDouble(), 0.0);
    assertEquals(2, Files.readAllLines(whole.resolve("retrain.jsonl")).size());
    // The two retrained cells are the two best distinct supernet scores of the journal.
    double[] best = Files.readAllLines(whole.resolve("journal.jsonl")).stream().filter(l -> l.contains("SUCCEEDED"))
        .mapToDouble(l -> {
          try {
            return Json.json().readTree(l).path("metrics").path("signal").asDouble();
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }).sorted().toArray();
    JsonNode first = Json.json().readTree(Files.readAllLines(whole.resolve("retrain.jsonl")).get(0));
    assertEquals(best[best.length - 1], first.path("search_signal").asDouble(), 0.0);
    try (var files = Files.list(whole.resolve("state"))) {
      assertEquals(List.of("evaluator-14.bin", "strategy.json"),
          files.map(p -> p.getFileName().toString()).sorted().toList(), "one supernet checkpoint, the latest");
    }
  }

  @Test
  void sigkillMidSearchThenResumeGivesTheUninterruptedResult() throws Exception {
    Path out = tmp.resolve("killed");
    Path log = tmp.resolve("killed.log");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), NasCommand.class.getName(),
        "search", config.toString(), "--out", out.toString(), "-q")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
    while (finishedTrials(out) < 6) {
      assertTrue(p.isAlive(), "the search ended before it could be killed: " + Files.readString(log));
      assertTrue(System.nanoTime() < deadline, "timed out waiting for the journal");
      Thread.sleep(20);
    }
    p.destroyForcibly();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(137, p.exitValue());
    assertFalse(Files.exists(out.resolve("result.json")));
    assertFalse(Files.exists(out.resolve("retrain.jsonl")), "killed during the search, before retraining");

    Cli r = Cli.run("resume", out.toString(), "-q");
    assertEquals(0, r.exit(), r.err());
    assertEquals(timeless(whole), timeless(out));
    assertEquals(Files.readString(whole.resolve("result.json")), Files.readString(out.resolve("result.json")));
    assertEquals(Files.readString(whole.resolve("summary.json")), Files.readString(out.resolve("summary.json")));
  }
}
