package dev.nas.core.objective;

/** Whether an objective is maximised (accuracy) or minimised (parameters, latency). */
public enum Goal {
  MAX,
  MIN;

  @com.fasterxml.jackson.annotation.JsonCreator
  public static Goal of(String text) {
    for (Goal g : values()) {
      if (g.name().equalsIgnoreCase(text)) {
        return g;
      }
    }
    throw dev.nas.core.config.ConfigException.badValue("goal", text, "max or min");
  }

  @com.fasterxml.jackson.annotation.JsonValue
  public String text() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The value turned so that larger is better. */
  public double better(double value) {
    return this == MAX ? value : -value;
  }
}
