package dev.nas.strategies.morphism;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nas.core.arch.Architecture;
import dev.nas.core.json.Json;
import dev.nas.core.strategy.Strategy;
import dev.nas.core.trial.Trial;
import dev.nas.core.trial.TrialStatus;
import dev.nas.spaces.chain.ChainSpace;
import dev.nas.supernet.Supernet;
import dev.nas.supernet.morph.ChainMorphisms;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * NASH-style hill climbing by network morphisms as an ask/tell strategy (see
 * {@link MorphismConfig}). Round 0 asks the start network. Each later round asks up to
 * {@code children} children of the parent ({@link ChildSampler}); before returning one,
 * {@link #ask} writes its weights, derived from the parent's trained ones, into the shared store
 * ({@link LineageWeights}), so the evaluator fine-tunes it from the parent's function. {@link #tell}
 * keeps the best child's trained weights; after the round's last child it becomes the parent.
 * A round ends early when the parent has no new child left, and the search is done when a new
 * round's parent has none.
 *
 * <p>The state (round, parent, best child so far, every architecture asked) is the JSON snapshot;
 * the kept weights are in the supernet's store, which the run checkpoints with it; children are
 * drawn from the seed, round and index alone. So a restored strategy with its restored store asks
 * and writes exactly what the original would have.
 */
final class MorphismSearch implements Strategy {

  private final MorphismConfig config;
  private final ChainSpace space;
  private final Architecture start;
  private final Integer startFidelity;
  private final ChildSampler sampler;
  private final LineageWeights weights;

  /** 0 while the start network is asked; then the round whose children are asked. */
  private int round;
  /** Children asked in this round. */
  private int asked;
  private Member parent;
  private Member best;
  /** Notation of every architecture asked, in order. */
  private final Set<String> seen = new LinkedHashSet<>();
  private Architecture pending;
  private ObjectNode notes;

  /** A network of the lineage: its architecture, the trial that scored it, its signal (null if that trial failed). */
  private record Member(Architecture arch, int trial, Double signal) {}

  /** {@code startFidelity}: the supernet steps the start trains (null: the evaluator's own, as every child). */
  MorphismSearch(MorphismConfig config, ChainSpace space, Architecture start, Integer startFidelity, Supernet supernet,
      long seed) {
    this.config = config;
    this.space = space;
    this.start = start;
    this.startFidelity = startFidelity;
    ChainMorphisms morphisms = new ChainMorphisms(space);
    this.sampler = new ChildSampler(space, morphisms, config.morphisms(), config.maxParams(), seed);
    this.weights = new LineageWeights(supernet, morphisms);
  }

  long params(Architecture a) {
    return sampler.params(a);
  }

  boolean fits(Architecture a) {
    return sampler.fits(a);
  }

  @Override
  public Architecture ask() {
    notes = Json.json().createObjectNode();
    notes.put("round", round);
    if (parent == null) {
      pending = start;
      notes.putNull("parent");
      notes.putArray("morphisms");
      notes.put("params", params(start));
    } else {
      ChildPlan plan = sampler.draw(parent.arch(), seen, round, asked);
      weights.inherit(parent.arch(), plan);
      pending = plan.child();
      asked++;
      notes.put("child", asked);
      notes.put("parent", space.format(parent.arch()));
      notes.put("parent_trial", parent.trial());
      putSignal(notes, "parent_signal", parent.signal());
      notes.set("morphisms", Json.json().valueToTree(plan.morphisms()));
      notes.put("params_parent", params(parent.arch()));
      notes.put("params", params(plan.child()));
    }
    seen.add(space.format(pending));
    return pending;
  }

  @Override
  public JsonNode proposalNotes() {
    return notes;
  }

  /** The start's own training steps when it is the latest proposal; children train the evaluator's. */
  @Override
  public Integer fidelity() {
    return parent == null ? startFidelity : null;
  }

  @Override
  public boolean isDone() {
    return parent != null && asked == 0 && !sampler.hasCandidates(parent.arch(), seen);
  }

  @Override
  public void tell(Trial finished) {
    if (pending == null || !finished.arch().sameChoices(pending)) {
      throw new IllegalStateException("morphism search told trial " + finished.id() + " (" + finished.notation()
          + ") but asked " + (pending == null ? "nothing" : space.format(pending)));
    }
    pending = null;
    boolean succeeded = finished.status() == TrialStatus.SUCCEEDED;
    Member member = new Member(finished.arch(), finished.id(), succeeded ? finished.metrics().signal() : null);
    if (parent == null) {
      weights.keepAsParent(member.arch());
      parent = member;
      round = 1;
      return;
    }
    if (succeeded && (best == null || member.signal() > best.signal())) {
      weights.keepAsBest(member.arch());
      best = member;
    }
    if (asked >= config.children() || !sampler.hasCandidates(parent.arch(), seen)) {
      endRound();
    }
  }

  /** The best child becomes the parent (unless {@code keep_parent} and it does not beat the parent). */
  private void endRound() {
    boolean stay = best == null
        || config.keepParent() && parent.signal() != null && best.signal() <= parent.signal();
    if (stay) {
      weights.dropBest();
    } else {
      weights.promoteBest();
      parent = best;
    }
    best = null;
    round++;
    asked = 0;
  }

  @Override
  public JsonNode snapshot() {
    ObjectNode node = Json.json().createObjectNode();
    node.put("round", round);
    node.put("asked", asked);
    node.set("parent", member(parent));
    node.set("best", member(best));
    node.set("seen", Json.json().valueToTree(seen));
    return node;
  }

  @Override
  public void restore(JsonNode snapshot) {
    round = snapshot.get("round").asInt();
    asked = snapshot.get("asked").asInt();
    parent = member(snapshot.get("parent"));
    best = member(snapshot.get("best"));
    seen.clear();
    snapshot.get("seen").forEach(n -> seen.add(n.asText()));
    pending = null;
    notes = null;
  }

  private JsonNode member(Member m) {
    if (m == null) {
      return Json.json().nullNode();
    }
    ObjectNode node = Json.json().createObjectNode();
    node.put("arch", space.format(m.arch()));
    node.put("trial", m.trial());
    putSignal(node, "signal", m.signal());
    return node;
  }

  private Member member(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    JsonNode signal = node.get("signal");
    return new Member(space.parse(node.get("arch").asText()), node.get("trial").asInt(),
        signal == null || signal.isNull() ? null : signal.asDouble());
  }

  private static void putSignal(ObjectNode node, String key, Double signal) {
    if (signal == null) {
      node.putNull(key);
    } else {
      node.put(key, signal);
    }
  }
}
