package dev.nas.strategies.morphism;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nas.core.arch.Architecture;
import dev.nas.core.config.ConfigException;
import dev.nas.core.eval.Metrics;
import dev.nas.core.json.Json;
import dev.nas.core.trial.Trial;
import dev.nas.spaces.chain.ChainMacro;
import dev.nas.spaces.chain.ChainSpace;
import dev.nas.spaces.chain.ChainStage;
import dev.nas.supernet.ParameterStore;
import dev.nas.supernet.Supernet;
import dev.nas.supernet.SupernetOptions;
import dev.nas.supernet.morph.ChainMorphisms;
import dev.nas.supernet.tape.TapeNetwork;
import dev.nas.supernet.train.SgdMomentum;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The morphism search against a real supernet store (double precision, affine BN with running
 * statistics) and a stand-in for training: each trial adds noise to every array of its network
 * and to its momentum buffers, as SGD steps would, and scores by a fixed function of the genes
 * (with ties; every 5th trial fails and leaves the store alone, as the evaluator's rollback does).
 * Checked: the lineage (children are their parent plus 1..k increases, the next parent is the
 * round's best child, never a failed one, the earliest on a tie), that every child starts with
 * its parent's trained function although its siblings trained the shared names, the snapshot and
 * store resuming exactly, exhaustion, and the parameter limit.
 */
class MorphismSearchTest {

  /** Stem 4; stages of 4 (stride 1) and 8 (stride 2) channels; kernels 3/5/7, expansions 2/4, depths 1/2/3. */
  static final ChainSpace SPACE = new ChainSpace(new ChainMacro(4,
      List.of(new ChainStage(4, 1), new ChainStage(8, 2)), List.of(3, 5, 7), List.of(2, 4), List.of(1, 2, 3), 8, 10, 8));
  static final ChainMorphisms MORPHISMS = new ChainMorphisms(SPACE);
  static final SupernetOptions OPTIONS = SupernetOptions.SEARCH.withBatchNorm(true, true).withDataType(DataType.DOUBLE);

  /** One asked and told trial, with what the test saw at the time. */
  record Step(Trial trial, JsonNode notes, double parentChildGap) {}

  /** The search and its store, driven by the stand-in evaluation. */
  static final class Driver {
    final Supernet supernet;
    final MorphismSearch search;
    final List<Step> steps = new ArrayList<>();
    /** Each trial's arrays as its "training" left them. */
    final Map<Integer, Map<String, INDArray>> trained = new HashMap<>();

    Driver(MorphismConfig config, long seed) {
      this(config, seed, new Supernet(SPACE, 5, OPTIONS));
    }

    Driver(MorphismConfig config, long seed, Supernet supernet) {
      this.supernet = supernet;
      this.search = new MorphismSearch(config, SPACE, config.start(SPACE), null, supernet, seed);
    }

    /** Asks and tells trials {@code from} to {@code to - 1}, stopping early when the search is done. */
    Driver drive(int from, int to) {
      for (int id = from; id < to && !search.isDone(); id++) {
        Architecture a = search.ask();
        JsonNode notes = search.proposalNotes().deepCopy();
        double gap = notes.path("parent").isNull() ? 0 : parentChildGap(Architecture.class.cast(
            SPACE.parse(notes.get("parent").asText())), a);
        Trial t = Trial.queued(id, a, SPACE.format(a), id).start(Instant.EPOCH);
        if (id % 5 == 4) {
          t = t.fail("synthetic failure", Instant.EPOCH);
        } else {
          train(a, id);
          t = t.succeed(score(a), Instant.EPOCH);
        }
        search.tell(t);
        steps.add(new Step(t, notes, gap));
      }
      return this;
    }

    /** What SGD steps would do to the store: every array of {@code a} and its momentum moves. */
    void train(Architecture a, int id) {
      supernet.child(a);
      SplittableRandom r = new SplittableRandom(100 + id);
      Map<String, INDArray> after = new TreeMap<>();
      for (String name : MORPHISMS.weightNames(a)) {
        INDArray w = supernet.store().get(name);
        INDArray noise = Nd4j.randn(r.nextLong(), w.shape()).castTo(DataType.DOUBLE);
        if (name.endsWith(ParameterStore.RUNNING_VAR)) {
          w.muli(Transforms.sigmoid(noise).addi(0.5));
        } else {
          w.addi(noise.muli(0.05));
          if (!ParameterStore.isState(name)) {
            supernet.store().put(name + SgdMomentum.MOMENTUM_SUFFIX, noise.dup());
          }
        }
        after.put(name, w.dup());
      }
      trained.put(id, after);
    }

    /**
     * Largest logit difference between the parent network on its kept weights and the child's
     * graph on the shared store, in evaluation mode (BN running statistics), on a random batch.
     */
    double parentChildGap(Architecture parent, Architecture child) {
      Map<String, INDArray> kept = new HashMap<>(new LineageWeights(supernet, MORPHISMS).parent(parent));
      INDArray x = Nd4j.randn(7, new long[] {6, 3, 8, 8}).castTo(DataType.DOUBLE);
      TapeNetwork p = new TapeNetwork(SPACE.network(parent), kept, 0, DataType.DOUBLE).training(false);
      p.forward(x, null);
      INDArray expected = p.logits().dup();
      TapeNetwork c = supernet.child(child).training(false);
      c.forward(x, null);
      return Transforms.abs(c.logits().sub(expected)).maxNumber().doubleValue();
    }
  }

  /** A fixed score with many ties: the total of the gene indices, stage 1's kernel weighted double. */
  static Metrics score(Architecture a) {
    int[] g = a.genes();
    double s = 0;
    for (int i = 0; i < g.length; i++) {
      s += g[i] * (i == 3 ? 2 : 1);
    }
    return new Metrics(s, Map.of("score", s));
  }

  static MorphismConfig config(Integer children, Integer morphisms, Boolean keepParent, Long maxParams) {
    return new MorphismConfig(null, children, morphisms, keepParent, maxParams, null);
  }

  @Test
  void childrenGrowFromTheirParentAndTheBestChildBecomesTheNextParent() {
    Driver d = new Driver(config(4, 2, false, null), 11).drive(0, 60);
    List<Step> steps = d.steps;
    assertEquals("k3e2d1-k3e2d1", steps.get(0).trial().notation(), "the default start is the smallest network");
    assertEquals(0, steps.get(0).notes().get("round").asInt());
    String parent = steps.get(0).trial().notation();
    int parentTrial = 0;
    int round = 1;
    int i = 1;
    while (i < steps.size()) {
      List<Step> children = new ArrayList<>();
      while (i < steps.size() && steps.get(i).notes().get("round").asInt() == round) {
        children.add(steps.get(i++));
      }
      assertFalse(children.isEmpty(), "round " + round);
      assertTrue(children.size() <= 4);
      Step best = null;
      for (Step c : children) {
        assertEquals(parent, c.notes().get("parent").asText(), "trial " + c.trial().id());
        assertEquals(parentTrial, c.notes().get("parent_trial").asInt());
        int[] p = SPACE.parse(parent).genes();
        int[] g = c.trial().arch().genes();
        int increases = 0;
        for (int k = 0; k < g.length; k++) {
          assertTrue(g[k] >= p[k], c.trial().notation() + " shrinks " + parent);
          increases += g[k] - p[k];
        }
        assertTrue(increases >= 1 && increases <= 2, c.trial().notation() + " from " + parent);
        assertEquals(increases, c.notes().get("morphisms").size(), c.notes().toString());
        assertTrue(c.notes().get("params").asLong() > c.notes().get("params_parent").asLong());
        assertTrue(c.parentChildGap() < 1e-9, "trial " + c.trial().id() + " starts off its parent's function by "
            + c.parentChildGap());
        if (c.trial().metrics() != null && (best == null
            || c.trial().metrics().signal() > best.trial().metrics().signal())) {
          best = c;
        }
      }
      if (best != null) {
        // The next parent's kept weights are the best child's trained ones.
        parent = best.trial().notation();
        parentTrial = best.trial().id();
      }
      round++;
    }
    assertTrue(round > 4, "several rounds: " + round);
    assertTrue(steps.stream().anyMatch(s -> s.trial().metrics() == null), "failures happened");
    assertEquals(steps.size(), new HashSet<>(steps.stream().map(s -> s.trial().notation()).toList()).size(),
        "no architecture is asked twice");
    assertTrue(d.search.isDone(), "the climb runs out of new children before 60 trials: " + steps.size());
  }

  @Test
  void theKeptParentWeightsAreTheBestChildsTrainedArrays() {
    Driver d = new Driver(config(3, 1, false, null), 2).drive(0, 5);
    // Trials 1..3 are round 1; trial 4, round 2's first child, fails; the best of 1..3 is round 2's parent.
    JsonNode round2 = d.steps.get(4).notes();
    assertEquals(2, round2.get("round").asInt());
    int best = round2.get("parent_trial").asInt();
    Map<String, INDArray> kept = new LineageWeights(d.supernet, MORPHISMS).parent(
        SPACE.parse(round2.get("parent").asText()));
    assertSameArrays(d.trained.get(best), kept);
    // Children's momentum starts at zero.
    String anyWeight = MORPHISMS.weightNames(d.steps.get(3).trial().arch()).iterator().next();
    assertNotEquals(null, d.supernet.store().get(anyWeight + SgdMomentum.MOMENTUM_SUFFIX));
    Architecture next = d.search.ask();
    for (String name : MORPHISMS.weightNames(next)) {
      INDArray m = d.supernet.store().get(name + SgdMomentum.MOMENTUM_SUFFIX);
      assertTrue(m == null || m.norm2Number().doubleValue() == 0, name);
    }
  }

  @Test
  void keepParentStaysWhenNoChildBeatsIt() {
    // A score that falls as the network grows: no child ever beats the start.
    MorphismSearch search = new MorphismSearch(config(2, 1, true, null), SPACE, SPACE.parse("k3e2d1-k3e2d1"), null,
        new Supernet(SPACE, 5, OPTIONS), 3);
    List<String> parents = new ArrayList<>();
    for (int id = 0; id < 9 && !search.isDone(); id++) {
      Architecture a = search.ask();
      if (id > 0) {
        parents.add(search.proposalNotes().get("parent").asText());
      }
      double s = -java.util.Arrays.stream(a.genes()).sum();
      search.tell(Trial.queued(id, a, SPACE.format(a), id).start(Instant.EPOCH)
          .succeed(new Metrics(s, Map.of()), Instant.EPOCH));
    }
    assertEquals(List.of("k3e2d1-k3e2d1"), parents.stream().distinct().toList());
    assertTrue(search.isDone(), "the start's 6 one-step children are all asked");
    assertEquals(7, parents.size() + 1);
  }

  @Test
  void aRestoredSnapshotWithTheCheckpointedStoreContinuesExactly() throws Exception {
    // After the start; in round 2 with a best child kept (trials 5 and 6 of 5..8).
    for (int stopAt : new int[] {1, 7}) {
      Driver original = new Driver(config(4, 3, false, null), 21).drive(0, stopAt);
      JsonNode snapshot = Json.json().readTree(Json.line(original.search.snapshot()));
      Map<String, INDArray> copy = new HashMap<>();
      original.supernet.store().forEach((k, v) -> copy.put(k, v.dup()));
      Driver restored = new Driver(config(4, 3, false, null), 21, new Supernet(SPACE, copy, 5, OPTIONS));
      restored.search.restore(snapshot);
      original.drive(stopAt, 14);
      restored.drive(stopAt, 14);
      List<Step> a = original.steps.subList(stopAt, original.steps.size());
      assertEquals(a.stream().map(s -> s.trial().notation()).toList(),
          restored.steps.stream().map(s -> s.trial().notation()).toList(), "stopped after " + stopAt);
      assertEquals(a.stream().map(Step::notes).toList(), restored.steps.stream().map(Step::notes).toList());
      assertSameArrays(original.supernet.store(), restored.supernet.store());
    }
  }

  @Test
  void theSameSeedGivesTheSameSearchAndAnotherSeedAnother() {
    List<String> a = notations(new Driver(config(4, 3, false, null), 1).drive(0, 20));
    assertEquals(a, notations(new Driver(config(4, 3, false, null), 1).drive(0, 20)));
    assertNotEquals(a, notations(new Driver(config(4, 3, false, null), 2).drive(0, 20)));
  }

  @Test
  void childrenStayWithinMaxParams() {
    long limit = SPACE.network(SPACE.parse("k5e2d2-k5e2d2")).params();
    Driver d = new Driver(config(4, 3, false, limit), 4).drive(0, 60);
    assertTrue(d.search.isDone());
    assertTrue(d.steps.size() > 5, "some rounds");
    for (Step s : d.steps) {
      assertTrue(s.notes().get("params").asLong() <= limit, s.notes().toString());
    }
  }

  @Test
  void badSettingsAreRefused() {
    assertTrue(assertThrows(ConfigException.class, () -> config(0, null, null, null)).getMessage()
        .startsWith("children: '0' is not accepted; accepted: an integer >= 1"));
    assertTrue(assertThrows(ConfigException.class, () -> config(null, 0, null, null)).getMessage()
        .startsWith("morphisms: '0' is not accepted"));
    assertTrue(assertThrows(ConfigException.class, () -> config(null, null, null, -1L)).getMessage()
        .startsWith("max_params: '-1' is not accepted"));
    var e = assertThrows(ConfigException.class, () -> new MorphismConfig("k3e2d1", null, null, null, null, null)
        .start(SPACE));
    assertTrue(e.getMessage().startsWith("start: 'k3e2d1' is not accepted; accepted: a chain architecture of this"
        + " space in its notation, one k<kernel>e<expansion>d<depth> per stage joined by '-', e.g. k3e2d1-k3e2d1"),
        e.getMessage());
    e = assertThrows(ConfigException.class, () -> config(null, null, null, null).create(SPACE, 0, null));
    assertTrue(e.getMessage().contains("needs evaluator: {type: supernet, bn_affine: true}"), e.getMessage());
  }

  /** The same names with bit-identical arrays. */
  static void assertSameArrays(Map<String, INDArray> expected, Map<String, INDArray> actual) {
    assertEquals(new TreeMap<>(expected).keySet(), new TreeMap<>(actual).keySet());
    for (var e : expected.entrySet()) {
      INDArray a = actual.get(e.getKey());
      assertTrue(java.util.Arrays.equals(e.getValue().shape(), a.shape())
          && java.util.Arrays.equals(e.getValue().dup().data().asDouble(), a.dup().data().asDouble()), e.getKey());
    }
  }

  private static List<String> notations(Driver d) {
    return d.steps.stream().map(s -> s.trial().notation()).toList();
  }
}
