package dev.nas.core.config;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.strategy.Strategy;

/** The {@code strategy:} section; its {@code type:} picks the implementation. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface StrategyConfig {

  /** A fresh strategy over {@code space} whose randomness comes from {@code seed} only. */
  Strategy create(SearchSpace space, long seed);
}
