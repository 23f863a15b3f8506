package dev.nas.spaces.darts;

import dev.nas.core.arch.Gene;
import java.util.ArrayList;
import java.util.List;

/**
 * The genes of the two cells (normal, then reduce) of a DARTS-family space, and the edges they
 * stand for. Node i of a cell reads two of its i + 2 candidate inputs: the two previous cells'
 * outputs (states 0 and 1, {@code c_{k-2}} and {@code c_{k-1}}) and nodes 0..i-1 (states 2..i+1).
 * Two layouts:
 *
 * <ul>
 *   <li><b>Distinct inputs</b> (the {@code darts} space; NAS-Bench-301's and NNI's DARTS space, the
 *       DARTS paper's random-search baseline): a node reads two different states. Node 0 has no
 *       input choice (it reads states 0 and 1): genes {@code op0}, {@code op1}. Node i >= 1 has
 *       {@code inputs}, one of the C(i+2, 2) unordered pairs of distinct states in colex order
 *       ({0,1}, {0,2}, {1,2}, {0,3}, {1,3}, {2,3}, ...), then {@code op0}, the op on the pair's lower
 *       state, and {@code op1}, the op on its higher state. Every genome is a cell and every cell
 *       has exactly one genome: a node's two edges are unordered, so the genome is already canonical.
 *   <li><b>Independent inputs</b> (the pre-issue-18 {@code darts} space, {@code legacy_sampling:
 *       true}; a {@code cell} space with {@code distinct_inputs: false}): per node {@code in0, op0,
 *       in1, op1}, each input any of the i + 2 states, so a node may read one state twice, and the
 *       two orders of a node's edges are two genomes of one cell.
 * </ul>
 */
final class CellGenome {

  static final List<String> CELLS = List.of("normal", "reduce");

  private enum Kind { INPUT, PAIR, OP }

  private final List<DartsOp> ops;
  private final int nodes;
  private final boolean distinctInputs;
  private final List<Gene> genes = new ArrayList<>();
  private final List<Kind> kinds = new ArrayList<>();
  private final List<Integer> nodeOf = new ArrayList<>();

  CellGenome(List<DartsOp> ops, int nodes, boolean distinctInputs) {
    this.ops = List.copyOf(ops);
    this.nodes = nodes;
    this.distinctInputs = distinctInputs;
    List<String> opLabels = ops.stream().map(DartsOp::label).toList();
    for (String cell : CELLS) {
      for (int node = 0; node < nodes; node++) {
        String prefix = cell + ".node" + node;
        List<String> inputs = inputLabels(node);
        if (distinctInputs) {
          if (node > 0) {
            List<String> pairs = new ArrayList<>();
            for (int p = 0; p < pairCount(node + 2); p++) {
              int[] ab = pair(p);
              pairs.add(inputs.get(ab[0]) + "+" + inputs.get(ab[1]));
            }
            add(new Gene(prefix + ".inputs", pairs), Kind.PAIR, node);
          }
          add(new Gene(prefix + ".op0", opLabels), Kind.OP, node);
          add(new Gene(prefix + ".op1", opLabels), Kind.OP, node);
        } else {
          for (int k = 0; k < 2; k++) {
            add(new Gene(prefix + ".in" + k, inputs), Kind.INPUT, node);
            add(new Gene(prefix + ".op" + k, opLabels), Kind.OP, node);
          }
        }
      }
    }
  }

  private void add(Gene gene, Kind kind, int node) {
    genes.add(gene);
    kinds.add(kind);
    nodeOf.add(node);
  }

  List<Gene> genes() {
    return genes;
  }

  boolean distinctInputs() {
    return distinctInputs;
  }

  /** Whether gene {@code position} is a node's pair of inputs (distinct layout). */
  boolean isInputPair(int position) {
    return kinds.get(position) == Kind.PAIR;
  }

  /** The node (within its cell) that gene {@code position} belongs to. */
  int node(int position) {
    return nodeOf.get(position);
  }

  /** Node {@code node}'s candidate inputs: {@code c_{k-2}}, {@code c_{k-1}}, node0, ..., node{node-1}. */
  static List<String> inputLabels(int node) {
    List<String> inputs = new ArrayList<>(List.of("c_{k-2}", "c_{k-1}"));
    for (int j = 0; j < node; j++) {
      inputs.add("node" + j);
    }
    return inputs;
  }

  /** Unordered pairs of distinct states among {@code states}: C(states, 2). */
  static int pairCount(int states) {
    return states * (states - 1) / 2;
  }

  /** The colex index of the pair {a, b}, a != b: C(max, 2) + min. */
  static int pairIndex(int a, int b) {
    int lo = Math.min(a, b);
    int hi = Math.max(a, b);
    return pairCount(hi) + lo;
  }

  /** The pair {lower, higher} with colex index {@code index}. */
  static int[] pair(int index) {
    int hi = 1;
    while (pairCount(hi + 1) <= index) {
      hi++;
    }
    return new int[] {index - pairCount(hi), hi};
  }

  /**
   * The edges of cell {@code cell} (0 normal, 1 reduce) of a genome whose values are in range: two
   * per node, in gene order; in the distinct layout the lower input first.
   */
  List<DartsGenotype.Edge> edges(int[] values, int cell) {
    List<DartsGenotype.Edge> edges = new ArrayList<>();
    int g = cell * genes.size() / CELLS.size();
    for (int node = 0; node < nodes; node++) {
      if (distinctInputs) {
        int[] inputs = node == 0 ? new int[] {0, 1} : pair(values[g++]);
        edges.add(new DartsGenotype.Edge(ops.get(values[g++]), inputs[0]));
        edges.add(new DartsGenotype.Edge(ops.get(values[g++]), inputs[1]));
      } else {
        for (int k = 0; k < 2; k++) {
          int input = values[g++];
          edges.add(new DartsGenotype.Edge(ops.get(values[g++]), input));
        }
      }
    }
    return edges;
  }

  /**
   * Writes the genes of cell {@code cell}'s edges (two per node, in any order within a node) into
   * {@code values}. Each edge's op must be one of the ops, its input in range and, in the distinct
   * layout, a node's two inputs different: the caller checks (see {@link DartsSpace#parse}).
   */
  void encode(List<DartsGenotype.Edge> edges, int cell, int[] values) {
    int g = cell * genes.size() / CELLS.size();
    for (int node = 0; node < nodes; node++) {
      DartsGenotype.Edge a = edges.get(2 * node);
      DartsGenotype.Edge b = edges.get(2 * node + 1);
      if (distinctInputs) {
        if (a.input() == b.input()) {
          throw new IllegalArgumentException("node " + node + " reads input " + a.input() + " twice");
        }
        if (a.input() > b.input()) {
          DartsGenotype.Edge t = a;
          a = b;
          b = t;
        }
        if (node > 0) {
          values[g++] = pairIndex(a.input(), b.input());
        }
        values[g++] = ops.indexOf(a.op());
        values[g++] = ops.indexOf(b.op());
      } else {
        values[g++] = a.input();
        values[g++] = ops.indexOf(a.op());
        values[g++] = b.input();
        values[g++] = ops.indexOf(b.op());
      }
    }
  }
}
