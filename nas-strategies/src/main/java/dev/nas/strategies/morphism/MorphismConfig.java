package dev.nas.strategies.morphism;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.nas.core.arch.Architecture;
import dev.nas.core.arch.InvalidArchitectureException;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.config.ConfigException;
import dev.nas.core.config.StrategyConfig;
import dev.nas.core.eval.Evaluator;
import dev.nas.core.strategy.Strategy;
import dev.nas.spaces.chain.ChainSpace;
import dev.nas.supernet.eval.SupernetEvaluator;
import java.util.List;

/**
 * {@code strategy: {type: morphism}}: hill climbing by network morphisms (NASH, Elsken et al.
 * 2017, "Simple and efficient architecture search for CNNs") on the chain space and the supernet
 * evaluator's shared weights. The start network is evaluated first; then each round proposes
 * {@code children} children of the current parent, each {@code 1..morphisms} function-preserving
 * gene increases away, starting from the parent's trained weights; after the round the best child
 * (highest signal, the earliest on a tie, never a failed one) becomes the parent. A child trains
 * the evaluator's {@code steps} SGD steps (NASH's brief fine-tuning) before it is scored.
 *
 * @param start the first parent, in the chain notation ({@code k3e3d2-k3e3d2-...}, one
 *     {@code k<kernel>e<expansion>d<depth>} per stage); default: the smallest network, every gene's
 *     smallest choice
 * @param children children per round (default 8)
 * @param morphisms most gene increases per child; each child draws how many uniformly from
 *     {@code 1..morphisms} (default 3: NASH applies several small layer-level morphisms per child,
 *     while one step here changes a whole stage, so 3 keeps a round's children near their parent
 *     and still lets a round grow the network by more than one gene)
 * @param keepParent whether the parent stays when no child of the round scores above the score the
 *     parent had in its own trial (default false: the best child always becomes the parent, so the
 *     network grows every round; the parent's score is stale, measured before its children's extra
 *     fine-tuning, so the comparison is not like for like. NASH instead trains the parent on as one
 *     more neighbour; here that would evaluate an architecture twice)
 * @param maxParams children with more trainable parameters are not proposed (default 0: no limit)
 * @param startSteps SGD steps the start network trains on the shared weights before it is scored
 *     (NASH climbs from a trained network); default: the evaluator's {@code steps}, like every
 *     child. When it differs, the start's trial is journaled at this fidelity, and the run's best is
 *     chosen among the children (a trial at the evaluator's own fidelity ranks above it), which
 *     carry the start's function on anyway
 */
@JsonTypeName("morphism")
public record MorphismConfig(String start, Integer children, Integer morphisms, Boolean keepParent, Long maxParams,
    Integer startSteps) implements StrategyConfig {

  public static final int DEFAULT_CHILDREN = 8;
  public static final int DEFAULT_MORPHISMS = 3;

  public MorphismConfig {
    children = children == null ? DEFAULT_CHILDREN : children;
    if (children < 1) {
      throw ConfigException.badValue("children", children, "an integer >= 1 (children per round)");
    }
    morphisms = morphisms == null ? DEFAULT_MORPHISMS : morphisms;
    if (morphisms < 1) {
      throw ConfigException.badValue("morphisms", morphisms, "an integer >= 1 (most gene increases per child)");
    }
    keepParent = keepParent != null && keepParent;
    maxParams = maxParams == null ? 0L : maxParams;
    if (maxParams < 0) {
      throw ConfigException.badValue("max_params", maxParams, "an integer >= 0 (0: no limit)");
    }
    if (startSteps != null && startSteps < 0) {
      throw ConfigException.badValue("start_steps", startSteps, "an integer >= 0 (SGD steps of the start network)");
    }
  }

  @Override
  public Strategy create(SearchSpace space, long seed) {
    throw new ConfigException("type", "morphism starts each child from its parent's trained weights in the"
        + " supernet's shared store, so it needs the run's evaluator (evaluator: {type: supernet, bn_affine: true})");
  }

  @Override
  public Strategy create(SearchSpace space, long seed, Evaluator evaluator) {
    if (!(space instanceof ChainSpace chain)) {
      throw ConfigException.badValue("type", "morphism", "a strategy that suits the space; morphism grows chain"
          + " networks by function-preserving gene increases and needs space: {type: chain} (this space is '"
          + space.id() + "')");
    }
    if (!(evaluator instanceof SupernetEvaluator supernet)) {
      throw ConfigException.badValue("type", "morphism", "a strategy that suits the evaluator; morphism fine-tunes"
          + " each child from its parent's weights in the supernet's shared store and needs evaluator:"
          + " {type: supernet, bn_affine: true}");
    }
    if (!supernet.supernet().options().batchNormAffine()) {
      throw new ConfigException("type", "morphism needs evaluator.bn_affine: true (it is false): a deeper child's new"
          + " blocks start as identities through a batch norm whose scale and shift are 0, which a non-affine batch"
          + " norm does not have");
    }
    Architecture first = start(chain);
    Integer startFidelity = startSteps == null || startSteps == supernet.steps() ? null : startSteps;
    MorphismSearch search = new MorphismSearch(this, chain, first, startFidelity, supernet.supernet(), seed);
    if (maxParams > 0 && !search.fits(first)) {
      throw ConfigException.badValue("start", start == null ? chain.format(first) : start, "a network within"
          + " strategy.max_params (" + maxParams + "); it has " + search.params(first) + " parameters");
    }
    return search;
  }

  /** The start network: {@code start} parsed, or {@link #smallest}. */
  Architecture start(ChainSpace space) {
    if (start == null) {
      return smallest(space);
    }
    try {
      return space.parse(start);
    } catch (InvalidArchitectureException e) {
      throw ConfigException.badValue("start", start, "a chain architecture of this space in its notation, one"
          + " k<kernel>e<expansion>d<depth> per stage joined by '-', e.g. " + space.format(smallest(space))
          + " (" + e.getMessage() + ")");
    }
  }

  /** The smallest network of {@code space}: every gene at its smallest value. */
  static Architecture smallest(ChainSpace space) {
    int[] genes = new int[space.genome().length()];
    for (int i = 0; i < genes.length; i++) {
      List<Integer> values = space.genome().gene(i).values().stream().map(Integer::valueOf).toList();
      genes[i] = values.indexOf(values.stream().min(Integer::compare).orElseThrow());
    }
    return space.decode(genes);
  }
}
