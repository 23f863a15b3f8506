package dev.nas.strategies.rl;

import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * The controller network: a one-layer LSTM that runs one step per gene. Step 0 reads a learned
 * start vector; step t reads the embedding of decision t-1 (one embedding table per gene). Each
 * step's hidden state gives the gene's logits through its own softmax matrix, which are shaped as
 * in ENAS ({@code c * tanh(z / T)}) before the softmax. All parameters live in one flat array.
 */
final class LstmPolicy {

  private final int[] cardinality;
  private final int hidden;
  private final double temperature;
  private final double tanhConstant;
  final double[] params;

  // Offsets into params.
  private final int start;
  private final int weights; // [4H x 2H], row-major: gates i, f, o, g
  private final int bias; // [4H]
  private final int[] embedding; // per gene: [card x H]
  private final int[] softmax; // per gene: [card x H]

  LstmPolicy(int[] cardinality, int hidden, double temperature, double tanhConstant, long seed) {
    this.cardinality = cardinality.clone();
    this.hidden = hidden;
    this.temperature = temperature;
    this.tanhConstant = tanhConstant;
    int at = 0;
    start = at;
    at += hidden;
    weights = at;
    at += 4 * hidden * 2 * hidden;
    bias = at;
    at += 4 * hidden;
    embedding = new int[cardinality.length];
    softmax = new int[cardinality.length];
    for (int t = 0; t < cardinality.length; t++) {
      embedding[t] = at;
      at += cardinality[t] * hidden;
      softmax[t] = at;
      at += cardinality[t] * hidden;
    }
    params = new double[at];
    // ENAS initialises every controller weight uniformly in [-0.1, 0.1].
    Random random = new Random(seed);
    for (int i = 0; i < params.length; i++) {
      params[i] = random.nextDouble() * 0.2 - 0.1;
    }
  }

  int genes() {
    return cardinality.length;
  }

  /** What one pass computed, kept for the backward pass. */
  private final class Pass {
    final int steps = cardinality.length;
    final double[][] x = new double[steps][];
    final double[][] hPrev = new double[steps][];
    final double[][] cPrev = new double[steps][];
    final double[][] gates = new double[steps][]; // activated i, f, o, g
    final double[][] c = new double[steps][];
    final double[][] h = new double[steps][];
    final double[][] shaped = new double[steps][]; // tanh(z / T)
    final double[][] probabilities = new double[steps][];
  }

  /** Samples a genome (decisions drawn from {@code rng}); returns it. */
  int[] sample(RandomGenerator rng) {
    int[] decisions = new int[cardinality.length];
    run(decisions, rng);
    return decisions;
  }

  /** Sum over steps of log p(decision); with {@code entropy} non-null, also stores the summed entropy in it. */
  double logProbability(int[] decisions, double[] entropy) {
    Pass p = run(decisions, null);
    double logp = 0;
    double h = 0;
    for (int t = 0; t < decisions.length; t++) {
      logp += Math.log(p.probabilities[t][decisions[t]]);
      for (double q : p.probabilities[t]) {
        h -= q > 0 ? q * Math.log(q) : 0;
      }
    }
    if (entropy != null) {
      entropy[0] = h;
    }
    return logp;
  }

  /** The gradient of {@code sum_t log p(decision_t)} with respect to {@link #params}. */
  double[] gradLogProbability(int[] decisions) {
    Pass p = run(decisions, null);
    double[] grad = new double[params.length];
    int n = hidden;
    double[] dhNext = new double[n];
    double[] dcNext = new double[n];
    for (int t = decisions.length - 1; t >= 0; t--) {
      int card = cardinality[t];
      // Head: l = c * tanh(z / T), p = softmax(l); d log p[d] / dl = onehot - p.
      double[] dh = dhNext.clone();
      for (int k = 0; k < card; k++) {
        double dl = (k == decisions[t] ? 1 : 0) - p.probabilities[t][k];
        double s = p.shaped[t][k];
        double dz = dl * tanhConstant * (1 - s * s) / temperature;
        int row = softmax[t] + k * n;
        for (int j = 0; j < n; j++) {
          grad[row + j] += dz * p.h[t][j];
          dh[j] += dz * params[row + j];
        }
      }
      // LSTM cell.
      double[] g = p.gates[t];
      double[] da = new double[4 * n];
      double[] dcPrev = new double[n];
      for (int j = 0; j < n; j++) {
        double i = g[j];
        double f = g[n + j];
        double o = g[2 * n + j];
        double gg = g[3 * n + j];
        double tc = Math.tanh(p.c[t][j]);
        double dc = dcNext[j] + dh[j] * o * (1 - tc * tc);
        da[j] = dc * gg * i * (1 - i);
        da[n + j] = dc * p.cPrev[t][j] * f * (1 - f);
        da[2 * n + j] = dh[j] * tc * o * (1 - o);
        da[3 * n + j] = dc * i * (1 - gg * gg);
        dcPrev[j] = dc * f;
      }
      double[] dInput = new double[2 * n];
      for (int r = 0; r < 4 * n; r++) {
        if (da[r] == 0) {
          continue;
        }
        int row = weights + r * 2 * n;
        for (int j = 0; j < n; j++) {
          grad[row + j] += da[r] * p.x[t][j];
          grad[row + n + j] += da[r] * p.hPrev[t][j];
          dInput[j] += da[r] * params[row + j];
          dInput[n + j] += da[r] * params[row + n + j];
        }
        grad[bias + r] += da[r];
      }
      int inputRow = t == 0 ? start : embedding[t - 1] + decisions[t - 1] * n;
      for (int j = 0; j < n; j++) {
        grad[inputRow + j] += dInput[j];
      }
      dhNext = java.util.Arrays.copyOfRange(dInput, n, 2 * n);
      dcNext = dcPrev;
    }
    return grad;
  }

  /**
   * Runs the LSTM over the genome. With {@code rng}, samples each decision into {@code decisions};
   * without, follows the given decisions.
   */
  private Pass run(int[] decisions, RandomGenerator rng) {
    Pass p = new Pass();
    int n = hidden;
    double[] h = new double[n];
    double[] c = new double[n];
    for (int t = 0; t < decisions.length; t++) {
      int inputRow = t == 0 ? start : embedding[t - 1] + decisions[t - 1] * n;
      double[] x = java.util.Arrays.copyOfRange(params, inputRow, inputRow + n);
      double[] gates = new double[4 * n];
      for (int r = 0; r < 4 * n; r++) {
        int row = weights + r * 2 * n;
        double a = params[bias + r];
        for (int j = 0; j < n; j++) {
          a += params[row + j] * x[j] + params[row + n + j] * h[j];
        }
        gates[r] = r < 3 * n ? 1 / (1 + Math.exp(-a)) : Math.tanh(a);
      }
      double[] cNew = new double[n];
      double[] hNew = new double[n];
      for (int j = 0; j < n; j++) {
        cNew[j] = gates[n + j] * c[j] + gates[j] * gates[3 * n + j];
        hNew[j] = gates[2 * n + j] * Math.tanh(cNew[j]);
      }
      int card = cardinality[t];
      double[] shaped = new double[card];
      double[] prob = new double[card];
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < card; k++) {
        int row = softmax[t] + k * n;
        double z = 0;
        for (int j = 0; j < n; j++) {
          z += params[row + j] * hNew[j];
        }
        shaped[k] = Math.tanh(z / temperature);
        prob[k] = tanhConstant * shaped[k];
        max = Math.max(max, prob[k]);
      }
      double sum = 0;
      for (int k = 0; k < card; k++) {
        prob[k] = Math.exp(prob[k] - max);
        sum += prob[k];
      }
      for (int k = 0; k < card; k++) {
        prob[k] /= sum;
      }
      if (rng != null) {
        double u = rng.nextDouble();
        int k = 0;
        double acc = prob[0];
        while (u >= acc && k < card - 1) {
          acc += prob[++k];
        }
        decisions[t] = k;
      }
      p.x[t] = x;
      p.hPrev[t] = h;
      p.cPrev[t] = c;
      p.gates[t] = gates;
      p.c[t] = cNew;
      p.h[t] = hNew;
      p.shaped[t] = shaped;
      p.probabilities[t] = prob;
      h = hNew;
      c = cNew;
    }
    return p;
  }
}
