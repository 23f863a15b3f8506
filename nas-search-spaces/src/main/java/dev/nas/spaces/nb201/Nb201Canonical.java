package dev.nas.spaces.nb201;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The function an NB201 cell computes, written as a normal form. Node {@code i} is the sum of
 * {@code op(node j)} over its incoming edges, so the cell output is an expression over the input
 * {@code x}. The normal form applies only exact identities:
 *
 * <ul>
 *   <li>{@code none} contributes nothing; an op applied to a node that is identically zero
 *       contributes nothing (this includes the convs, whose BN would add a learned constant that
 *       carries no information about the input, as in NATS-Bench's unique strings);
 *   <li>{@code skip_connect} is the identity, so its node's terms join the sum directly;
 *   <li>addition is commutative and associative: terms are sorted, multiplicity is kept (two convs
 *       on the same input have separate weights and are not one conv);
 *   <li>NB201's 3x3 average pooling (stride 1, {@code count_include_pad=False}) is linear, so
 *       {@code avg(a) + avg(b) = avg(a + b)}.
 * </ul>
 *
 * Edges that cannot reach the output, or that only carry zero, thus vanish from the form; a cell
 * with no path from input to output has the form {@code 0}.
 */
final class Nb201Canonical {

  private Nb201Canonical() {}

  /** A summand: the input {@code x}, or an op applied to a sum. */
  private record Term(Nb201Op op, List<Term> arg) {
    static final Term INPUT = new Term(null, List.of());

    @Override
    public String toString() {
      return op == null ? "x" : shortName(op) + "(" + format(arg) + ")";
    }
  }

  /** {@code genes[e]} is the op of edge e in the official edge order. */
  static String of(int[] genes) {
    List<List<Term>> nodes = new ArrayList<>();
    nodes.add(List.of(Term.INPUT));
    int edge = 0;
    for (int node = 1; node < Nb201Space.NODES; node++) {
      List<Term> sum = new ArrayList<>();
      for (int from = 0; from < node; from++) {
        Nb201Op op = Nb201Op.values()[genes[edge++]];
        List<Term> input = nodes.get(from);
        if (op == Nb201Op.NONE || input.isEmpty()) {
          continue;
        }
        if (op == Nb201Op.SKIP_CONNECT) {
          sum.addAll(input);
        } else {
          sum.add(new Term(op, input));
        }
      }
      nodes.add(normalise(sum));
    }
    List<Term> out = nodes.get(Nb201Space.NODES - 1);
    return out.isEmpty() ? "0" : format(out);
  }

  /** Merges every average pooling of the sum into one, recursively, and sorts the terms. */
  private static List<Term> normalise(List<Term> sum) {
    List<Term> pooled = new ArrayList<>();
    List<Term> rest = new ArrayList<>();
    int pools = 0;
    for (Term t : sum) {
      if (t.op() == Nb201Op.AVG_POOL_3X3) {
        pooled.addAll(t.arg());
        pools++;
      } else {
        rest.add(t);
      }
    }
    if (pools == 1) {
      rest.add(new Term(Nb201Op.AVG_POOL_3X3, pooled));
    } else if (pools > 1) {
      rest.add(new Term(Nb201Op.AVG_POOL_3X3, normalise(pooled)));
    }
    rest.sort(Comparator.comparing(Term::toString));
    return List.copyOf(rest);
  }

  private static String format(List<Term> sum) {
    return String.join("+", sum.stream().map(Term::toString).toList());
  }

  private static String shortName(Nb201Op op) {
    return switch (op) {
      case NOR_CONV_1X1 -> "conv1";
      case NOR_CONV_3X3 -> "conv3";
      case AVG_POOL_3X3 -> "avg";
      default -> throw new IllegalArgumentException(op.label() + " is not a parametric term");
    };
  }
}
