package dev.nas.spaces.nb201;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.config.DataConfig;
import dev.nas.core.data.DataRoot;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared data root the build points tests at (NAS_DATA, set by the parent pom). */
final class SharedData {

  private SharedData() {}

  static DataRoot root() {
    DataRoot root = DataRoot.resolve(DataConfig.defaults());
    assertTrue(Files.isDirectory(root.path()), "data root " + root.path() + " (from " + root.source()
        + ") does not exist; the shared data must sit beside the project");
    return root;
  }

  static Path table() {
    return root().require(Nb201Table.RELATIVE_PATH, "NAS-Bench-201 table");
  }
}
