package dev.nas.strategies.morphism;

import dev.nas.core.arch.Architecture;
import dev.nas.supernet.Supernet;
import dev.nas.supernet.morph.ChainMorphisms;
import dev.nas.supernet.morph.ChainStep;
import dev.nas.supernet.train.SgdMomentum;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The weights a morphism search keeps in the supernet's shared store, beside the children's own:
 * the current parent's trained arrays under {@value #PARENT}{@code <name>} and the round's best
 * child so far under {@value #BEST}{@code <name>}. Children train the store's shared names, so
 * each one would otherwise start from whatever its siblings left there; and the store is what a
 * run checkpoints with the supernet evaluator, so a resumed run finds both copies as they were.
 * No node is named with these prefixes, so no child graph reads or trains them.
 */
final class LineageWeights {

  /** Store-name prefix of the parent's trained arrays. */
  static final String PARENT = "morph.parent.";
  /** Store-name prefix of the round's best child's trained arrays. */
  static final String BEST = "morph.best.";

  private final Supernet supernet;
  private final ChainMorphisms morphisms;

  LineageWeights(Supernet supernet, ChainMorphisms morphisms) {
    this.supernet = supernet;
    this.morphisms = morphisms;
  }

  /**
   * Keeps {@code parent}'s arrays as the store holds them now (after its trial) as the parent's.
   * If its trial failed and rolled back arrays it had created, the store initialises them again.
   */
  void keepAsParent(Architecture parent) {
    supernet.child(parent);
    copy(parent, PARENT);
  }

  /** Keeps {@code child}'s arrays as the store holds them now (after its trial) as the round's best. */
  void keepAsBest(Architecture child) {
    copy(child, BEST);
  }

  /** The round's best child becomes the parent: its kept arrays replace the parent's. */
  void promoteBest() {
    Map<String, INDArray> store = supernet.store();
    store.keySet().removeIf(k -> k.startsWith(PARENT));
    List<String> best = store.keySet().stream().filter(k -> k.startsWith(BEST)).sorted().toList();
    for (String k : best) {
      store.put(PARENT + k.substring(BEST.length()), store.remove(k));
    }
  }

  /** Forgets the round's best child (the parent stays). */
  void dropBest() {
    supernet.store().keySet().removeIf(k -> k.startsWith(BEST));
  }

  /** The kept parent's arrays, by the parent network's own names (views of the store's copies). */
  Map<String, INDArray> parent(Architecture parent) {
    Map<String, INDArray> w = new LinkedHashMap<>();
    for (String name : morphisms.weightNames(parent)) {
      INDArray a = supernet.store().get(PARENT + name);
      if (a == null) {
        throw new IllegalStateException("the supernet store lacks " + PARENT + name + ": the morphism search's parent "
            + "weights are not there (a store not written by this search?)");
      }
      w.put(name, a);
    }
    return w;
  }

  /**
   * Writes the child's weights, derived by {@code plan}'s steps from the kept parent's, into the
   * store under the child's names: the child starts with the parent's function. Arrays already
   * there get the values in place (graphs built on the store keep theirs); the child's momentum
   * buffers are zeroed, so its fine-tuning starts afresh, whatever its siblings trained before.
   */
  void inherit(Architecture parent, ChildPlan plan) {
    Map<String, INDArray> w = parent(parent);
    SplittableRandom random = new SplittableRandom(plan.seed());
    Architecture current = parent;
    for (ChainStep step : plan.steps()) {
      w = morphisms.apply(current, w, step.child(), random.nextLong()).weights();
      current = step.child();
    }
    Map<String, INDArray> store = supernet.store();
    List<String> replaced = new ArrayList<>();
    try (var scope = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      for (Map.Entry<String, INDArray> e : w.entrySet()) {
        INDArray existing = store.get(e.getKey());
        INDArray value = e.getValue();
        if (existing != null && Arrays.equals(existing.shape(), value.shape())
            && existing.dataType() == value.dataType()) {
          existing.assign(value);
        } else {
          if (existing != null) {
            replaced.add(e.getKey());
          }
          store.put(e.getKey(), value.dup());
        }
        INDArray momentum = store.get(e.getKey() + SgdMomentum.MOMENTUM_SUFFIX);
        if (momentum != null) {
          momentum.assign(0);
        }
      }
    }
    if (!replaced.isEmpty()) {
      supernet.clearChildren();
    }
  }

  private void copy(Architecture a, String prefix) {
    Map<String, INDArray> store = supernet.store();
    store.keySet().removeIf(k -> k.startsWith(prefix));
    try (var scope = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      for (String name : morphisms.weightNames(a)) {
        INDArray array = store.get(name);
        if (array == null) {
          throw new IllegalStateException("the supernet store lacks " + name + " of " + a.canonical());
        }
        store.put(prefix + name, array.dup());
      }
    }
  }
}
