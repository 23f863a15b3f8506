package dev.nas.strategies.morphism;

import dev.nas.core.arch.Architecture;
import dev.nas.supernet.morph.ChainStep;
import java.util.List;

/**
 * A child to propose: the architecture, the function-preserving steps that lead from the parent
 * to it (in order, each one gene raised to its next larger choice), and the seed the steps'
 * weight surgery draws from (copied units of an expansion, new blocks of a depth step).
 */
record ChildPlan(Architecture child, List<ChainStep> steps, long seed) {

  ChildPlan {
    steps = List.copyOf(steps);
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("a child is at least one morphism away from its parent");
    }
  }

  /** The steps as the journal shows them, e.g. {@code [stage1.kernel 3 -> 5, stage0.depth 1 -> 2]}. */
  List<String> morphisms() {
    return steps.stream().map(ChainStep::toString).toList();
  }
}
