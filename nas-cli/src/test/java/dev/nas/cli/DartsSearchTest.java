package dev.nas.cli;

import static dev.nas.cli.JournalFiles.finishedTrials;
import static dev.nas.cli.JournalFiles.timeless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nas.core.arch.Architecture;
import dev.nas.core.config.ConfigLoader;
import dev.nas.core.config.ExperimentConfig;
import dev.nas.core.data.DataRoot;
import dev.nas.core.experiment.Experiment;
import dev.nas.core.experiment.RunListener;
import dev.nas.core.json.Json;
import dev.nas.spaces.darts.DartsMacro;
import dev.nas.spaces.darts.DartsSpace;
import dev.nas.spaces.nb201.Nb201Macro;
import dev.nas.spaces.nb201.Nb201Space;
import dev.nas.spaces.network.RelaxableSpace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code strategy: {type: darts}} end to end at toy size (tiny networks, 256 CIFAR-10 sample
 * images): one trial per epoch whose architecture is derived from the journaled softmax, the
 * final epoch's cell retrained and printed as a genotype {@code nas describe} accepts, second
 * order and DARTS- on NB201, and a stop after an epoch resumed to the uninterrupted result.
 */
class DartsSearchTest {

  private static final String CONFIG = """
      name: tiny-darts
      seed: 2
      space: {type: darts, channels: 4, layers: 3, auxiliary: false}
      evaluator: {type: supernet, train_images: 256, batch_size: 32, steps: 0, valid_batches: 2}
      strategy: {type: darts, epochs: 3, steps_per_epoch: 2, batch_size: 16, arch_lr: 0.05}
      budget: {trials: 10}
      retrain:
        select: latest
        evaluator: {type: standalone, train_images: 128, valid_fraction: 0.25, batch_size: 32, epochs: 1}
      """;

  @TempDir
  static Path tmp;

  static Path config;
  static Path whole;
  static Cli wholeRun;

  @BeforeAll
  static void uninterruptedRun() throws IOException {
    config = tmp.resolve("darts.yaml");
    Files.writeString(config, CONFIG);
    whole = tmp.resolve("whole");
    wholeRun = Cli.run("search", config.toString(), "--out", whole.toString(), "-q");
    assertEquals(0, wholeRun.exit(), wholeRun.err());
  }


  private static Map<String, double[][]> alphas(JsonNode trial) throws IOException {
    Map<String, double[][]> m = new LinkedHashMap<>();
    var fields = trial.path("proposal").path("alphas").fields();
    while (fields.hasNext()) {
      var e = fields.next();
      m.put(e.getKey(), Json.json().treeToValue(e.getValue(), double[][].class));
    }
    return m;
  }

  @Test
  void oneTrialPerEpochEachTheCellItsJournaledWeightsDerive() throws IOException {
    List<JsonNode> trials = JournalFiles.finished(whole);
    assertEquals(3, trials.size(), "three epochs, then the strategy is done although the budget allows 10");
    RelaxableSpace space = new DartsSpace(new DartsMacro(4, 3, 10, 32, false));
    double[][] first = null;
    for (int e = 0; e < 3; e++) {
      JsonNode t = trials.get(e);
      assertEquals("SUCCEEDED", t.path("status").asText());
      assertEquals(e + 1, t.path("proposal").path("epoch").asInt());
      Map<String, double[][]> alphas = alphas(t);
      assertEquals(List.of("alpha.normal", "alpha.reduce"), List.copyOf(alphas.keySet()));
      for (double[][] matrix : alphas.values()) {
        assertEquals(14, matrix.length);
        for (double[] row : matrix) {
          assertEquals(8, row.length);
          assertEquals(1.0, java.util.Arrays.stream(row).sum(), 1e-9, "a softmax row");
        }
      }
      Architecture derived = space.derive(alphas);
      assertEquals(derived.hash(), t.path("arch").path("hash").asText(), "epoch " + (e + 1));
      if (e == 0) {
        first = alphas.get("alpha.normal");
      } else {
        assertNotEquals(first[0][0], alphas.get("alpha.normal")[0][0], "the architecture weights are trained");
      }
    }
    assertEquals("strategy done", Json.json().readTree(whole.resolve("result.json").toFile()).path("stop_reason").asText());
  }

  @Test
  void theFinalCellIsRetrainedAndItsPrintedGenotypeIsAcceptedByDescribe() throws IOException {
    List<JsonNode> trials = JournalFiles.finished(whole);
    JsonNode retrained = Json.json().readTree(Files.readAllLines(whole.resolve("retrain.jsonl")).get(0));
    assertEquals(trials.get(trials.size() - 1).path("id").asInt(), retrained.path("trial").asInt(),
        "select: latest retrains the last epoch's cell");
    String out = wholeRun.out();
    int at = out.indexOf("retrained best: ") + "retrained best: ".length();
    String genotype = out.substring(at, out.indexOf(")  valid_acc", at) + 1);
    assertTrue(genotype.startsWith("Genotype(normal=["), out);
    Cli describe = Cli.run("describe", "--space", "darts", "--genotype", genotype);
    assertEquals(0, describe.exit(), describe.err());
    assertTrue(describe.out().contains("params"), describe.out());
  }

  @Test
  void secondOrderWithDartsMinusOnNb201() throws IOException {
    Path cfg = tmp.resolve("nb201.yaml");
    Files.writeString(cfg, """
        name: tiny-nb201-darts
        seed: 1
        space: {type: nb201, channels: 4, cells: 1}
        evaluator: {type: supernet, train_images: 256, batch_size: 32, steps: 0, valid_batches: 2}
        strategy: {type: darts, order: 2, epochs: 2, steps_per_epoch: 2, batch_size: 16, protection: darts-minus}
        budget: {trials: 5}
        """);
    Path out = tmp.resolve("nb201");
    Cli r = Cli.run("search", cfg.toString(), "--out", out.toString(), "-q");
    assertEquals(0, r.exit(), r.err());
    List<JsonNode> trials = JournalFiles.finished(out);
    assertEquals(2, trials.size());
    assertEquals(1.0, trials.get(0).path("proposal").path("aux_skip").asDouble(), 0.0);
    assertEquals(0.5, trials.get(1).path("proposal").path("aux_skip").asDouble(), 0.0, "linear decay over 2 epochs");
    Nb201Space space = Nb201Space.of(new Nb201Macro(4, 1, 10, 32));
    for (JsonNode t : trials) {
      assertEquals(space.derive(alphas(t)).hash(), t.path("arch").path("hash").asText());
    }
  }

  @Test
  void aStopAfterAnEpochResumesToTheUninterruptedResult() throws IOException {
    ConfigLoader loader = ConfigLoader.withInstalledTypes();
    ExperimentConfig cfg = loader.load(config, List.of());
    Experiment experiment = Experiment.prepare(cfg, loader, DataRoot.resolve(cfg.data()));
    Path out = tmp.resolve("stopped");
    var stopped = experiment.start(out, RunListener.NONE, () -> finishedTrials(out) >= 1);
    assertTrue(stopped.isEmpty(), "stopped after the first epoch");
    assertEquals(1, finishedTrials(out));
    assertFalse(Files.exists(out.resolve("result.json")));

    Cli r = Cli.run("resume", out.toString(), "-q");
    assertEquals(0, r.exit(), r.err());
    assertEquals(timeless(whole), timeless(out));
    assertEquals(Files.readString(whole.resolve("result.json")), Files.readString(out.resolve("result.json")));
  }

  @Test
  void dartsWithAnEvaluatorItCannotUseIsRefusedBeforeTheDirectoryExists() throws IOException {
    Path cfg = tmp.resolve("bad.yaml");
    Files.writeString(cfg, CONFIG.replace("steps: 0", "steps: 3"));
    Path out = tmp.resolve("bad");
    Cli r = Cli.run("search", cfg.toString(), "--out", out.toString(), "-q");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("strategy.type: darts scores each epoch's derived cell") && r.err().contains("set"
        + " evaluator.steps to 0"), r.err());
    Files.writeString(cfg, "name: t\nspace: {type: nb201}\nevaluator: {type: nb201-table}\nstrategy: {type: darts}\n");
    r = Cli.run("search", cfg.toString(), "--out", out.toString(), "-q");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("needs evaluator: {type: supernet, steps: 0}"), r.err());
    assertFalse(Files.exists(out));
  }
}
