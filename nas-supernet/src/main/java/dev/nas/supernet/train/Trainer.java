package dev.nas.supernet.train;

import dev.nas.supernet.ParameterStore;
import dev.nas.supernet.data.BatchIterator;
import dev.nas.supernet.kernels.Kernels;
import dev.nas.supernet.tape.TapeNetwork;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.MirroringPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains a network on the shared store: one step = forward, backward, global-norm clipping, a
 * divergence check, then the optimizer update; every intermediate array lives in a workspace
 * reused from step to step.
 */
public final class Trainer {

  /** What one step measured. */
  public record StepResult(double loss, double accuracy, double gradNorm, double lr) {}

  /**
   * Workspace for one step's intermediate arrays, reused step after step (off-heap churn otherwise
   * slows steps down). A step larger than the ones the workspace learnt from grows it
   * ({@code REALLOCATE}): with {@code EXTERNAL}, the excess went to native memory that only a
   * garbage collection frees, and once the Java kernels stopped making heap garbage, collections
   * became rare and StandaloneEvaluatorTest's process grew to 16.6 GB (1.7 GB with REALLOCATE).
   */
  public static final WorkspaceConfiguration STEP_WORKSPACE = WorkspaceConfiguration.builder()
      .initialSize(0).overallocationLimit(0.2).policyAllocation(AllocationPolicy.OVERALLOCATE)
      .policyLearning(LearningPolicy.FIRST_LOOP).policyMirroring(MirroringPolicy.FULL)
      .policySpill(SpillPolicy.REALLOCATE).build();

  /**
   * One workspace for weight and architecture steps alike: each workspace keeps a block as large
   * as its biggest step, and two such blocks for the DARTS relaxation do not fit in memory.
   */
  static final String STEP_WORKSPACE_ID = "nas-step";

  private final Map<String, INDArray> store;
  private final SgdMomentum optimizer;
  private final CosineSchedule schedule;
  private final double clip;
  private long step;

  /** {@code clip} is the maximum global gradient norm (0 for none). */
  public Trainer(Map<String, INDArray> store, SgdMomentum optimizer, CosineSchedule schedule, double clip) {
    this.store = store;
    this.optimizer = optimizer;
    this.schedule = schedule;
    this.clip = clip;
  }

  public long steps() {
    return step;
  }

  /** Continues the schedule at {@code steps} (a restored checkpoint's step count). */
  public void resumeAt(long steps) {
    this.step = steps;
  }

  /**
   * One step on the network weights (architecture weights, if the graph has any, are left alone).
   * Throws {@link DivergenceException}, with the store untouched, when the loss or the gradient is
   * not finite.
   */
  public StepResult step(TapeNetwork net, BatchIterator.Batch batch) {
    try (var ws = workspace(net)) {
      net.training(true);
      double loss = net.forward(batch.features(), batch.labels());
      double accuracy = accuracy(net.logits(), batch.classes());
      Map<String, INDArray> grads = net.backward();
      grads.keySet().removeIf(ParameterStore::isArchitecture);
      double norm = checkedNorm(grads, loss, "step " + step);
      if (clip > 0 && norm > clip) {
        double scale = clip / (norm + 1e-6);
        grads.values().forEach(g -> g.muli(scale));
      }
      double lr = schedule.at(step);
      optimizer.apply(store, grads, lr);
      step++;
      return new StepResult(loss, accuracy, norm, lr);
    }
  }

  /** Trains {@code steps} steps on batches from {@code data}, reporting each to {@code progress}. */
  public StepResult fit(TapeNetwork net, BatchIterator data, long steps, TrainingProgress progress) {
    return fit(net, data, steps, progress, () -> false);
  }

  /**
   * As above, but asks {@code stop} before every step and returns early (with the last step's
   * result, null if none was made) once it says yes: a stop request waits for one step at most.
   */
  public StepResult fit(TapeNetwork net, BatchIterator data, long steps, TrainingProgress progress,
      BooleanSupplier stop) {
    StepResult last = null;
    for (long i = 0; i < steps && !stop.getAsBoolean(); i++) {
      long t0 = System.nanoTime();
      BatchIterator.Batch batch = data.next();
      last = step(net, batch);
      progress.step(last, batch.classes().length, System.nanoTime() - t0);
    }
    return last;
  }

  /**
   * The global L2 norm of {@code grads}; a {@link DivergenceException} naming {@code what} if it or
   * the loss is not finite (thrown before any update, so the store stays as it was).
   */
  public static double checkedNorm(Map<String, INDArray> grads, double loss, String what) {
    double squares = 0;
    for (INDArray g : grads.values()) {
      squares += Kernels.sumOfSquares(g);
    }
    double norm = Math.sqrt(squares);
    if (!Double.isFinite(loss) || !Double.isFinite(norm)) {
      throw new DivergenceException(what + ": loss " + loss + ", gradient norm " + norm + "; the update was not applied");
    }
    return norm;
  }

  /** The step workspace, or none for a lean network (which frees its arrays itself). */
  static MemoryWorkspace workspace(TapeNetwork net) {
    return workspace(net, STEP_WORKSPACE_ID);
  }

  private static MemoryWorkspace workspace(TapeNetwork net, String id) {
    return net.lean() ? Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()
        : Nd4j.getWorkspaceManager().getAndActivateWorkspace(STEP_WORKSPACE, id);
  }

  /** Top-1 accuracy over {@code batches} batches in evaluation mode. */
  public static double evaluate(TapeNetwork net, BatchIterator data, int batches) {
    return evaluate(net, data, batches, () -> false);
  }

  /** As above, asking {@code stop} before every batch: NaN if it said yes before the last. */
  public static double evaluate(TapeNetwork net, BatchIterator data, int batches, BooleanSupplier stop) {
    long correct = 0;
    long total = 0;
    net.training(false);
    for (int i = 0; i < batches; i++) {
      if (stop.getAsBoolean()) {
        net.training(true);
        return Double.NaN;
      }
      try (var ws = workspace(net, "nas-eval")) {
        BatchIterator.Batch b = data.next();
        net.forward(b.features(), null);
        correct += Math.round(accuracy(net.logits(), b.classes()) * b.classes().length);
        total += b.classes().length;
      }
    }
    net.training(true);
    return total == 0 ? Double.NaN : correct / (double) total;
  }

  /** Top-1 accuracy of {@code logits} against {@code classes}. */
  public static double accuracy(INDArray logits, int[] classes) {
    INDArray predicted = logits.reshape(classes.length, logits.length() / classes.length).argMax(1);
    int correct = 0;
    for (int i = 0; i < classes.length; i++) {
      correct += predicted.getInt(i) == classes[i] ? 1 : 0;
    }
    return correct / (double) classes.length;
  }
}
