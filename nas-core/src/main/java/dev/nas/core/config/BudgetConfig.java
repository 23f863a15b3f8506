package dev.nas.core.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Duration;

/**
 * The {@code budget:} section. A run stops at whichever limit it reaches first.
 *
 * @param trials number of evaluations (queries, for a tabular benchmark); default 100, or no
 *     limit when {@code cost} is given
 * @param time wall-clock limit such as {@code 90s}, {@code 30m}, {@code 2h}; default none
 * @param countDuplicates whether evaluating an architecture whose canonical form was already
 *     evaluated costs a trial. {@code true} (default, the NAS-Bench protocol): it is evaluated
 *     again and counted. {@code false}: it is answered from the earlier trial's metrics, journaled
 *     as a duplicate, and does not count.
 * @param cost limit on the summed simulated cost of the counted trials, in the evaluator's cost
 *     unit (nb201-table: training epochs, 12 or 200 per query), for comparing strategies that
 *     evaluate at different fidelities at one simulated-time budget. As in the NAS-Bench-201
 *     protocol, the trial that crosses the limit still counts. Default none.
 */
public record BudgetConfig(
    Integer trials,
    @JsonSerialize(using = DurationText.Serializer.class)
        @JsonDeserialize(using = DurationText.Deserializer.class)
        Duration time,
    Boolean countDuplicates,
    Double cost) {

  public static final int DEFAULT_TRIALS = 100;
  /** A million trials is a journal of about 1 GB per run. */
  public static final int MAX_TRIALS = 1_000_000;

  public BudgetConfig {
    if (trials == null) {
      trials = cost == null ? DEFAULT_TRIALS : Integer.MAX_VALUE;
    }
    if (cost != null && !(cost > 0 && Double.isFinite(cost))) {
      throw ConfigException.badValue("cost", cost, "a positive number (in the evaluator's cost unit)");
    }
    if (trials < 1 || (trials > MAX_TRIALS && !(trials == Integer.MAX_VALUE && cost != null))) {
      throw ConfigException.badValue("trials", trials, "an integer from 1 to " + MAX_TRIALS
          + " (each trial is a journal line of about 1 KB; limit long runs with budget.time or budget.cost)");
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
    return new BudgetConfig(null, null, null, null);
  }
}
