package dev.nas.supernet.eval;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.config.ConfigException;
import dev.nas.core.config.EvaluatorConfig;
import dev.nas.core.data.DataRoot;
import dev.nas.core.eval.Evaluator;
import dev.nas.spaces.network.NetworkSpace;
import dev.nas.supernet.SupernetOptions;
import dev.nas.supernet.data.Augmentation;
import dev.nas.supernet.data.Dataset;

/**
 * {@code evaluator: {type: supernet, steps: 50, ...}}: one-shot scoring on a weight-shared supernet
 * ({@link SupernetEvaluator}).
 *
 * @param dataset cifar10 (default) or fashion-mnist
 * @param validFraction share of the training set held out for scoring (default 0.5, as DARTS splits it)
 * @param trainImages use only the first N training images (0, the default: all)
 * @param batchSize default 64
 * @param steps SGD steps each child trains on the shared weights before it is scored (default 50)
 * @param validBatches validation batches a child is scored on (default 4)
 * @param lr constant learning rate (default 0.05, ENAS's shared-weight rate)
 * @param momentum default 0.9
 * @param nesterov default false
 * @param weightDecay default 3e-4
 * @param clip maximum global gradient norm (default 5; 0 for none)
 * @param augment random crop and flip (default true)
 * @param bnAffine whether BN learns scale and shift (default false, as the reference supernets)
 * @param trackRunningStats whether BN keeps running statistics for scoring (default false: batch statistics)
 * @param cacheSize child graphs kept built (default 64)
 * @param warmupSteps steps of uniform single-path training before the first child is scored (default 0)
 * @param bnRecalibration training batches over which each child's BN statistics are re-estimated
 *     before it is scored (default 0: none; the child is scored with batch statistics, or with the
 *     shared running statistics under {@code track_running_stats})
 * @param fewShot an optional few-shot split of the supernet after the warm-up ({@link FewShot})
 */
@JsonTypeName("supernet")
public record SupernetEvaluatorConfig(String dataset, Double validFraction, Integer trainImages, Integer batchSize,
    Integer steps, Integer validBatches, Double lr, Double momentum, Boolean nesterov, Double weightDecay, Double clip,
    Boolean augment, Boolean bnAffine, Boolean trackRunningStats, Integer cacheSize, Integer warmupSteps,
    Integer bnRecalibration, FewShot fewShot) implements EvaluatorConfig {

  public SupernetEvaluatorConfig {
    dataset = dataset == null ? Dataset.CIFAR10.id() : dataset;
    validFraction = validFraction == null ? 0.5 : validFraction;
    trainImages = trainImages == null ? 0 : trainImages;
    EvaluationData.checkSettings(dataset, validFraction, trainImages);
    batchSize = batchSize == null ? 64 : batchSize;
    steps = steps == null ? 50 : steps;
    if (steps < 0) {
      throw ConfigException.badValue("steps", steps, "an integer >= 0");
    }
    validBatches = validBatches == null ? 4 : validBatches;
    if (validBatches < 1) {
      throw ConfigException.badValue("valid_batches", validBatches, "an integer >= 1");
    }
    lr = lr == null ? 0.05 : lr;
    momentum = momentum == null ? 0.9 : momentum;
    nesterov = nesterov != null && nesterov;
    weightDecay = weightDecay == null ? 3e-4 : weightDecay;
    clip = clip == null ? 5.0 : clip;
    augment = augment == null || augment;
    bnAffine = bnAffine != null && bnAffine;
    trackRunningStats = trackRunningStats != null && trackRunningStats;
    cacheSize = cacheSize == null ? 64 : cacheSize;
    if (cacheSize < 0) {
      throw ConfigException.badValue("cache_size", cacheSize, "an integer >= 0");
    }
    warmupSteps = warmupSteps == null ? 0 : warmupSteps;
    if (warmupSteps < 0) {
      throw ConfigException.badValue("warmup_steps", warmupSteps, "an integer >= 0");
    }
    bnRecalibration = bnRecalibration == null ? 0 : bnRecalibration;
    if (bnRecalibration < 0) {
      throw ConfigException.badValue("bn_recalibration", bnRecalibration, "an integer >= 0 (0: none)");
    }
    recipe(batchSize, lr, momentum, nesterov, weightDecay, clip, augment);
  }

  private static TrainingRecipe recipe(int batchSize, double lr, double momentum, boolean nesterov, double weightDecay,
      double clip, boolean augment) {
    return new TrainingRecipe(batchSize, lr, lr, momentum, nesterov, weightDecay, clip,
        augment ? Augmentation.CIFAR : Augmentation.NONE);
  }

  @Override
  public Evaluator create(SearchSpace space, DataRoot data) {
    NetworkSpace networkSpace = EvaluationData.networkSpace(space, "supernet", " (use its table evaluator)");
    EvaluationData loaded = EvaluationData.load(dataset, data, networkSpace, validFraction, trainImages);
    EvaluationData.checkBatchSize(batchSize, loaded.train().size());
    if (fewShot != null) {
      fewShot.index(networkSpace.genome());
    }
    // Recalibrated statistics are running statistics: children must be scored with them.
    SupernetOptions options = SupernetOptions.SEARCH.withBatchNorm(bnAffine, trackRunningStats || bnRecalibration > 0)
        .withCacheSize(cacheSize);
    return new SupernetEvaluator(networkSpace, options, loaded,
        recipe(batchSize, lr, momentum, nesterov, weightDecay, clip, augment),
        new SupernetEvaluator.Protocol(steps, validBatches, warmupSteps, bnRecalibration, fewShot), 0);
  }
}
