package dev.nas.supernet.eval;

import dev.nas.core.arch.SearchSpace;
import dev.nas.core.config.ConfigException;
import dev.nas.core.data.DataRoot;
import dev.nas.spaces.network.NetworkSpace;
import dev.nas.spaces.network.TensorShape;
import dev.nas.supernet.data.Dataset;
import dev.nas.supernet.data.ImageSet;
import dev.nas.supernet.data.Normalization;
import java.nio.file.Path;
import java.util.List;

/**
 * What an evaluator trains and scores on: the dataset's training set split into a training and a
 * validation part (seeded), its test set, and the normalisation, all shaped for the network's
 * input (grey images repeated over RGB channels where the network wants three).
 */
public record EvaluationData(ImageSet train, ImageSet valid, ImageSet test, Normalization normalization, List<Path> files) {

  /** The seed of the train/valid split: fixed, so that every run and repeat scores on the same images. */
  static final long SPLIT_SEED = 20181024L;

  /** Checks the data settings every evaluator config has; a {@link ConfigException} names the bad one. */
  public static void checkSettings(String dataset, double validFraction, int trainImages) {
    Dataset.byId(dataset, "dataset");
    if (!(validFraction > 0 && validFraction < 1)) {
      throw ConfigException.badValue("valid_fraction", validFraction, "a number strictly between 0 and 1");
    }
    if (trainImages < 0) {
      throw ConfigException.badValue("train_images", trainImages, "an integer >= 0 (0: all)");
    }
  }

  /**
   * {@code space} as a space with networks, which evaluator {@code type} needs; otherwise a
   * {@link ConfigException} on {@code type}, ending with {@code hint}.
   */
  public static NetworkSpace networkSpace(SearchSpace space, String type, String hint) {
    if (!(space instanceof NetworkSpace networkSpace)) {
      throw ConfigException.badValue("type", type, "an evaluator for a space with networks; space '" + space.id()
          + "' has none" + hint);
    }
    return networkSpace;
  }

  /** The data for {@code space}'s networks (their input shape taken from one sampled architecture). */
  /**
   * Refuses a batch larger than the training split: a batch is one tensor in memory, and a batch of
   * 100,000 CIFAR images asked for gigabytes before the first step.
   */
  public static void checkBatchSize(int batchSize, int trainImages) {
    if (batchSize > trainImages) {
      throw dev.nas.core.config.ConfigException.badValue("batch_size", batchSize, "an integer from 1 to "
          + trainImages + " (the training images)");
    }
  }

  public static EvaluationData load(String dataset, DataRoot root, NetworkSpace space, double validFraction, int trainImages) {
    TensorShape input = space.network(space.sample(new java.util.SplittableRandom(0))).inputShape();
    return load(Dataset.byId(dataset, "dataset"), root, input, validFraction, trainImages);
  }

  static EvaluationData load(Dataset dataset, DataRoot root, TensorShape input, double validFraction, int trainImages) {
    ImageSet full = dataset.train(root);
    if (full.height() != input.height() || full.width() != input.width()) {
      throw ConfigException.badValue("dataset", dataset.id(), "a dataset whose images match the space's input "
          + input + " (" + dataset.id() + " images are " + full.channels() + "x" + full.height() + "x" + full.width()
          + "; set space.input_size to " + full.height() + ")");
    }
    if (full.channels() != input.channels() && full.channels() != 1) {
      throw ConfigException.badValue("dataset", dataset.id(), "a dataset with " + input.channels()
          + " channels for this space (" + dataset.id() + " has " + full.channels() + ")");
    }
    ImageSet.Split split = full.withChannels(input.channels()).split(validFraction, SPLIT_SEED);
    ImageSet train = split.train();
    if (trainImages > 0 && trainImages < train.size()) {
      train = train.subset(train.name() + "-first" + trainImages,
          java.util.stream.IntStream.range(0, trainImages).toArray());
    }
    ImageSet test = dataset.test(root).withChannels(input.channels());
    return new EvaluationData(train, split.valid(), test, dataset.normalization().withChannels(input.channels()),
        dataset.files(root));
  }
}
