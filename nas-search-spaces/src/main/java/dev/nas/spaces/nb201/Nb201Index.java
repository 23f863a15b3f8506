package dev.nas.spaces.nb201;

import org.apache.commons.rng.core.source32.MersenneTwister;

/**
 * The official NB201 / NATS-Bench (topology) index of every cell. The benchmark enumerated the
 * 15,625 cells in genome order (first edge slowest, ops in {@link Nb201Op} order) and shuffled
 * that list with Python's {@code random.seed(88); random.shuffle(archs)}. We recompute the same
 * permutation: Python's generator is MT19937 seeded by {@code init_by_array([88])}, and its
 * shuffle draws {@code j = randbelow(i + 1)} for {@code i = n-1 .. 1} by rejection sampling on
 * {@code bit_length(i + 1)} high bits of each 32-bit output.
 */
final class Nb201Index {

  private static final int PYTHON_SEED = 88;

  /** {@code genomeRank[official]}: position of the official index in genome order. */
  private final int[] genomeRank;
  /** {@code official[genomeRank]}: inverse of {@link #genomeRank}. */
  private final int[] official;

  Nb201Index(int size) {
    int[] order = new int[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    MersenneTwister mt = new MersenneTwister(new int[] {PYTHON_SEED});
    for (int i = size - 1; i >= 1; i--) {
      int j = pythonRandBelow(mt, i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    genomeRank = order;
    official = new int[size];
    for (int i = 0; i < size; i++) {
      official[order[i]] = i;
    }
  }

  /** CPython's {@code _randbelow_with_getrandbits(n)} for n < 2^31. */
  private static int pythonRandBelow(MersenneTwister mt, int n) {
    int bits = 32 - Integer.numberOfLeadingZeros(n);
    int r;
    do {
      r = mt.nextInt() >>> (32 - bits);
    } while (r >= n);
    return r;
  }

  int genomeRankOf(int officialIndex) {
    return genomeRank[officialIndex];
  }

  int officialIndexOf(int genomeRank) {
    return official[genomeRank];
  }
}
