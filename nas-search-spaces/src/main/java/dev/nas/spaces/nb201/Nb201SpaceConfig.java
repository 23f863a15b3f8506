package dev.nas.spaces.nb201;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.config.SpaceConfig;

/** {@code space: {type: nb201}}: the NAS-Bench-201 cell space; it has no settings. */
@JsonTypeName(Nb201Space.ID)
public record Nb201SpaceConfig() implements SpaceConfig {

  @Override
  public SearchSpace create() {
    return Nb201Space.instance();
  }
}
