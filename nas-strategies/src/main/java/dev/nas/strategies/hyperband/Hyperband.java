package dev.nas.strategies.hyperband;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nas.core.arch.Architecture;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.json.Json;
import dev.nas.core.strategy.Strategy;
import dev.nas.core.trial.Trial;
import dev.nas.core.trial.TrialStatus;
import dev.nas.strategies.StrategyRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Hyperband, or successive halving when the schedule has one bracket, in ask/tell form. A bracket
 * draws its first rung's candidates uniformly at random, asks each at the rung's fidelity, and
 * once all are told promotes the best floor(n_i/η) (the earliest on a tie; failures never) to
 * the next rung. When two rungs map to the same fidelity the scores carry over and nothing is
 * asked. After the last bracket the schedule starts again, until the run's budget ends.
 *
 * <p>Synchronous: a rung is promoted only when every candidate in it has been told, which is
 * what the paper does and what a sequential run gives for free.
 */
public final class Hyperband implements Strategy {

  private final SearchSpace space;
  private final HyperbandSchedule schedule;
  private final StrategyRandom random;
  private int iteration;
  private int bracket;
  private int rung;
  private List<Candidate> candidates = new ArrayList<>();
  private int nextToAsk;
  private int asked = -1;

  /** A candidate of the current rung and its score there (null until told; failures -infinity). */
  private record Candidate(int[] genes, Double score) {}

  public Hyperband(SearchSpace space, HyperbandSchedule schedule, long seed) {
    this.space = space;
    this.schedule = schedule;
    this.random = new StrategyRandom(seed);
    startBracket();
  }

  @Override
  public Architecture ask() {
    while (nextToAsk == candidates.size()) {
      advance();
    }
    asked = nextToAsk++;
    return space.decode(candidates.get(asked).genes());
  }

  @Override
  public Integer fidelity() {
    return currentRung().fidelity();
  }

  @Override
  public JsonNode proposalNotes() {
    ObjectNode notes = Json.json().createObjectNode();
    notes.put("iteration", iteration);
    notes.put("bracket", schedule.brackets().get(bracket).size() - 1);
    notes.put("rung", rung);
    notes.put("rung_size", candidates.size());
    notes.put("budget", currentRung().budget());
    return notes;
  }

  @Override
  public void tell(Trial finished) {
    if (asked < 0) {
      throw new IllegalStateException("tell without ask");
    }
    double score = finished.status() == TrialStatus.SUCCEEDED ? finished.metrics().signal() : Double.NEGATIVE_INFINITY;
    candidates.set(asked, new Candidate(candidates.get(asked).genes(), score));
    asked = -1;
  }

  private Rung currentRung() {
    return schedule.brackets().get(bracket).get(rung);
  }

  /** All of the current rung is told: promote to the next rung, or start the next bracket. */
  private void advance() {
    List<Rung> rungs = schedule.brackets().get(bracket);
    if (rung + 1 == rungs.size()) {
      bracket++;
      if (bracket == schedule.brackets().size()) {
        bracket = 0;
        iteration++;
      }
      startBracket();
      return;
    }
    int keep = rungs.get(rung + 1).size();
    boolean sameFidelity = rungs.get(rung + 1).fidelity() == rungs.get(rung).fidelity();
    List<Candidate> ranked = IntStream.range(0, candidates.size()).boxed()
        .filter(i -> candidates.get(i).score() > Double.NEGATIVE_INFINITY)
        .sorted(Comparator.comparingDouble((Integer i) -> candidates.get(i).score()).reversed()
            .thenComparingInt(i -> i))
        .limit(keep)
        .map(i -> sameFidelity ? candidates.get(i) : new Candidate(candidates.get(i).genes(), null))
        .toList();
    candidates = new ArrayList<>(ranked);
    rung++;
    // Scored at this fidelity already: nothing to ask, promote again on the next call.
    nextToAsk = sameFidelity ? candidates.size() : 0;
  }

  private void startBracket() {
    rung = 0;
    nextToAsk = 0;
    candidates = new ArrayList<>();
    for (int i = 0; i < schedule.brackets().get(bracket).get(0).size(); i++) {
      candidates.add(new Candidate(space.sample(random.generator()).genes(), null));
    }
  }

  @Override
  public JsonNode snapshot() {
    ObjectNode node = Json.json().createObjectNode();
    node.put("random", random.save());
    node.put("iteration", iteration);
    node.put("bracket", bracket);
    node.put("rung", rung);
    node.put("next", nextToAsk);
    node.put("asked", asked);
    ArrayNode list = node.putArray("candidates");
    for (Candidate c : candidates) {
      ObjectNode m = list.addObject();
      m.set("genes", Json.tree(c.genes()));
      if (c.score() != null && c.score() == Double.NEGATIVE_INFINITY) {
        m.put("failed", true);
      } else if (c.score() != null) {
        m.put("score", c.score());
      }
    }
    return node;
  }

  @Override
  public void restore(JsonNode snapshot) {
    random.restore(snapshot.get("random").asText());
    iteration = snapshot.get("iteration").asInt();
    bracket = snapshot.get("bracket").asInt();
    rung = snapshot.get("rung").asInt();
    nextToAsk = snapshot.get("next").asInt();
    asked = snapshot.get("asked").asInt();
    List<Candidate> restored = new ArrayList<>();
    for (JsonNode m : snapshot.get("candidates")) {
      int[] genes = Json.json().convertValue(m.get("genes"), int[].class);
      Double score = null;
      if (m.has("failed")) {
        score = Double.NEGATIVE_INFINITY;
      } else if (m.has("score")) {
        score = m.get("score").asDouble();
      }
      restored.add(new Candidate(genes, score));
    }
    candidates = restored;
  }
}
