package dev.nas.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.config.ConfigLoader;
import dev.nas.core.config.ExperimentConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every config under configs/ binds with all its validations, and its space (and retrain space) builds. */
class ShippedConfigsTest {

  @Test
  void everyShippedConfigIsValid() throws IOException {
    List<Path> configs;
    try (Stream<Path> files = Files.list(Cli.ROOT.resolve("configs"))) {
      configs = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertTrue(configs.size() >= 10, configs.toString());
    ConfigLoader loader = ConfigLoader.withInstalledTypes();
    for (Path file : configs) {
      ExperimentConfig config = loader.load(file, List.of());
      assertTrue(config.space().create().size().signum() > 0, file + ": its space has architectures");
      if (config.retrain() != null && config.retrain().space() != null) {
        config.retrain().space().create();
      }
    }
  }
}
