package dev.nas.supernet.zerocost;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A zero-cost proxy: a number read off an untrained network that should rank architectures as
 * their trained accuracy does. Higher is better for every one. Definitions follow the reference
 * code (SamsungLabs/zero-cost-nas, BayesWatch/nas-without-training); where {@link ProxyProbe}
 * departs from it, its documentation says how.
 */
public enum Proxy {
  /** Trainable parameters of the main network (the baseline every proxy must beat). */
  PARAMS("params", true),
  /** Multiply-adds of one forward pass, per example. */
  FLOPS("flops", true),
  /**
   * Synaptic flow (Tanaka et al. 2020): with every weight replaced by its absolute value, batch norm
   * removed and an all-ones input, the sum over conv and linear weights of {@code |w * dR/dw|},
   * R the sum of the logits. Computed in double: the product over layers overflows float.
   */
  SYNFLOW("synflow", true),
  /** SNIP (Lee et al. 2019): sum over conv and linear weights of {@code |w * dL/dw|}, L the cross-entropy of the batch. */
  SNIP("snip", true),
  /** Sum over conv and linear layers of the L2 norm of the layer's weight gradient of the cross-entropy. */
  GRAD_NORM("grad_norm", true),
  /**
   * Jacobian covariance (Mellor et al. 2020, v1): the per-example gradients of the summed logits
   * with respect to the input, their correlation matrix's eigenvalues v, and
   * {@code -sum(log(v + k) + 1 / (v + k))}, k = 1e-5.
   */
  JACOB_COV("jacob_cov", false),
  /**
   * NASWOT (Mellor et al. 2021): the log-determinant of the kernel {@code K[i][j]} = number of ReLU
   * units on which examples i and j agree (both active or both inactive), summed over every ReLU.
   */
  NASWOT("naswot", false);

  private final String id;
  private final boolean logScale;

  Proxy(String id, boolean logScale) {
    this.id = id;
    this.logScale = logScale;
  }

  /** The name users write in {@code proxy:} and metrics are recorded under. */
  public String id() {
    return id;
  }

  /**
   * The value on the scale aggregation compares on: the logarithm for positive quantities that span
   * orders of magnitude across a space (counts, synflow, gradient sizes), else the value itself
   * (jacob_cov and NASWOT are logarithms already).
   */
  public double scaled(double value) {
    return logScale ? Math.log(value) : value;
  }

  public static Proxy byId(String id) {
    for (Proxy p : values()) {
      if (p.id.equals(id)) {
        return p;
      }
    }
    return null;
  }

  /** Every proxy name, for error messages. */
  public static String ids() {
    return Arrays.stream(values()).map(Proxy::id).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return id.toLowerCase(Locale.ROOT);
  }
}
