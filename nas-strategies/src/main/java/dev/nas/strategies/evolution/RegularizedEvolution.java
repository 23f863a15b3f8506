package dev.nas.strategies.evolution;

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
import io.jenetics.IntegerGene;
import io.jenetics.Optimize;
import io.jenetics.Phenotype;
import io.jenetics.TournamentSelector;
import io.jenetics.util.ISeq;
import io.jenetics.util.RandomRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Regularized (aging) evolution (Real et al., AAAI 2019, Algorithm 1) in ask/tell form.
 *
 * <ul>
 *   <li>Until the population holds {@code population} evaluated individuals, asks random samples.
 *   <li>Then each ask draws {@code sample} individuals uniformly with replacement (Jenetics'
 *       {@link TournamentSelector}), takes the one with the best signal as parent, and asks the
 *       space's one-decision mutation of it.
 *   <li>Each successful child joins the population as its youngest member, with its birth step as
 *       Jenetics' phenotype generation; the member with the smallest generation (the oldest, not
 *       the worst) then dies.
 * </ul>
 *
 * Failed or pruned trials never enter the population. Jenetics' {@code maximalPhenotypeAge} is
 * not used: it removes individuals by a fixed age, not one per step.
 */
public final class RegularizedEvolution implements Strategy {

  private final SearchSpace space;
  private final GenomeCodec codec;
  private final int populationSize;
  private final TournamentSelector<IntegerGene, Double> tournament;
  private final StrategyRandom random;
  private List<Phenotype<IntegerGene, Double>> population = new ArrayList<>();
  private long births;

  public RegularizedEvolution(SearchSpace space, int populationSize, int sampleSize, long seed) {
    if (sampleSize < 1 || sampleSize > populationSize) {
      throw new IllegalArgumentException("sample size " + sampleSize + " not in 1.." + populationSize);
    }
    this.space = space;
    this.codec = new GenomeCodec(space);
    this.populationSize = populationSize;
    this.tournament = new TournamentSelector<>(sampleSize);
    this.random = new StrategyRandom(seed);
  }

  @Override
  public Architecture ask() {
    if (population.size() < populationSize) {
      return space.sample(random.generator());
    }
    Phenotype<IntegerGene, Double> parent = RandomRegistry.with(random.generator(),
        r -> tournament.select(ISeq.of(population), 1, Optimize.MAXIMUM).get(0));
    return space.mutate(codec.decode(parent.genotype()), random.generator());
  }

  @Override
  public void tell(Trial finished) {
    if (finished.status() != TrialStatus.SUCCEEDED) {
      return;
    }
    population.add(Phenotype.<IntegerGene, Double>of(codec.encode(finished.arch()), births++)
        .withFitness(finished.metrics().signal()));
    if (population.size() > populationSize) {
      population.remove(population.stream().min(Comparator.comparingLong(Phenotype::generation)).orElseThrow());
    }
  }

  /** The current population's architectures, oldest first. */
  public List<Architecture> population() {
    return population.stream().map(p -> codec.decode(p.genotype())).toList();
  }

  @Override
  public JsonNode snapshot() {
    ObjectNode node = Json.json().createObjectNode();
    node.put("random", random.save());
    node.put("births", births);
    ArrayNode members = node.putArray("population");
    for (Phenotype<IntegerGene, Double> p : population) {
      ObjectNode m = members.addObject();
      m.set("genes", Json.tree(GenomeCodec.genes(p.genotype())));
      m.put("born", p.generation());
      m.put("signal", p.fitness());
    }
    return node;
  }

  @Override
  public void restore(JsonNode snapshot) {
    random.restore(snapshot.get("random").asText());
    births = snapshot.get("births").asLong();
    List<Phenotype<IntegerGene, Double>> restored = new ArrayList<>();
    for (JsonNode m : snapshot.get("population")) {
      int[] genes = Json.json().convertValue(m.get("genes"), int[].class);
      restored.add(Phenotype.<IntegerGene, Double>of(codec.encode(genes), m.get("born").asLong())
          .withFitness(m.get("signal").asDouble()));
    }
    population = restored;
  }
}
