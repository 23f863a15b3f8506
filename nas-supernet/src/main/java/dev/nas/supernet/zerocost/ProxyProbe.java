package dev.nas.supernet.zerocost;

import dev.nas.spaces.network.BatchNorm;
import dev.nas.spaces.network.Identity;
import dev.nas.spaces.network.Network;
import dev.nas.spaces.network.Node;
import dev.nas.spaces.network.Relu;
import dev.nas.supernet.data.BatchIterator;
import dev.nas.supernet.tape.TapeNetwork;
import dev.nas.supernet.train.Trainer;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Measures {@link Proxy zero-cost proxies} of one network at initialisation on one batch. The
 * network gets fresh weights from {@code seed} (He-normal convs, zero biases, unit BN; each array's
 * values depend only on the seed and its name, so two architectures that share a layer start it
 * alike) and BN normalises with the batch's statistics, as PyTorch's training mode does. The batch
 * proxies share one forward: SNIP and grad_norm back-propagate the cross-entropy, jacob_cov the
 * summed logits, and NASWOT reads the ReLU inputs of that same forward.
 *
 * <p>Departures from the reference code (SamsungLabs/zero-cost-nas, BayesWatch/nas-without-training):
 * <ul>
 *   <li>Initialisation: He-normal (the tape's) rather than PyTorch's default
 *       {@code kaiming_uniform(a=sqrt(5))} with uniform biases. Every proxy here is invariant to a
 *       common rescaling of one layer's weights up to a factor shared by all architectures, except
 *       through BN-free paths; the effect on rankings is measured in benchmarks/README.md rather
 *       than assumed away.</li>
 *   <li>jacob_cov: the reference yields NaN when an example's input gradient is constant (a
 *       network whose logits do not depend on its input, such as an NB201 cell with no path from
 *       input to output); here that network gets the lowest score the formula can give, that of a
 *       rank-one correlation matrix, so such cells rank last instead of failing. Eigenvalues below
 *       zero (round-off of a correlation matrix) count as zero.</li>
 *   <li>NASWOT: the kernel is accumulated in double from per-ReLU counts ({@code K = U - h_i - h_j + 2 C C^T},
 *       equal to the reference's {@code C C^T + (1-C)(1-C)^T}), and its log-determinant comes from an
 *       LU decomposition as numpy's {@code slogdet} does.</li>
 *   <li>Synflow: as the reference, BN is removed and the network runs in double with an all-ones
 *       input of one example; biases are taken in absolute value too (they are zero at our
 *       initialisation).</li>
 * </ul>
 */
public final class ProxyProbe {

  /** jacob_cov's regulariser k in {@code log(v + k) + 1 / (v + k)}, as in the reference. */
  static final double JACOB_K = 1e-5;

  private static final Set<Proxy> BATCH_PROXIES = EnumSet.of(Proxy.SNIP, Proxy.GRAD_NORM, Proxy.JACOB_COV, Proxy.NASWOT);

  private final BatchIterator.Batch batch;
  private final long seed;
  private final Map<String, Long> nanos = new java.util.TreeMap<>();
  private final DataType dataType;

  /**
   * @param batch the images every architecture is probed with (labels one-hot), in {@code dataType}
   * @param seed the weights' seed
   */
  public ProxyProbe(BatchIterator.Batch batch, long seed, DataType dataType) {
    this.batch = batch;
    this.seed = seed;
    this.dataType = dataType;
  }

  /** Nanoseconds spent so far per phase (set-up, forward, each backward, each proxy's own arithmetic), for benchmarks. */
  public Map<String, Long> nanos() {
    return java.util.Collections.unmodifiableMap(nanos);
  }

  private long lap(String phase, long since) {
    long now = System.nanoTime();
    nanos.merge(phase, now - since, Long::sum);
    return now;
  }

  /** The proxies' values for {@code net}, in the order of {@link Proxy}. */
  public Map<Proxy, Double> measure(Network net, Set<Proxy> proxies) {
    Map<Proxy, Double> values = new EnumMap<>(Proxy.class);
    if (proxies.contains(Proxy.PARAMS)) {
      values.put(Proxy.PARAMS, (double) net.params());
    }
    if (proxies.contains(Proxy.FLOPS)) {
      values.put(Proxy.FLOPS, (double) net.flops());
    }
    if (proxies.stream().anyMatch(BATCH_PROXIES::contains)) {
      batchProxies(net, proxies, values);
    }
    if (proxies.contains(Proxy.SYNFLOW)) {
      long t = System.nanoTime();
      values.put(Proxy.SYNFLOW, synflow(net));
      lap("synflow", t);
    }
    return values;
  }

  /**
   * Frees a network's weight store once its proxies are scored: a probe's garbage is almost all
   * native (a fresh store per network), which alone never fills the heap, so without this a
   * 1,000-cell benchmark held 12 GB of dead weights. {@code INDArray.close()} frees an array at
   * once (M2.1); arrays that cannot be closed (views) are left to a collection, asked for every
   * {@value #COLLECT_EVERY_BYTES} bytes of them.
   */
  private long droppedBytes;
  static final long COLLECT_EVERY_BYTES = 256L << 20;

  private void dropped(Map<String, INDArray> store) {
    for (INDArray a : store.values()) {
      if (a.closeable()) {
        a.close();
      } else if (!a.wasClosed()) {
        droppedBytes += a.length() * a.dataType().width();
      }
    }
    if (droppedBytes >= COLLECT_EVERY_BYTES) {
      droppedBytes = 0;
      System.gc();
    }
  }

  private void batchProxies(Network net, Set<Proxy> proxies, Map<Proxy, Double> values) {
    long t = System.nanoTime();
    Map<String, INDArray> store = new HashMap<>();
    TapeNetwork tape = new TapeNetwork(net, store, seed, dataType).trackRunningStatistics(false).training(true);
    t = lap("initialise", t);
    try (var ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(Trainer.STEP_WORKSPACE, "nas-zero-cost")) {
      tape.forward(batch.features(), batch.labels());
      t = lap("forward", t);
      if (proxies.contains(Proxy.NASWOT)) {
        values.put(Proxy.NASWOT, naswot(net, tape));
        t = lap("naswot", t);
      }
      if (proxies.contains(Proxy.SNIP) || proxies.contains(Proxy.GRAD_NORM)) {
        Map<String, INDArray> grads = tape.backward();
        t = lap("backward (loss)", t);
        double snip = 0;
        double gradNorm = 0;
        for (Map.Entry<String, INDArray> g : grads.entrySet()) {
          if (isLayerWeight(g.getKey())) {
            snip += Transforms.abs(store.get(g.getKey()).mul(g.getValue()), false).sumNumber().doubleValue();
            gradNorm += g.getValue().norm2Number().doubleValue();
          }
        }
        if (proxies.contains(Proxy.SNIP)) {
          values.put(Proxy.SNIP, snip);
        }
        if (proxies.contains(Proxy.GRAD_NORM)) {
          values.put(Proxy.GRAD_NORM, gradNorm);
        }
        t = lap("snip, grad_norm", t);
      }
      if (proxies.contains(Proxy.JACOB_COV)) {
        tape.backward(Nd4j.onesLike(tape.logits()));
        t = lap("backward (logits)", t);
        INDArray jacobian = tape.inputGradient();
        long n = batch.features().size(0);
        values.put(Proxy.JACOB_COV, jacobian == null ? jacobCovOfConstant((int) n)
            : jacobCov(jacobian.castTo(DataType.DOUBLE).reshape('c', n, jacobian.length() / n).toDoubleMatrix()));
        lap("jacob_cov", t);
      }
    }
    dropped(store);
  }

  /** Conv and linear weights: the layers the reference sums over (not biases, not BN). */
  private static boolean isLayerWeight(String name) {
    return name.endsWith(".W");
  }

  /** {@code -sum(log(v + k) + 1 / (v + k))} over the eigenvalues v of the rows' correlation matrix. */
  static double jacobCov(double[][] jacobian) {
    int n = jacobian.length;
    double[][] z = new double[n][];
    for (int i = 0; i < n; i++) {
      double[] row = jacobian[i];
      double mean = 0;
      for (double v : row) {
        mean += v;
      }
      mean /= row.length;
      double squares = 0;
      z[i] = new double[row.length];
      for (int j = 0; j < row.length; j++) {
        z[i][j] = row[j] - mean;
        squares += z[i][j] * z[i][j];
      }
      if (!(squares > 0)) {
        return jacobCovOfConstant(n);
      }
      double norm = Math.sqrt(squares);
      for (int j = 0; j < row.length; j++) {
        z[i][j] /= norm;
      }
    }
    double[][] corr = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        double dot = 0;
        for (int k = 0; k < z[i].length; k++) {
          dot += z[i][k] * z[j][k];
        }
        corr[i][j] = dot;
        corr[j][i] = dot;
      }
    }
    double[] eigen = new EigenDecomposition(new Array2DRowRealMatrix(corr, false)).getRealEigenvalues();
    return jacobCovOfEigenvalues(eigen);
  }

  static double jacobCovOfEigenvalues(double[] eigenvalues) {
    double score = 0;
    for (double v : eigenvalues) {
      double shifted = Math.max(v, 0) + JACOB_K;
      score -= Math.log(shifted) + 1 / shifted;
    }
    return score;
  }

  /** The lowest jacob_cov of {@code n} examples: a correlation matrix of ones (eigenvalues n, 0, ..., 0). */
  static double jacobCovOfConstant(int n) {
    double[] eigen = new double[n];
    eigen[0] = n;
    return jacobCovOfEigenvalues(eigen);
  }

  /** The log-determinant of the examples' ReLU agreement kernel, summed over every ReLU of the last forward. */
  private static double naswot(Network net, TapeNetwork tape) {
    double[][] kernel = null;
    for (Node node : net.nodes()) {
      if (!(node.op() instanceof Relu) || node.auxiliary()) {
        continue;
      }
      INDArray x = tape.value(node.inputs().get(0));
      long n = x.size(0);
      long units = x.length() / n;
      INDArray codes = x.gt(0).castTo(x.dataType()).reshape('c', n, units);
      double[][] agree = codes.mmul(codes.transpose()).castTo(DataType.DOUBLE).toDoubleMatrix();
      double[] active = codes.sum(1).castTo(DataType.DOUBLE).toDoubleVector();
      if (kernel == null) {
        kernel = new double[(int) n][(int) n];
      }
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          kernel[i][j] += units - active[i] - active[j] + 2 * agree[i][j];
        }
      }
    }
    if (kernel == null) {
      throw new IllegalArgumentException("naswot needs a network with ReLUs; " + net.name() + " has none");
    }
    return logDeterminant(kernel);
  }

  /**
   * {@code log |det K|} by LU decomposition; negative infinity for a singular K (as numpy's
   * {@code slogdet} gives), which is what a network whose every image has the same ReLU codes (an
   * NB201 cell with no path from input to output) has.
   */
  static double logDeterminant(double[][] k) {
    LUDecomposition lu = new LUDecomposition(new Array2DRowRealMatrix(k, true));
    RealMatrix u = lu.getU();
    if (u == null) {
      return Double.NEGATIVE_INFINITY;
    }
    double sum = 0;
    for (int i = 0; i < k.length; i++) {
      sum += Math.log(Math.abs(u.getEntry(i, i)));
    }
    return Double.isNaN(sum) ? Double.NEGATIVE_INFINITY : sum;
  }

  /** Synflow on the BN-free network in double, weights in absolute value, one all-ones example. */
  private double synflow(Network net) {
    Network linear = net.withOps(op -> op instanceof BatchNorm ? new Identity() : op);
    Map<String, INDArray> store = new HashMap<>();
    TapeNetwork tape = new TapeNetwork(linear, store, seed, DataType.DOUBLE).training(true);
    store.values().forEach(w -> Transforms.abs(w, false));
    try (var ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(Trainer.STEP_WORKSPACE, "nas-synflow")) {
      var shape = net.inputShape();
      tape.forward(Nd4j.ones(DataType.DOUBLE, 1, shape.channels(), shape.height(), shape.width()), null);
      Map<String, INDArray> grads = tape.backward(Nd4j.onesLike(tape.logits()));
      double sum = 0;
      for (Map.Entry<String, INDArray> g : grads.entrySet()) {
        if (isLayerWeight(g.getKey())) {
          sum += Transforms.abs(store.get(g.getKey()).mul(g.getValue()), false).sumNumber().doubleValue();
        }
      }
      return sum;
    } finally {
      dropped(store);
    }
  }
}
