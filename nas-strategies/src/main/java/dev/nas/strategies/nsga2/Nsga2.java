package dev.nas.strategies.nsga2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nas.core.arch.Architecture;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.json.Json;
import dev.nas.core.objective.Objectives;
import dev.nas.core.strategy.Strategy;
import dev.nas.core.trial.Trial;
import dev.nas.core.trial.TrialStatus;
import dev.nas.strategies.StrategyRandom;
import dev.nas.strategies.evolution.GenomeCodec;
import io.jenetics.IntegerGene;
import io.jenetics.Optimize;
import io.jenetics.Phenotype;
import io.jenetics.ext.moea.NSGA2Selector;
import io.jenetics.ext.moea.Pareto;
import io.jenetics.ext.moea.Vec;
import io.jenetics.util.ISeq;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * NSGA-II (Deb et al., IEEE TEC 2002) in ask/tell form, generation by generation.
 *
 * <ul>
 *   <li>Generation 0: random architectures until {@code population} of them succeeded.
 *   <li>Each later generation asks {@code population} children. A child's parents are two winners
 *       of binary tournaments under the crowded comparison (lower non-domination rank, then larger
 *       crowding distance, computed with Jenetics' {@link Pareto#rank} and
 *       {@link Pareto#crowdingDistance}); with probability {@code crossover} the child takes each
 *       decision from either parent (uniform crossover), and it always gets the space's
 *       one-decision mutation.
 *   <li>Once all children are told, parents and successful children are merged and the next
 *       population is Jenetics' {@link NSGA2Selector} (the best {@code population} by crowded
 *       comparison): elitist, as in the paper.
 * </ul>
 *
 * Objective vectors are "larger is better" ({@link Objectives#point}); failed and pruned trials
 * never enter the population.
 */
public final class Nsga2 implements Strategy {

  private final SearchSpace space;
  private final Objectives objectives;
  private final GenomeCodec codec;
  private final int populationSize;
  private final double crossover;
  private final StrategyRandom random;
  private final NSGA2Selector<IntegerGene, Vec<double[]>> survivors = NSGA2Selector.ofVec();
  private List<Member> population = new ArrayList<>();
  private List<Member> children = new ArrayList<>();
  private int generation;
  private int asked;
  private int told;

  /** An evaluated architecture: its genes and objective vector. */
  private record Member(int[] genes, double[] objectives) {}

  public Nsga2(SearchSpace space, Objectives objectives, int populationSize, double crossover, long seed) {
    this.space = space;
    this.objectives = objectives;
    this.codec = new GenomeCodec(space);
    this.populationSize = populationSize;
    this.crossover = crossover;
    this.random = new StrategyRandom(seed);
  }

  @Override
  public Architecture ask() {
    asked++;
    if (generation == 0) {
      return space.sample(random.generator());
    }
    RandomGenerator rng = random.generator();
    int[] ranks = Pareto.rank(vectors(population));
    double[] crowding = Pareto.crowdingDistance(vectors(population));
    int[] mother = population.get(tournament(ranks, crowding, rng)).genes();
    int[] genes = mother.clone();
    if (rng.nextDouble() < crossover) {
      int[] father = population.get(tournament(ranks, crowding, rng)).genes();
      for (int g = 0; g < genes.length; g++) {
        if (rng.nextBoolean()) {
          genes[g] = father[g];
        }
      }
    }
    return space.mutate(space.decode(genes), rng);
  }

  /** Binary tournament under the crowded comparison; the first drawn wins a complete tie. */
  private int tournament(int[] ranks, double[] crowding, RandomGenerator rng) {
    int a = rng.nextInt(population.size());
    int b = rng.nextInt(population.size());
    if (ranks[b] < ranks[a] || (ranks[b] == ranks[a] && crowding[b] > crowding[a])) {
      return b;
    }
    return a;
  }

  @Override
  public void tell(Trial finished) {
    told++;
    Member m = finished.status() == TrialStatus.SUCCEEDED
        ? new Member(finished.arch().genes(), objectives.point(finished.metrics())) : null;
    if (generation == 0) {
      if (m != null) {
        population.add(m);
      }
      if (population.size() == populationSize) {
        nextGeneration();
      }
      return;
    }
    if (m != null) {
      children.add(m);
    }
    if (told == populationSize) {
      List<Member> merged = new ArrayList<>(population);
      merged.addAll(children);
      population = select(merged);
      nextGeneration();
    }
  }

  private void nextGeneration() {
    generation++;
    children = new ArrayList<>();
    asked = 0;
    told = 0;
  }

  private List<Member> select(List<Member> merged) {
    if (merged.size() <= populationSize) {
      return merged;
    }
    List<Phenotype<IntegerGene, Vec<double[]>>> phenotypes = new ArrayList<>();
    for (int i = 0; i < merged.size(); i++) {
      // The generation field carries the member's index, to map the selection back.
      phenotypes.add(Phenotype.<IntegerGene, Vec<double[]>>of(codec.encode(merged.get(i).genes()), i)
          .withFitness(Vec.of(merged.get(i).objectives())));
    }
    List<Member> kept = new ArrayList<>();
    for (Phenotype<IntegerGene, Vec<double[]>> p : survivors.select(ISeq.of(phenotypes), populationSize,
        Optimize.MAXIMUM)) {
      kept.add(merged.get((int) p.generation()));
    }
    return kept;
  }

  private static ISeq<Vec<double[]>> vectors(List<Member> members) {
    return members.stream().map(m -> Vec.of(m.objectives())).collect(ISeq.toISeq());
  }

  /** The current population's architectures. */
  public List<Architecture> population() {
    return population.stream().map(m -> space.decode(m.genes())).toList();
  }

  @Override
  public JsonNode snapshot() {
    ObjectNode node = Json.json().createObjectNode();
    node.put("random", random.save());
    node.put("generation", generation);
    node.put("asked", asked);
    node.put("told", told);
    write(node.putArray("population"), population);
    write(node.putArray("children"), children);
    return node;
  }

  private static void write(ArrayNode array, List<Member> members) {
    for (Member m : members) {
      ObjectNode o = array.addObject();
      o.set("genes", Json.tree(m.genes()));
      o.set("objectives", Json.tree(m.objectives()));
    }
  }

  private static List<Member> read(JsonNode array) {
    List<Member> members = new ArrayList<>();
    for (JsonNode o : array) {
      members.add(new Member(Json.json().convertValue(o.get("genes"), int[].class),
          Json.json().convertValue(o.get("objectives"), double[].class)));
    }
    return members;
  }

  @Override
  public void restore(JsonNode snapshot) {
    random.restore(snapshot.get("random").asText());
    generation = snapshot.get("generation").asInt();
    asked = snapshot.get("asked").asInt();
    told = snapshot.get("told").asInt();
    population = read(snapshot.get("population"));
    children = read(snapshot.get("children"));
  }
}
