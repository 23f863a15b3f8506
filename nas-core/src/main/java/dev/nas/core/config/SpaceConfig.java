package dev.nas.core.config;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.nas.core.arch.SearchSpace;

/** The {@code space:} section; its {@code type:} picks the implementation. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface SpaceConfig {

  SearchSpace create();
}
