package dev.nas.core.eval;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * An evaluator whose evaluations change what later evaluations see (a weight-shared supernet:
 * every trial trains the shared weights). A run checkpoints such an evaluator after every trial,
 * and a resumed run restores it instead of replaying the journal, which could not rebuild that
 * state without evaluating every trial again.
 */
public interface StatefulEvaluator extends Evaluator {

  /** Writes everything later evaluations depend on; {@link #restoreState} must give them back bit for bit. */
  void saveState(OutputStream out) throws IOException;

  /** Brings a fresh instance (from {@link #forRun}) to the state {@link #saveState} wrote. */
  void restoreState(InputStream in) throws IOException;
}
