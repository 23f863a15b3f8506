package dev.nas.core.arch;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.google.common.collect.ImmutableMap;
import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * One point of a search space: its labelled choices in the space's fixed gene order, and the
 * canonical form the space computed for it. Two architectures that compute the same function
 * have the same canonical form, hence the same {@link #hash()}, even when their choices differ.
 *
 * <p>Instances come from a {@link SearchSpace} ({@code decode}, {@code parse}, {@code sample}),
 * which is the only place that knows how to compute the canonical form.
 */
@JsonIgnoreProperties(value = "hash", allowGetters = true)
public record Architecture(String space, Map<String, Integer> choices, String canonical) {

  public Architecture {
    Objects.requireNonNull(space, "space");
    Objects.requireNonNull(canonical, "canonical");
    choices = ImmutableMap.copyOf(Objects.requireNonNull(choices, "choices"));
  }

  /** The choices as a genome, in gene order. */
  public int[] genes() {
    return choices.values().stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * A stable identifier of the function this architecture computes: the first 16 hex digits of
   * SHA-256 over the space id and the canonical form. Stable across JVMs, versions and runs.
   */
  @JsonProperty("hash")
  public String hash() {
    return Hashing.sha256()
        .hashString(space + '\n' + canonical, StandardCharsets.UTF_8)
        .toString()
        .substring(0, 16);
  }

  /** True when both have the same space and the same choices (not merely the same function). */
  public boolean sameChoices(Architecture other) {
    return space.equals(other.space) && choices.equals(other.choices);
  }
}
