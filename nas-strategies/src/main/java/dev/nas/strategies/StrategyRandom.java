package dev.nas.strategies;

import java.util.Base64;
import java.util.random.RandomGenerator;
import org.apache.commons.rng.RandomProviderState;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.rng.core.RandomProviderDefaultState;

/**
 * A strategy's random stream: seeded once, its state saved into and restored from snapshots.
 * Exposed as a JDK {@link RandomGenerator} (for spaces and for Jenetics' selectors).
 */
public final class StrategyRandom {

  private static final RandomSource SOURCE = RandomSource.XO_RO_SHI_RO_128_PP;

  private final RestorableUniformRandomProvider provider;
  private final RandomGenerator generator;

  public StrategyRandom(long seed) {
    this.provider = SOURCE.create(seed);
    this.generator = provider::nextLong;
  }

  public RandomGenerator generator() {
    return generator;
  }

  /** The generator's state as text. */
  public String save() {
    RandomProviderState state = provider.saveState();
    return Base64.getEncoder().encodeToString(((RandomProviderDefaultState) state).getState());
  }

  public void restore(String saved) {
    provider.restoreState(new RandomProviderDefaultState(Base64.getDecoder().decode(saved)));
  }
}
