package dev.nas.supernet.ops;

import dev.nas.spaces.network.Mixed;
import dev.nas.spaces.network.Network;
import dev.nas.spaces.network.Node;
import dev.nas.spaces.network.Zero;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce3.Dot;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The DARTS relaxation's edge, {@code sum_k softmax(alpha[row])_k * y_k} over the candidates'
 * outputs (plus DARTS-'s auxiliary skip term), with the architecture gradient. Candidates that
 * are {@code none} are skipped. Tape only: a relaxation is searched, never exported.
 */
final class MixedForm implements OpForm<Mixed> {

  @Override
  public Class<Mixed> type() {
    return Mixed.class;
  }

  /** DARTS initialises its architecture weights to {@code 1e-3 * N(0, 1)}; every mixed op of a matrix shares it. */
  @Override
  public List<StoreArray> arrays(Mixed m, Network net, Node n) {
    return List.of(new StoreArray(m.alpha(), new long[] {m.rows(), n.inputs().size()}, StoreArray.Role.ARCHITECTURE,
        (seed, s, type) -> Nd4j.randn(seed, s).muli(1e-3).castTo(type), null, null));
  }

  @Override
  public INDArray forward(Mixed m, Node n, TapeContext tape) {
    INDArray weights = Transforms.softmax(tape.stored(m.alpha()).getRow(m.row(), true), true);
    tape.remember(n, weights);
    INDArray out = null;
    for (int k = 0; k < n.inputs().size(); k++) {
      if (skipped(n, k, tape)) {
        continue;
      }
      double c = coefficient(m, weights, k, tape);
      if (out == null) {
        out = tape.input(n, k).mul(c);
      } else {
        Nd4j.getBlasWrapper().level1().axpy(out.length(), c, tape.input(n, k), out);
      }
    }
    return out == null ? tape.zeros(n) : out;
  }

  // out = sum_k p_k y_k with p = softmax(alpha[row]): dy_k = p_k g; dp_k = <g, y_k>;
  // dalpha_j = p_j (dp_j - sum_k p_k dp_k).
  @Override
  public void backward(Mixed m, Node n, INDArray g, TapeContext tape) {
    INDArray p = tape.remembered(n)[0];
    int candidates = n.inputs().size();
    double[] dp = new double[candidates];
    double mean = 0;
    for (int k = 0; k < candidates; k++) {
      if (skipped(n, k, tape)) {
        continue;
      }
      dp[k] = Nd4j.getExecutioner().exec(new Dot(g, tape.input(n, k))).getDouble(0);
      mean += p.getDouble(k) * dp[k];
      tape.accumulate(n.inputs().get(k), g.mul(coefficient(m, p, k, tape)), true);
    }
    INDArray alphaGrad = tape.parameterGradients()
        .computeIfAbsent(m.alpha(), k -> tape.stored(m.alpha()).ulike().assign(0));
    for (int k = 0; k < candidates; k++) {
      alphaGrad.putScalar(m.row(), k, alphaGrad.getDouble(m.row(), k) + p.getDouble(k) * (dp[k] - mean));
    }
  }

  private static boolean skipped(Node n, int k, TapeContext tape) {
    return tape.op(n.inputs().get(k)) instanceof Zero;
  }

  /** The coefficient of candidate {@code k}: its softmax weight, plus the auxiliary skip's. */
  private static double coefficient(Mixed m, INDArray weights, int k, TapeContext tape) {
    return weights.getDouble(k) + (k == m.skip() ? tape.auxiliarySkip() : 0);
  }

  @Override
  public String dl4j(Mixed m, Node n, Dl4jContext graph) {
    throw relaxationOnly(n);
  }

  @Override
  public SDVariable sameDiff(Mixed m, Node n, List<SDVariable> inputs, SameDiffContext graph) {
    throw relaxationOnly(n);
  }

  private static IllegalStateException relaxationOnly(Node n) {
    return new IllegalStateException("node " + n.name() + ": a mixed op (DARTS relaxation) runs on the tape only;"
        + " derive a child network to build it in DL4J or SameDiff");
  }
}
