package dev.nas.supernet;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A copy of a store to roll back to, e.g. when a trial fails half-way through its training steps.
 * The copies are kept and overwritten by the next {@link #capture}, so taking one before every
 * trial allocates only for names the store did not have before.
 */
public final class StoreSnapshot {

  private final Map<String, INDArray> copies = new HashMap<>();
  private final Set<String> names = new HashSet<>();

  /** Copies every array of {@code store}. */
  public void capture(Map<String, INDArray> store) {
    try (var ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      names.clear();
      for (Map.Entry<String, INDArray> e : store.entrySet()) {
        INDArray copy = copies.get(e.getKey());
        if (copy == null || !java.util.Arrays.equals(copy.shape(), e.getValue().shape())
            || copy.dataType() != e.getValue().dataType()) {
          copies.put(e.getKey(), e.getValue().dup());
        } else {
          copy.assign(e.getValue());
        }
        names.add(e.getKey());
      }
      copies.keySet().retainAll(names);
    }
  }

  /**
   * Puts {@code store} back as captured: captured arrays get their values back (in place, so
   * graphs holding them stay valid), arrays created since are removed. Returns the removed names;
   * graphs built since the capture may hold them and must be rebuilt.
   */
  public Set<String> restore(Map<String, INDArray> store) {
    Set<String> removed = new HashSet<>(store.keySet());
    removed.removeAll(names);
    store.keySet().removeAll(removed);
    try (var ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      for (String name : names) {
        INDArray current = store.get(name);
        if (current == null) {
          store.put(name, copies.get(name).dup());
        } else {
          current.assign(copies.get(name));
        }
      }
    }
    return removed;
  }
}
