package dev.nas.supernet.data;

import dev.nas.core.config.ConfigException;
import dev.nas.core.data.DataRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** The image datasets evaluators train on, by the id configs use. */
public enum Dataset {
  CIFAR10("cifar10", Normalization.CIFAR10) {
    @Override
    public ImageSet train(DataRoot root) {
      return Cifar10.train(root);
    }

    @Override
    public ImageSet test(DataRoot root) {
      return Cifar10.test(root);
    }

    @Override
    public List<Path> files(DataRoot root) {
      Path dir = Cifar10.folder(root);
      return Stream.concat(Cifar10.TRAIN_FILES.stream(), Stream.of(Cifar10.TEST_FILE)).map(dir::resolve).toList();
    }
  },
  FASHION_MNIST("fashion-mnist", Normalization.FASHION_MNIST) {
    @Override
    public ImageSet train(DataRoot root) {
      return FashionMnist.train(root);
    }

    @Override
    public ImageSet test(DataRoot root) {
      return FashionMnist.test(root);
    }

    @Override
    public List<Path> files(DataRoot root) {
      try (Stream<Path> files = Files.list(FashionMnist.folder(root))) {
        return files.filter(p -> p.getFileName().toString().contains("-idx")).sorted().toList();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  };

  private final String id;
  private final Normalization normalization;

  Dataset(String id, Normalization normalization) {
    this.id = id;
    this.normalization = normalization;
  }

  public String id() {
    return id;
  }

  public Normalization normalization() {
    return normalization;
  }

  public abstract ImageSet train(DataRoot root);

  public abstract ImageSet test(DataRoot root);

  /** The files read, for provenance. */
  public abstract List<Path> files(DataRoot root);

  /** The dataset with this id; a {@link ConfigException} on {@code key} listing the ids otherwise. */
  public static Dataset byId(String id, String key) {
    return Arrays.stream(values()).filter(d -> d.id.equals(id)).findFirst().orElseThrow(() ->
        ConfigException.badValue(key, id, String.join(", ", Arrays.stream(values()).map(Dataset::id).toList())));
  }
}
