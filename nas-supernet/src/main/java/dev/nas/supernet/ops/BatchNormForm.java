package dev.nas.supernet.ops;

import dev.nas.spaces.network.BatchNorm;
import dev.nas.spaces.network.Network;
import dev.nas.spaces.network.Node;
import dev.nas.supernet.kernels.BatchNormKernel;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch norm over channels: {@code gamma}, {@code beta} (affine only) and the running statistics
 * {@code running_mean}, {@code running_var} (state). The tape normalises with batch statistics in
 * training and with the running ones in evaluation when it keeps them (see
 * {@link TapeContext#tracksRunningStatistics}); SameDiff always with batch statistics.
 */
public final class BatchNormForm implements OpForm<BatchNorm> {

  /** Epsilon of {@code (x - mean) / sqrt(var + eps)}: morphisms that make a BN an identity need it. */
  public static final double EPS = 1e-5;
  /** Running-statistics update weight per training step (PyTorch's BN momentum). */
  public static final double MOMENTUM = 0.1;
  public static final String RUNNING_MEAN = ".running_mean";
  public static final String RUNNING_VAR = ".running_var";

  @Override
  public Class<BatchNorm> type() {
    return BatchNorm.class;
  }

  @Override
  public List<StoreArray> arrays(BatchNorm b, Network net, Node n) {
    long[] shape = {n.shape().channels()};
    List<StoreArray> arrays = new ArrayList<>();
    if (b.affine()) {
      arrays.add(StoreArray.parameter(n.name() + ".gamma", shape, (seed, s, type) -> Nd4j.ones(type, s), "gamma"));
      arrays.add(StoreArray.parameter(n.name() + ".beta", shape, (seed, s, type) -> Nd4j.zeros(type, s), "beta"));
    }
    arrays.add(new StoreArray(n.name() + RUNNING_MEAN, shape, StoreArray.Role.STATE,
        (seed, s, type) -> Nd4j.zeros(type, s), "mean", null));
    arrays.add(new StoreArray(n.name() + RUNNING_VAR, shape, StoreArray.Role.STATE,
        (seed, s, type) -> Nd4j.ones(type, s), "var", null));
    return arrays;
  }

  @Override
  public INDArray forward(BatchNorm b, Node n, TapeContext tape) {
    INDArray x = tape.input(n, 0);
    INDArray runningMean = tape.stored(n.name() + RUNNING_MEAN);
    INDArray runningVar = tape.stored(n.name() + RUNNING_VAR);
    if (!tape.training() && tape.tracksRunningStatistics()) {
      return BatchNormKernel.forward(x, runningMean, runningVar, gamma(n, b, tape), beta(n, b, tape), EPS);
    }
    INDArray[] stats = BatchNormKernel.moments(x);
    tape.remember(n, stats);
    if (tape.training() && tape.tracksRunningStatistics()) {
      double count = (double) x.size(0) * x.size(2) * x.size(3);
      BatchNormKernel.updateRunning(runningMean, runningVar, stats, tape.runningMomentum(), count);
    }
    return BatchNormKernel.forward(x, stats[0], stats[1], gamma(n, b, tape), beta(n, b, tape), EPS);
  }

  @Override
  public void backward(BatchNorm b, Node n, INDArray g, TapeContext tape) {
    INDArray[] stats = tape.remembered(n);
    INDArray[] r = BatchNormKernel.backward(tape.input(n, 0), stats[0], stats[1], gamma(n, b, tape), beta(n, b, tape),
        g, EPS);
    tape.accumulate(n.inputs().get(0), r[0], true);
    if (b.affine()) {
      tape.parameterGradients().put(n.name() + ".gamma", r[1]);
      tape.parameterGradients().put(n.name() + ".beta", r[2]);
    }
  }

  // Non-affine BN runs as affine BN with a constant unit scale and zero shift: libnd4j's
  // batchnorm_bp without gamma/beta crashes the JVM in float (oneDNN path, M2.1), and the
  // constants cost nothing measurable. Their gradients are dropped.
  private static INDArray gamma(Node n, BatchNorm b, TapeContext tape) {
    return b.affine() ? tape.stored(n.name() + ".gamma") : tape.constant(n.shape().channels(), 1.0);
  }

  private static INDArray beta(Node n, BatchNorm b, TapeContext tape) {
    return b.affine() ? tape.stored(n.name() + ".beta") : tape.constant(n.shape().channels(), 0.0);
  }

  @Override
  public String dl4j(BatchNorm b, Node n, Dl4jContext graph) {
    graph.graph().addLayer(n.name(), new BatchNormalization.Builder().nIn(n.shape().channels())
        .nOut(n.shape().channels()).decay(1 - MOMENTUM).eps(EPS).useLogStd(false).lockGammaBeta(!b.affine()).build(),
        graph.inputs());
    return n.name();
  }

  /** Batch norm from reductions over (N, H, W) with batch statistics (the built-in op has no usable gradient). */
  @Override
  public SDVariable sameDiff(BatchNorm b, Node n, List<SDVariable> inputs, SameDiffContext graph) {
    int channels = n.shape().channels();
    SDVariable x = inputs.get(0);
    SDVariable mean = x.mean(true, 0, 2, 3);
    SDVariable centred = x.sub(mean);
    SDVariable variance = centred.mul(centred).mean(true, 0, 2, 3);
    SDVariable y = centred.div(graph.graph().math().sqrt(variance.add(EPS)));
    if (b.affine()) {
      SDVariable gamma = graph.variable(n.name() + ".gamma");
      SDVariable beta = graph.variable(n.name() + ".beta");
      y = y.mul(gamma.reshape(1, channels, 1, 1)).add(beta.reshape(1, channels, 1, 1));
    }
    return y;
  }
}
