package dev.nas.supernet.eval;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.config.ConfigException;
import dev.nas.core.config.EvaluatorConfig;
import dev.nas.core.data.DataRoot;
import dev.nas.core.eval.Evaluator;
import dev.nas.spaces.network.NetworkSpace;
import dev.nas.supernet.data.Augmentation;
import dev.nas.supernet.data.Dataset;

/**
 * {@code evaluator: {type: standalone, epochs: 10, ...}}: each architecture trained from scratch
 * ({@link StandaloneEvaluator}); defaults are the DARTS evaluation recipe's except the epochs.
 *
 * @param dataset cifar10 (default) or fashion-mnist
 * @param validFraction share of the training set held out as the search signal (default 0.1)
 * @param trainImages use only the first N training images (0, the default: all)
 * @param batchSize default 64
 * @param epochs default 10
 * @param lr initial learning rate, annealed by cosine to {@code lr_min} (default 0.025)
 * @param lrMin default 0
 * @param momentum default 0.9
 * @param nesterov default false
 * @param weightDecay default 3e-4
 * @param clip maximum global gradient norm (default 5; 0 for none)
 * @param augment random crop and flip (default true)
 * @param cutout side of the cutout square (default 0: none; DARTS uses 16)
 * @param dropPath drop-path rate reached in the last epoch, ramped linearly from 0 (default 0; DARTS
 *     uses 0.2); only networks with drop-path nodes (DARTS cells) are affected
 * @param auxiliaryWeight weight of the auxiliary head's loss (default 0.4, DARTS's), for networks
 *     that have one (DARTS with {@code auxiliary: true})
 * @param evalImages score on the first N validation and test images only (default 0: all), for
 *     quick checks of big networks
 */
@JsonTypeName("standalone")
public record StandaloneEvaluatorConfig(String dataset, Double validFraction, Integer trainImages, Integer batchSize,
    Integer epochs, Double lr, Double lrMin, Double momentum, Boolean nesterov, Double weightDecay, Double clip,
    Boolean augment, Integer cutout, Double dropPath, Double auxiliaryWeight, Integer evalImages)
    implements EvaluatorConfig {

  public StandaloneEvaluatorConfig {
    dataset = dataset == null ? Dataset.CIFAR10.id() : dataset;
    validFraction = validFraction == null ? 0.1 : validFraction;
    trainImages = trainImages == null ? 0 : trainImages;
    EvaluationData.checkSettings(dataset, validFraction, trainImages);
    batchSize = batchSize == null ? 64 : batchSize;
    epochs = epochs == null ? 10 : epochs;
    if (epochs < 1) {
      throw ConfigException.badValue("epochs", epochs, "an integer >= 1");
    }
    lr = lr == null ? 0.025 : lr;
    lrMin = lrMin == null ? 0.0 : lrMin;
    momentum = momentum == null ? 0.9 : momentum;
    nesterov = nesterov != null && nesterov;
    weightDecay = weightDecay == null ? 3e-4 : weightDecay;
    clip = clip == null ? 5.0 : clip;
    augment = augment == null || augment;
    cutout = cutout == null ? 0 : cutout;
    if (cutout < 0) {
      throw ConfigException.badValue("cutout", cutout, "an integer >= 0 (0: none)");
    }
    dropPath = dropPath == null ? 0.0 : dropPath;
    if (!(dropPath >= 0 && dropPath < 1)) {
      throw ConfigException.badValue("drop_path", dropPath, "a rate in [0, 1) (0: none; DARTS uses 0.2)");
    }
    auxiliaryWeight = auxiliaryWeight == null ? 0.4 : auxiliaryWeight;
    if (!(auxiliaryWeight >= 0)) {
      throw ConfigException.badValue("auxiliary_weight", auxiliaryWeight, "a weight >= 0 (0: the head is not trained)");
    }
    evalImages = evalImages == null ? 0 : evalImages;
    if (evalImages < 0) {
      throw ConfigException.badValue("eval_images", evalImages, "an integer >= 0 (0: all)");
    }
    recipe(batchSize, lr, lrMin, momentum, nesterov, weightDecay, clip, augment, cutout);
  }

  /** The DARTS evaluation recipe (Liu et al. 2019, section A.2): what {@code nas train} starts from. */
  public static StandaloneEvaluatorConfig dartsEvaluation() {
    return new StandaloneEvaluatorConfig(null, null, null, 96, 600, 0.025, 0.0, 0.9, false, 3e-4, 5.0, true, 16, 0.2,
        0.4, 0);
  }

  private static TrainingRecipe recipe(int batchSize, double lr, double lrMin, double momentum, boolean nesterov,
      double weightDecay, double clip, boolean augment, int cutout) {
    return new TrainingRecipe(batchSize, lr, lrMin, momentum, nesterov, weightDecay, clip,
        (augment ? Augmentation.CIFAR : Augmentation.NONE).withCutout(cutout));
  }

  @Override
  public Evaluator create(SearchSpace space, DataRoot data) {
    StandaloneEvaluator evaluator = standalone(space, data);
    // nas train checks its --batch-size itself, naming the flag; a search names the key.
    EvaluationData.checkBatchSize(batchSize, evaluator.trainImages());
    return evaluator;
  }

  /** {@link #create} with its concrete type, for callers that keep the trained weights. */
  public StandaloneEvaluator standalone(SearchSpace space, DataRoot data) {
    NetworkSpace networkSpace = EvaluationData.networkSpace(space, "standalone", "");
    EvaluationData loaded = EvaluationData.load(dataset, data, networkSpace, validFraction, trainImages);
    return new StandaloneEvaluator(networkSpace, loaded,
        recipe(batchSize, lr, lrMin, momentum, nesterov, weightDecay, clip, augment, cutout), epochs,
        new StandaloneEvaluator.Regularization(dropPath, auxiliaryWeight), evalImages);
  }
}
