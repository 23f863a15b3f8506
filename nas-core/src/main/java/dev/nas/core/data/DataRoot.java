package dev.nas.core.data;

import dev.nas.core.InputException;
import dev.nas.core.config.DataConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The folder datasets and benchmark tables are read from, and where that setting came from, so
 * that a missing file can be reported with the way to fix it.
 *
 * <p>Resolution order: {@code data.root} in the config, the {@code NAS_DATA} environment
 * variable, {@code ~/.nas/data}.
 */
public record DataRoot(Path path, String source) {

  public static final String ENV = "NAS_DATA";

  public static DataRoot resolve(DataConfig config, Map<String, String> env, Path home) {
    if (config.root() != null) {
      return new DataRoot(Path.of(config.root()).toAbsolutePath().normalize(), "data.root in the config");
    }
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new DataRoot(Path.of(fromEnv).toAbsolutePath().normalize(), "the " + ENV + " environment variable");
    }
    return new DataRoot(home.resolve(".nas").resolve("data").toAbsolutePath().normalize(), "the default (~/.nas/data)");
  }

  /** Resolves with the process environment and the user's home. */
  public static DataRoot resolve(DataConfig config) {
    return resolve(config, System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /**
   * The file at {@code relative} under the root; if it is not there, an {@link InputException}
   * saying what was looked for, where, and how to point the data root elsewhere.
   */
  public Path require(String relative, String what) {
    Path file = path.resolve(relative);
    if (!Files.isRegularFile(file)) {
      throw new InputException(what + " not found: looked for " + file + " (data root " + path
          + ", from " + source + "). Point the data root at the folder that contains " + relative
          + ": set data.root in the config, pass --set data.root=DIR, or set the " + ENV
          + " environment variable.");
    }
    return file;
  }
}
