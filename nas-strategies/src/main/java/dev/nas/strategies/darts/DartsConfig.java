package dev.nas.strategies.darts;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.config.ConfigException;
import dev.nas.core.config.StrategyConfig;
import dev.nas.core.eval.Evaluator;
import dev.nas.core.strategy.Strategy;
import dev.nas.spaces.network.RelaxableSpace;
import dev.nas.supernet.eval.SupernetEvaluator;

/**
 * {@code strategy: {type: darts}}: differentiable architecture search (Liu et al., DARTS, ICLR
 * 2019) on the supernet evaluator's weights and data split: one trial per epoch, whose
 * architecture is the cell derived from the architecture weights at the epoch's end. Defaults are
 * the reference code's {@code train_search.py}.
 *
 * @param order 1 (first order: the architecture gradient at the current weights) or 2 (unrolled
 *     one SGD step, the Hessian-vector product by finite differences); default 1
 * @param epochs default 50
 * @param stepsPerEpoch weight/architecture step pairs per epoch; 0 (default): one pass over the
 *     training part
 * @param batchSize default 64
 * @param lr network weights: SGD learning rate, cosine-annealed per step to {@code lr_min} (0.025)
 * @param lrMin default 0.001
 * @param momentum default 0.9
 * @param weightDecay default 3e-4
 * @param clip maximum global gradient norm of a weight step (default 5)
 * @param archLr architecture weights: Adam learning rate (default 3e-4; betas 0.5, 0.999)
 * @param archWeightDecay default 1e-3
 * @param augment random crop and flip on both halves, as the reference (default true)
 * @param protection collapse protection: {@code none} (default) or {@code darts-minus}: an
 *     auxiliary skip connection with a weight decaying linearly from {@code aux_skip} to 0 over
 *     the epochs (Chu et al., DARTS-, ICLR 2021)
 * @param auxSkip the auxiliary skip's initial weight (default 1.0, as DARTS-)
 * @param hessianRadius second order: finite-difference radius of the Hessian-vector product,
 *     divided by the vector's norm (default 0.01, the reference's)
 */
@JsonTypeName("darts")
public record DartsConfig(Integer order, Integer epochs, Integer stepsPerEpoch, Integer batchSize, Double lr,
    Double lrMin, Double momentum, Double weightDecay, Double clip, Double archLr, Double archWeightDecay,
    Boolean augment, String protection, Double auxSkip, Double hessianRadius) implements StrategyConfig {

  public static final String NONE = "none";
  public static final String DARTS_MINUS = "darts-minus";

  public DartsConfig {
    order = order == null ? 1 : order;
    if (order != 1 && order != 2) {
      throw ConfigException.badValue("order", order, "1 (first order) or 2 (second order)");
    }
    epochs = epochs == null ? 50 : epochs;
    if (epochs < 1) {
      throw ConfigException.badValue("epochs", epochs, "an integer >= 1");
    }
    stepsPerEpoch = stepsPerEpoch == null ? 0 : stepsPerEpoch;
    if (stepsPerEpoch < 0) {
      throw ConfigException.badValue("steps_per_epoch", stepsPerEpoch, "an integer >= 0 (0: one pass over the data)");
    }
    batchSize = batchSize == null ? 64 : batchSize;
    if (batchSize < 1) {
      throw ConfigException.badValue("batch_size", batchSize, "an integer >= 1");
    }
    lr = lr == null ? 0.025 : lr;
    lrMin = lrMin == null ? 0.001 : lrMin;
    if (!(lr > 0) || !(lrMin >= 0 && lrMin <= lr)) {
      throw ConfigException.badValue("lr", lr, "a learning rate > 0 and >= lr_min (" + lrMin + ")");
    }
    momentum = momentum == null ? 0.9 : momentum;
    if (!(momentum >= 0 && momentum < 1)) {
      throw ConfigException.badValue("momentum", momentum, "a number in [0, 1)");
    }
    weightDecay = weightDecay == null ? 3e-4 : weightDecay;
    if (!(weightDecay >= 0)) {
      throw ConfigException.badValue("weight_decay", weightDecay, "a number >= 0");
    }
    clip = clip == null ? 5.0 : clip;
    if (!(clip >= 0)) {
      throw ConfigException.badValue("clip", clip, "a number >= 0 (0: no clipping)");
    }
    archLr = archLr == null ? 3e-4 : archLr;
    if (!(archLr > 0)) {
      throw ConfigException.badValue("arch_lr", archLr, "a number > 0");
    }
    archWeightDecay = archWeightDecay == null ? 1e-3 : archWeightDecay;
    if (!(archWeightDecay >= 0)) {
      throw ConfigException.badValue("arch_weight_decay", archWeightDecay, "a number >= 0");
    }
    augment = augment == null || augment;
    protection = protection == null ? NONE : protection;
    if (!protection.equals(NONE) && !protection.equals(DARTS_MINUS)) {
      throw ConfigException.badValue("protection", protection, NONE + " or " + DARTS_MINUS);
    }
    auxSkip = auxSkip == null ? 1.0 : auxSkip;
    if (!(auxSkip >= 0)) {
      throw ConfigException.badValue("aux_skip", auxSkip, "a number >= 0");
    }
    hessianRadius = hessianRadius == null ? Architect.REFERENCE_RADIUS : hessianRadius;
    if (!(hessianRadius > 0)) {
      throw ConfigException.badValue("hessian_radius", hessianRadius, "a number > 0");
    }
  }

  /** The auxiliary skip weight during epoch {@code epoch} (0-based): DARTS-'s linear decay, or 0. */
  double auxiliarySkip(int epoch) {
    return protection.equals(DARTS_MINUS) ? auxSkip * (1 - epoch / (double) epochs) : 0;
  }

  @Override
  public Strategy create(SearchSpace space, long seed) {
    throw new ConfigException("type", "darts trains the supernet's continuous relaxation, so it needs the run's"
        + " evaluator (evaluator: {type: supernet})");
  }

  private static void checkEvaluator(Evaluator evaluator) {
    if (!(evaluator instanceof SupernetEvaluator supernet)) {
      throw ConfigException.badValue("type", "darts", "a strategy that suits the evaluator; darts trains the"
          + " supernet's continuous relaxation and needs evaluator: {type: supernet, steps: 0}");
    }
    if (!(supernet.supernet().space() instanceof RelaxableSpace)) {
      throw ConfigException.badValue("type", "darts", "a strategy that suits the space; space '"
          + supernet.supernet().space().id() + "' has no continuous relaxation (darts and nb201 have)");
    }
    if (supernet.steps() != 0) {
      throw new ConfigException("type", "darts scores each epoch's derived cell on the shared weights as they"
          + " are; set evaluator.steps to 0 (it is " + supernet.steps() + ", which would train the weights"
          + " outside DARTS' bilevel steps)");
    }
  }

  @Override
  public Strategy create(SearchSpace space, long seed, Evaluator evaluator) {
    checkEvaluator(evaluator);
    return new DartsSearch(this, (SupernetEvaluator) evaluator, seed);
  }
}
