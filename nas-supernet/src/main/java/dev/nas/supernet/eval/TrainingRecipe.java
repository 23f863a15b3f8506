package dev.nas.supernet.eval;

import dev.nas.core.config.ConfigException;
import dev.nas.supernet.data.Augmentation;
import dev.nas.supernet.train.CosineSchedule;
import dev.nas.supernet.train.SgdMomentum;

/**
 * How network weights are trained: SGD with momentum (optionally Nesterov) and weight decay, a
 * cosine learning rate from {@code lr} to {@code lrMin}, global-norm gradient clipping, batch size
 * and augmentation. Defaults are the DARTS reference code's.
 */
record TrainingRecipe(int batchSize, double lr, double lrMin, double momentum, boolean nesterov, double weightDecay,
    double clip, Augmentation augmentation) {

  TrainingRecipe {
    if (batchSize < 1) {
      throw ConfigException.badValue("batch_size", batchSize, "an integer >= 1");
    }
    if (!(lr > 0) || lrMin < 0 || lrMin > lr) {
      throw ConfigException.badValue("lr", lr, "a learning rate > 0 and >= lr_min (" + lrMin + ")");
    }
    if (momentum < 0 || momentum >= 1) {
      throw ConfigException.badValue("momentum", momentum, "a number in [0, 1)");
    }
    if (weightDecay < 0) {
      throw ConfigException.badValue("weight_decay", weightDecay, "a number >= 0");
    }
    if (clip < 0) {
      throw ConfigException.badValue("clip", clip, "a number >= 0 (0: no clipping)");
    }
  }

  SgdMomentum optimizer() {
    return new SgdMomentum(momentum, weightDecay, nesterov);
  }

  CosineSchedule schedule(long steps) {
    return new CosineSchedule(lr, lrMin, Math.max(1, steps));
  }
}
