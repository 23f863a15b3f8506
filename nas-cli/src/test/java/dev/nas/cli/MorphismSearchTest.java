package dev.nas.cli;

import static dev.nas.cli.JournalFiles.finishedTrials;
import static dev.nas.cli.JournalFiles.timeless;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nas.core.config.ConfigLoader;
import dev.nas.core.config.ExperimentConfig;
import dev.nas.core.data.DataRoot;
import dev.nas.core.experiment.Experiment;
import dev.nas.core.experiment.RunListener;
import dev.nas.core.json.Json;
import dev.nas.spaces.chain.ChainMacro;
import dev.nas.spaces.chain.ChainSpace;
import dev.nas.spaces.chain.ChainStage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code strategy: {type: morphism}} end to end at toy size (a two-stage chain network, 256
 * CIFAR-10 sample images, 2 SGD steps per child): the journal shows every child as its round's
 * parent plus 1..k gene increases and each round's parent as the previous round's best child;
 * with no fine-tuning every child scores exactly what its parent scored (the inherited weights
 * compute the parent's function in the real pipeline); the same seed gives the same journal; a
 * run stopped mid-round, or killed after journaling a trial but before checkpointing it, resumes
 * to the uninterrupted journal and result; unsuitable setups exit 2 before any directory exists;
 * the shipped quick config is accepted.
 */
class MorphismSearchTest {

  private static final String SPACE = "{type: chain, stem: 4, stages: [{channels: 4, stride: 1}, {channels: 8, stride: 2}],"
      + " expansions: [2, 4], depths: [1, 2, 3], head: 16}";
  private static final String CONFIG = "name: tiny-morphism\nseed: 4\nspace: " + SPACE + "\n"
      + "evaluator: {type: supernet, train_images: 256, batch_size: 32, steps: 2, valid_batches: 2, warmup_steps: 2,"
      + " bn_affine: true}\n"
      + "strategy: {type: morphism, children: 3, morphisms: 2, start_steps: 4}\n"
      + "budget: {trials: 10}\n";
  static final ChainSpace CHAIN = new ChainSpace(new ChainMacro(4, List.of(new ChainStage(4, 1), new ChainStage(8, 2)),
      List.of(3, 5, 7), List.of(2, 4), List.of(1, 2, 3), 16, 10, 32));

  @TempDir
  static Path tmp;

  static Path config;
  static Path whole;

  @BeforeAll
  static void uninterruptedRun() throws IOException {
    config = tmp.resolve("morphism.yaml");
    Files.writeString(config, CONFIG);
    whole = tmp.resolve("whole");
    Cli r = Cli.run("search", config.toString(), "--out", whole.toString(), "-q");
    assertEquals(0, r.exit(), r.err());
  }


  private static Path run(String yaml, String name) throws IOException {
    Path cfg = tmp.resolve(name + ".yaml");
    Files.writeString(cfg, yaml);
    Path out = tmp.resolve(name);
    Cli r = Cli.run("search", cfg.toString(), "--out", out.toString(), "-q");
    assertEquals(0, r.exit(), r.err());
    return out;
  }

  private static int increases(String parent, String child) {
    int[] p = CHAIN.parse(parent).genes();
    int[] c = CHAIN.parse(child).genes();
    int n = 0;
    for (int i = 0; i < p.length; i++) {
      assertTrue(c[i] >= p[i], child + " is not a growth of " + parent);
      n += c[i] - p[i];
    }
    return n;
  }

  @Test
  void childrenGrowFromTheirParentAndEachRoundsParentIsThePreviousRoundsBestChild() throws IOException {
    List<JsonNode> trials = JournalFiles.finished(whole);
    assertEquals(10, trials.size());
    JsonNode start = trials.get(0);
    assertEquals("k3e2d1-k3e2d1", start.path("notation").asText(), "the smallest network");
    assertEquals(0, start.path("proposal").path("round").asInt());
    assertEquals(4, start.path("fidelity").asInt(), "the start trains start_steps steps");
    JsonNode parent = start;
    int round = 1;
    for (int i = 1; i < trials.size(); round++) {
      JsonNode best = null;
      for (int child = 1; child <= 3 && i < trials.size(); child++, i++) {
        JsonNode t = trials.get(i);
        JsonNode notes = t.path("proposal");
        assertEquals(round, notes.path("round").asInt(), "trial " + i);
        assertTrue(t.path("fidelity").isMissingNode(), "children train the evaluator's steps");
        assertEquals(child, notes.path("child").asInt());
        assertEquals(parent.path("notation").asText(), notes.path("parent").asText(), "trial " + i);
        assertEquals(parent.path("id").asInt(), notes.path("parent_trial").asInt());
        assertEquals(parent.path("metrics").path("signal").asDouble(), notes.path("parent_signal").asDouble(), 0.0);
        int n = increases(parent.path("notation").asText(), t.path("notation").asText());
        assertTrue(n >= 1 && n <= 2, t.path("notation").asText());
        assertEquals(n, notes.path("morphisms").size(), notes.toString());
        assertTrue(notes.path("params").asLong() > notes.path("params_parent").asLong());
        if (t.path("status").asText().equals("SUCCEEDED") && (best == null
            || t.path("metrics").path("signal").asDouble() > best.path("metrics").path("signal").asDouble())) {
          best = t;
        }
      }
      if (best != null) {
        parent = best;
      }
    }
    assertEquals(4, round, "three rounds of three children");
    assertEquals(10, new HashSet<>(trials.stream().map(t -> t.path("notation").asText()).toList()).size());
    assertEquals("budget.trials",
        Json.json().readTree(whole.resolve("result.json").toFile()).path("stop_reason").asText());
  }

  /** The tiny config with a start trained 150 steps, children trained {@code steps}, 7 trials. */
  private static String pretrainedStart(int steps, boolean runningStats) {
    return CONFIG.replace("steps: 2,", "steps: " + steps + ",").replace("warmup_steps: 2,", "warmup_steps: 0,")
        .replace("valid_batches: 2", "valid_batches: 4")
        .replace("bn_affine: true", "bn_affine: true, track_running_stats: " + runningStats)
        .replace("start_steps: 4", "start_steps: 150").replace("trials: 10", "trials: 7");
  }

  @ParameterizedTest(name = "track_running_stats: {0}")
  @ValueSource(booleans = {true, false})
  void withoutFineTuningEveryChildScoresExactlyWhatItsParentScored(boolean runningStats) throws IOException {
    List<JsonNode> trials = JournalFiles.finished(run(pretrainedStart(0, runningStats), "preserving-" + runningStats));
    assertEquals(7, trials.size());
    double start = trials.get(0).path("metrics").path("signal").asDouble();
    assertTrue(start > 15, "the start learned something: " + start + "% on 128 validation images");
    for (JsonNode t : trials.subList(1, trials.size())) {
      JsonNode notes = t.path("proposal");
      JsonNode parent = trials.get(notes.path("parent_trial").asInt());
      assertEquals(parent.path("metrics").path("signal").asDouble(), t.path("metrics").path("signal").asDouble(), 1e-6,
          t.path("notation").asText() + " (" + notes.path("morphisms") + ") from " + parent.path("notation").asText());
    }
  }

  @Test
  void oneFineTuningStepAlreadyMovesTheScores() throws IOException {
    // The control for the test above: the score is sensitive enough that equal scores mean equal functions.
    List<JsonNode> trials = JournalFiles.finished(run(pretrainedStart(1, true), "one-step"));
    long moved = trials.subList(1, trials.size()).stream().filter(t -> t.path("metrics").path("signal").asDouble()
        != trials.get(t.path("proposal").path("parent_trial").asInt()).path("metrics").path("signal").asDouble())
        .count();
    assertTrue(moved >= 3, moved + " of 6 children score other than their parent after one step");
  }

  @Test
  void theSameSeedGivesTheSameJournal() throws IOException {
    assertEquals(timeless(whole), timeless(run(CONFIG, "again")));
  }

  @Test
  void aRunStoppedMidRoundResumesToTheUninterruptedResult() throws IOException {
    ConfigLoader loader = ConfigLoader.withInstalledTypes();
    ExperimentConfig cfg = loader.load(config, List.of());
    Experiment experiment = Experiment.prepare(cfg, loader, DataRoot.resolve(cfg.data()));
    Path out = tmp.resolve("stopped");
    // Five trials: the start, round 1 (three children), and round 2's first child.
    assertTrue(experiment.start(out, RunListener.NONE, () -> finishedTrials(out) >= 5).isEmpty());
    assertEquals(5, finishedTrials(out));
    Path killed = tmp.resolve("killed");
    copy(out, killed);

    Cli r = Cli.run("resume", out.toString(), "-q");
    assertEquals(0, r.exit(), r.err());
    assertEquals(timeless(whole), timeless(out));
    assertEquals(Files.readString(whole.resolve("result.json")), Files.readString(out.resolve("result.json")));

    // As if killed after journaling trial 5 and starting trial 6, before trial 5's checkpoint:
    // the resumed run asks trial 5 again (its inherited weights written again) and evaluates it.
    List<String> lines = Files.readAllLines(whole.resolve("journal.jsonl"));
    List<String> extra = new ArrayList<>();
    for (String line : lines) {
      int id = Json.json().readTree(line).path("id").asInt();
      if (id == 5 || id == 6 && line.contains("\"RUNNING\"")) {
        extra.add(line);
      }
    }
    assertEquals(3, extra.size());
    Files.write(killed.resolve("journal.jsonl"), extra, StandardOpenOption.APPEND);
    r = Cli.run("resume", killed.toString(), "-q");
    assertEquals(0, r.exit(), r.err());
    assertEquals(timeless(whole), timeless(killed));
    assertEquals(Files.readString(whole.resolve("result.json")), Files.readString(killed.resolve("result.json")));
  }

  private static void copy(Path from, Path to) throws IOException {
    try (var files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else if (!p.getFileName().toString().equals(".lock")) {
          Files.copy(p, target);
        }
      }
    }
  }

  @Test
  void theShippedQuickConfigIsAcceptedAsItStands() {
    ConfigLoader loader = ConfigLoader.withInstalledTypes();
    ExperimentConfig cfg = loader.load(Cli.config("chain-morphism-quick.yaml"), List.of());
    Experiment.prepare(cfg, loader, DataRoot.resolve(cfg.data()));
  }

  @Test
  void unsuitableSetupsExitTwoBeforeAnyDirectoryExists() throws IOException {
    assertRefused(CONFIG.replace(SPACE, "{type: nb201, channels: 4, cells: 1}"),
        "strategy.type: 'morphism' is not accepted; accepted: a strategy that suits the space; morphism grows chain"
            + " networks by function-preserving gene increases and needs space: {type: chain} (this space is 'nb201')");
    assertRefused(CONFIG.replaceAll("evaluator: \\{[^}]*}", "evaluator: {type: standalone, train_images: 128, epochs: 1}"),
        "strategy.type: 'morphism' is not accepted; accepted: a strategy that suits the evaluator; morphism fine-tunes"
            + " each child from its parent's weights in the supernet's shared store and needs evaluator: {type: supernet,"
            + " bn_affine: true}");
    assertRefused(CONFIG.replace(", bn_affine: true", ""),
        "strategy.type: morphism needs evaluator.bn_affine: true (it is false)");
    assertRefused(CONFIG.replace("start_steps: 4}", "start_steps: 4, start: k3e2d1-k9e2d1}"),
        "strategy.start: 'k3e2d1-k9e2d1' is not accepted; accepted: a chain architecture of this space in its notation,"
            + " one k<kernel>e<expansion>d<depth> per stage joined by '-', e.g. k3e2d1-k3e2d1 (chain arch stage 1 has"
            + " kernel 9; accepted [3, 5, 7])");
    assertRefused(CONFIG.replace("start_steps: 4}", "start_steps: 4, start: big}"), "strategy.start: 'big' is not accepted");
    assertRefused(CONFIG.replace("start_steps: 4}", "start_steps: 4, max_params: 100}"),
        "strategy.start: 'k3e2d1-k3e2d1' is not accepted; accepted: a network within strategy.max_params (100); it has");
  }

  private static void assertRefused(String yaml, String message) throws IOException {
    Path cfg = tmp.resolve("bad.yaml");
    Files.writeString(cfg, yaml);
    Path out = tmp.resolve("bad");
    Cli r = Cli.run("search", cfg.toString(), "--out", out.toString(), "-q");
    assertEquals(2, r.exit(), r.out() + r.err());
    assertTrue(r.err().contains(message), r.err());
    assertFalse(Files.exists(out), "no run directory");
  }
}
