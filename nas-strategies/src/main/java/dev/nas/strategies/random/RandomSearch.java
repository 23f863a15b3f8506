package dev.nas.strategies.random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nas.core.arch.Architecture;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.json.Json;
import dev.nas.core.strategy.Strategy;
import dev.nas.core.trial.Trial;
import dev.nas.strategies.StrategyRandom;

/** Asks uniformly random architectures (with replacement), ignoring results. */
public final class RandomSearch implements Strategy {

  private final SearchSpace space;
  private final StrategyRandom random;

  public RandomSearch(SearchSpace space, long seed) {
    this.space = space;
    this.random = new StrategyRandom(seed);
  }

  @Override
  public Architecture ask() {
    return space.sample(random.generator());
  }

  @Override
  public void tell(Trial finished) {
    // Random search learns nothing from results.
  }

  @Override
  public JsonNode snapshot() {
    ObjectNode node = Json.json().createObjectNode();
    node.put("random", random.save());
    return node;
  }

  @Override
  public void restore(JsonNode snapshot) {
    random.restore(snapshot.get("random").asText());
  }
}
