package dev.nas.core.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Duration;

/**
 * The {@code budget:} section. A run stops at whichever limit it reaches first.
 *
 * @param trials number of evaluations (queries, for a tabular benchmark); default 100
 * @param time wall-clock limit such as {@code 90s}, {@code 30m}, {@code 2h}; default none
 * @param countDuplicates whether evaluating an architecture whose canonical form was already
 *     evaluated costs a trial. {@code true} (default, the NAS-Bench protocol): it is evaluated
 *     again and counted. {@code false}: it is answered from the earlier trial's metrics, journaled
 *     as a duplicate, and does not count.
 */
public record BudgetConfig(
    Integer trials,
    @JsonSerialize(using = DurationText.Serializer.class)
        @JsonDeserialize(using = DurationText.Deserializer.class)
        Duration time,
    Boolean countDuplicates) {

  public static final int DEFAULT_TRIALS = 100;

  public BudgetConfig {
    if (trials == null) {
      trials = DEFAULT_TRIALS;
    }
    if (trials < 1) {
      throw ConfigException.badValue("trials", trials, "an integer >= 1");
    }
    if (time != null && (time.isNegative() || time.isZero())) {
      throw ConfigException.badValue("time", DurationText.format(time),
          "a positive duration such as 90s, 30m, 2h, 1d");
    }
    if (countDuplicates == null) {
      countDuplicates = true;
    }
  }

  public static BudgetConfig defaults() {
    return new BudgetConfig(null, null, null);
  }
}
