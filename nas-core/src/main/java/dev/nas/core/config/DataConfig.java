package dev.nas.core.config;

/**
 * The {@code data:} section.
 *
 * @param root folder holding the datasets and benchmark tables; when absent the {@code NAS_DATA}
 *     environment variable is used, else {@code ~/.nas/data}
 */
public record DataConfig(String root) {

  public DataConfig {
    if (root != null && root.isBlank()) {
      throw ConfigException.badValue("root", root, "a folder path, or no value for the default");
    }
  }

  public static DataConfig defaults() {
    return new DataConfig(null);
  }
}
