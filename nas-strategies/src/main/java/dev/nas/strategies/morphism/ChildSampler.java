package dev.nas.strategies.morphism;

import dev.nas.core.arch.Architecture;
import dev.nas.spaces.chain.ChainSpace;
import dev.nas.supernet.morph.ChainMorphisms;
import dev.nas.supernet.morph.ChainStep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Draws the children of a parent as NASH does: a number of morphisms uniform in
 * {@code 1..maxMorphisms}, then that many function-preserving steps, each uniform among those the
 * current network allows (fewer if the network runs out of steps). A draw that lands on an
 * architecture the run has already asked, or over {@code maxParams}, is drawn again, so a run
 * never evaluates an architecture twice; after {@value #DRAWS} unlucky draws the first new
 * architecture in breadth-first order is taken. Each draw is a function of the seed, the round
 * and the child's index only, so a restored strategy draws what the original would have.
 */
final class ChildSampler {

  /** Draws before falling back to the breadth-first order (only reachable children are drawn, so this is rare). */
  static final int DRAWS = 1000;

  private final ChainSpace space;
  private final ChainMorphisms morphisms;
  private final int maxMorphisms;
  private final long maxParams;
  private final long seed;
  private final Map<String, Long> params = new HashMap<>();

  /** {@code maxParams} 0: no limit. */
  ChildSampler(ChainSpace space, ChainMorphisms morphisms, int maxMorphisms, long maxParams, long seed) {
    this.space = space;
    this.morphisms = morphisms;
    this.maxMorphisms = maxMorphisms;
    this.maxParams = maxParams;
    this.seed = seed;
  }

  /** Trainable parameters of {@code a}'s network (cached). */
  long params(Architecture a) {
    return params.computeIfAbsent(space.format(a), k -> space.network(a).params());
  }

  /** Whether {@code a} is within the parameter limit. */
  boolean fits(Architecture a) {
    return maxParams == 0 || params(a) <= maxParams;
  }

  /**
   * Every architecture 1 to {@code maxMorphisms} preserving steps from {@code parent}, not in
   * {@code seen} (notations) and within the parameter limit, with a shortest path to it, in
   * breadth-first order (steps in gene order).
   */
  Map<String, ChildPlan> candidates(Architecture parent, Set<String> seen) {
    Map<String, List<ChainStep>> paths = new LinkedHashMap<>();
    List<Architecture> frontier = List.of(parent);
    Map<String, List<ChainStep>> reached = new HashMap<>();
    reached.put(space.format(parent), List.of());
    for (int depth = 1; depth <= maxMorphisms && !frontier.isEmpty(); depth++) {
      List<Architecture> next = new ArrayList<>();
      for (Architecture a : frontier) {
        for (ChainStep s : morphisms.steps(a)) {
          String key = space.format(s.child());
          if (reached.containsKey(key) || !fits(s.child())) {
            continue;
          }
          List<ChainStep> path = new ArrayList<>(reached.get(space.format(a)));
          path.add(s);
          reached.put(key, path);
          next.add(s.child());
          if (!seen.contains(key)) {
            paths.put(key, path);
          }
        }
      }
      frontier = next;
    }
    Map<String, ChildPlan> out = new LinkedHashMap<>();
    paths.forEach((k, p) -> out.put(k, new ChildPlan(p.get(p.size() - 1).child(), p, 0)));
    return out;
  }

  /** Whether {@code parent} has a child the run has not asked yet. */
  boolean hasCandidates(Architecture parent, Set<String> seen) {
    return !candidates(parent, seen).isEmpty();
  }

  /**
   * Child number {@code child} (0-based) of round {@code round}; fails if {@code parent} has no
   * candidate left ({@link #hasCandidates}).
   */
  ChildPlan draw(Architecture parent, Set<String> seen, int round, int child) {
    Map<String, ChildPlan> candidates = candidates(parent, seen);
    if (candidates.isEmpty()) {
      throw new IllegalStateException("chain network " + space.format(parent) + " has no child left that is 1 to "
          + maxMorphisms + " function-preserving steps larger, not yet evaluated"
          + (maxParams == 0 ? "" : " and within " + maxParams + " parameters"));
    }
    SplittableRandom rng = new SplittableRandom(mix(mix(seed, round), child));
    for (int d = 0; d < DRAWS; d++) {
      int k = 1 + rng.nextInt(maxMorphisms);
      Architecture current = parent;
      List<ChainStep> path = new ArrayList<>();
      for (int i = 0; i < k; i++) {
        List<ChainStep> options = morphisms.steps(current);
        if (options.isEmpty()) {
          break;
        }
        ChainStep s = options.get(rng.nextInt(options.size()));
        path.add(s);
        current = s.child();
      }
      if (!path.isEmpty() && candidates.containsKey(space.format(current))) {
        return new ChildPlan(current, path, rng.nextLong());
      }
    }
    ChildPlan first = candidates.values().iterator().next();
    return new ChildPlan(first.child(), first.steps(), rng.nextLong());
  }

  /** A seed for {@code (seed, index)}: the 64-bit golden-ratio step, then SplittableRandom's own mixing. */
  private static long mix(long seed, int index) {
    return new SplittableRandom(seed + 0x9E3779B97F4A7C15L * (index + 1L)).nextLong();
  }
}
