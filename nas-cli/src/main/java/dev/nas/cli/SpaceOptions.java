package dev.nas.cli;

import dev.nas.core.config.ConfigLoader;
import dev.nas.core.config.SpaceConfig;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that name a space and an architecture in it, shared by {@code describe} and {@code train}. */
final class SpaceOptions {

  private SpaceOptions() {}

  /** One of --space and --config (an exclusive argument group). */
  static final class Space {
    @Option(names = "--space", required = true, paramLabel = "NAME",
        description = "Space type: nb201, darts, enas-macro, chain, cell.")
    String space;

    @Option(names = "--config", required = true, paramLabel = "FILE",
        description = "Take the space from the 'space:' section of this YAML file (e.g. a user-declared space).")
    Path config;

    /** The space's settings, with {@code sets} ({@code key=value}) applied. */
    SpaceConfig config(ConfigLoader loader, List<String> sets) {
      return config != null ? loader.loadSection(config, "space", SpaceConfig.class, sets)
          : loader.bindSection("space", SpaceConfig.class, space, sets);
    }
  }

  /** One of --arch and --genotype (an exclusive argument group). */
  static final class Architecture {
    @Option(names = "--arch", required = true, paramLabel = "STRING",
        description = "Architecture in the space's notation, e.g. an NB201 arch string.")
    String arch;

    @Option(names = "--genotype", required = true, paramLabel = "NAME|TEXT",
        description = "A published genotype (e.g. DARTS_V2, NASNet) or genotype text, for spaces that have genotypes.")
    String genotype;
  }
}
