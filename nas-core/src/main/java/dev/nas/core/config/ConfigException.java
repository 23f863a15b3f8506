package dev.nas.core.config;

import dev.nas.core.InputException;

/**
 * A config error at one key. {@code key} is the dotted path from the config's root (for example
 * {@code strategy.population}); records validating themselves give their own key, and the loader
 * prefixes the path of the record.
 */
public class ConfigException extends InputException {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final String problem;

  public ConfigException(String key, String problem) {
    super(key.isEmpty() ? problem : key + ": " + problem);
    this.key = key;
    this.problem = problem;
  }

  /** "{@code key}: {@code value} is not accepted; accepted: {@code accepted}". */
  public static ConfigException badValue(String key, Object value, String accepted) {
    return new ConfigException(key, "'" + value + "' is not accepted; accepted: " + accepted);
  }

  public static ConfigException missing(String key, String accepted) {
    return new ConfigException(key, "is required; accepted: " + accepted);
  }

  public String key() {
    return key;
  }

  public String problem() {
    return problem;
  }

  /** The same error, with {@code prefix} (a dotted path) put in front of the key. */
  public ConfigException under(String prefix) {
    if (prefix.isEmpty()) {
      return this;
    }
    return new ConfigException(key.isEmpty() ? prefix : prefix + "." + key, problem);
  }
}
