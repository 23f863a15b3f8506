package dev.nas.core.arch;

import java.math.BigInteger;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;

/**
 * A set of architectures, encoded as fixed-length integer genomes. Strategies work only through
 * this interface; they never see what an architecture's choices mean.
 *
 * <p>Every method that takes randomness takes it as an argument: a space holds no random state,
 * so the caller's seed alone decides what it returns.
 */
public interface SearchSpace {

  /** Short id used in configs, journals and hashes, e.g. {@code nb201}. */
  String id();

  GenomeSpec genome();

  /** The architecture for a genome; throws {@link InvalidArchitectureException} if invalid. */
  Architecture decode(int[] genes);

  /** The genome of a valid architecture of this space. */
  default int[] encode(Architecture architecture) {
    validate(architecture);
    return architecture.genes();
  }

  /** A uniformly random architecture of this space. */
  Architecture sample(RandomGenerator rng);

  /** A neighbour of {@code parent}: exactly one decision changed to a different value. */
  Architecture mutate(Architecture parent, RandomGenerator rng);

  /**
   * Checks that the architecture belongs to this space (id, choice labels, value ranges,
   * canonical form); throws {@link InvalidArchitectureException} naming what is wrong.
   */
  void validate(Architecture architecture);

  /** Number of genomes in the space (not of distinct canonical forms). */
  BigInteger size();

  /** Every architecture, in the space's own index order; only for spaces small enough. */
  Stream<Architecture> enumerate();

  /** Parses the space's own text notation (e.g. the NB201 arch string). */
  Architecture parse(String text);

  /** The space's own text notation of an architecture; {@code parse(format(a))} equals a. */
  String format(Architecture architecture);

  /**
   * Facts about an architecture beyond its choices and canonical form, for {@code nas describe}
   * (for example its index in a benchmark). Keys are snake_case; values are JSON-serialisable.
   */
  default java.util.Map<String, Object> describe(Architecture architecture) {
    return java.util.Map.of();
  }
}
