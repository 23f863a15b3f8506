package dev.nas.spaces.nb201;

import dev.nas.core.arch.Architecture;
import dev.nas.core.arch.Gene;
import dev.nas.core.arch.GenomeSearchSpace;
import dev.nas.core.arch.GenomeSpec;
import dev.nas.core.arch.InvalidArchitectureException;
import dev.nas.spaces.InputEcho;
import dev.nas.spaces.NaturalNumber;
import dev.nas.spaces.network.Network;
import dev.nas.spaces.network.RelaxableSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The NAS-Bench-201 cell space: 4 nodes, an edge from every node to every later node (6 edges),
 * one of 5 ops per edge, 5^6 = 15,625 cells. Genes are the edges in the official order
 * {@code 1<-0, 2<-0, 2<-1, 3<-0, 3<-1, 3<-2}; a gene's value indexes {@link Nb201Op}.
 *
 * <p>Text notation: the official arch string, e.g.
 * {@code |nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_1x1~2|}.
 * {@link #enumerate()} and {@link #index} follow the benchmark's official index order.
 */
public final class Nb201Space extends GenomeSearchSpace implements RelaxableSpace {

  public static final String ID = "nb201";
  static final int NODES = 4;
  public static final int EDGES = NODES * (NODES - 1) / 2;
  public static final int SIZE = 15_625;
  private static final String FORMAT = "|op~0|+|op~0|op~1|+|op~0|op~1|op~2|";

  private static final Nb201Index INDEX = new Nb201Index(SIZE);
  private static final Nb201Space INSTANCE = new Nb201Space(Nb201Macro.CIFAR10);
  private final Nb201Index index = INDEX;
  private final Nb201Macro macro;

  private Nb201Space(Nb201Macro macro) {
    super(ID, edgeGenome());
    this.macro = macro;
  }

  /** The space with the benchmark's CIFAR-10 network. */
  public static Nb201Space instance() {
    return INSTANCE;
  }

  /** The space with another network around the cell (the genome and index are the same). */
  public static Nb201Space of(Nb201Macro macro) {
    return macro.equals(Nb201Macro.CIFAR10) ? INSTANCE : new Nb201Space(macro);
  }

  public Nb201Macro macro() {
    return macro;
  }

  @Override
  public Network network(Architecture architecture) {
    return Nb201Network.build(encode(architecture), macro, "nb201" + format(architecture));
  }

  @Override
  public Network relaxedNetwork() {
    return Nb201Network.relaxed(macro, "nb201");
  }

  @Override
  public java.util.Map<String, int[]> architectureWeights() {
    return java.util.Map.of(Nb201Network.ALPHA, new int[] {EDGES, Nb201Op.values().length});
  }

  @Override
  public List<String> candidates() {
    return Nb201Op.labels();
  }

  @Override
  public List<String> edges(String matrix) {
    return genome().genes().stream().map(Gene::name).toList();
  }

  /** As NB201's DARTS code derives a cell: on each edge the op with the largest weight, {@code none} included. */
  @Override
  public Architecture derive(java.util.Map<String, double[][]> weights) {
    double[][] w = weights.get(Nb201Network.ALPHA);
    if (w == null || w.length != EDGES) {
      throw new IllegalArgumentException("deriving an nb201 cell needs " + Nb201Network.ALPHA + " with " + EDGES + " rows");
    }
    int[] genes = new int[EDGES];
    for (int e = 0; e < EDGES; e++) {
      for (int k = 1; k < w[e].length; k++) {
        if (w[e][k] > w[e][genes[e]]) {
          genes[e] = k;
        }
      }
    }
    return decode(genes);
  }

  private static GenomeSpec edgeGenome() {
    List<Gene> genes = new ArrayList<>();
    for (int to = 1; to < NODES; to++) {
      for (int from = 0; from < to; from++) {
        genes.add(new Gene(to + "<-" + from, Nb201Op.labels()));
      }
    }
    return new GenomeSpec(genes);
  }

  @Override
  protected String canonical(int[] genes) {
    return Nb201Canonical.of(genes);
  }

  /** The official benchmark index (0..15624) of a cell. */
  public int index(Architecture architecture) {
    int[] genes = encode(architecture);
    int rank = 0;
    for (int g : genes) {
      rank = rank * Nb201Op.values().length + g;
    }
    return index.officialIndexOf(rank);
  }

  /** The cell with official benchmark index {@code officialIndex}. */
  public Architecture byIndex(int officialIndex) {
    if (officialIndex < 0 || officialIndex >= SIZE) {
      throw new InvalidArchitectureException(
          "NB201 index " + officialIndex + " is out of range; accepted 0.." + (SIZE - 1));
    }
    int rank = index.genomeRankOf(officialIndex);
    int[] genes = new int[EDGES];
    for (int e = EDGES - 1; e >= 0; e--) {
      genes[e] = rank % Nb201Op.values().length;
      rank /= Nb201Op.values().length;
    }
    return decode(genes);
  }

  /** The cell's official benchmark index, then its network's counts and layers. */
  @Override
  public java.util.Map<String, Object> describe(Architecture architecture) {
    var facts = new java.util.LinkedHashMap<String, Object>();
    facts.put("index", index(architecture));
    facts.putAll(RelaxableSpace.super.describe(architecture));
    return facts;
  }

  /** Every cell in official index order. */
  @Override
  public Stream<Architecture> enumerate() {
    return IntStream.range(0, SIZE).mapToObj(this::byIndex);
  }

  @Override
  public String format(Architecture architecture) {
    int[] genes = encode(architecture);
    StringBuilder s = new StringBuilder();
    int edge = 0;
    for (int to = 1; to < NODES; to++) {
      if (to > 1) {
        s.append('+');
      }
      s.append('|');
      for (int from = 0; from < to; from++) {
        s.append(Nb201Op.values()[genes[edge++]].label()).append('~').append(from).append('|');
      }
    }
    return s.toString();
  }

  /**
   * Parses an official arch string. Within a node the edges may come in any order, but each node
   * needs exactly one edge from each earlier node. Errors quote the input cut short ({@link InputEcho}).
   */
  @Override
  public Architecture parse(String text) {
    String s = text == null ? "" : text.trim();
    String[] nodes = s.split("\\+", -1);
    if (nodes.length != NODES - 1) {
      throw bad(text, "it has " + nodes.length + " node group(s) separated by '+', expected " + (NODES - 1));
    }
    int[] genes = new int[EDGES];
    int edge = 0;
    for (int to = 1; to < NODES; to++) {
      String group = nodes[to - 1];
      if (!group.startsWith("|") || !group.endsWith("|") || group.length() < 2) {
        throw bad(text, "node " + to + " group " + InputEcho.quotePart(group) + " must start and end with '|'");
      }
      String[] items = group.substring(1, group.length() - 1).split("\\|", -1);
      if (items.length != to) {
        throw bad(text, "node " + to + " has " + items.length + " edge(s), expected " + to
            + " (one from each of nodes 0.." + (to - 1) + ")");
      }
      int[] ops = new int[to];
      boolean[] seen = new boolean[to];
      for (String item : items) {
        int tilde = item.lastIndexOf('~');
        if (tilde < 0) {
          throw bad(text, "edge " + InputEcho.quotePart(item) + " of node " + to + " is not of the form op~input");
        }
        Nb201Op op = Nb201Op.byLabel(item.substring(0, tilde));
        if (op == null) {
          throw bad(text, "unknown op " + InputEcho.quotePart(item.substring(0, tilde)) + "; accepted ops: "
              + String.join(", ", Nb201Op.labels()));
        }
        int from = NaturalNumber.parse(item.substring(tilde + 1));
        if (from < 0) {
          throw bad(text, "edge " + InputEcho.quotePart(item) + " has input "
              + InputEcho.quotePart(item.substring(tilde + 1)) + ", expected a node number");
        }
        if (from >= to || seen[from]) {
          throw bad(text, "node " + to + " has input " + from + " " + (from < to ? "twice" : "out of range")
              + "; accepted inputs 0.." + (to - 1) + ", once each");
        }
        seen[from] = true;
        ops[from] = op.ordinal();
      }
      for (int from = 0; from < to; from++) {
        genes[edge++] = ops[from];
      }
    }
    return decode(genes);
  }

  private static InvalidArchitectureException bad(String text, String why) {
    return new InvalidArchitectureException("malformed NB201 arch string " + InputEcho.quote(text) + ": " + why
        + ". Expected the form " + FORMAT + " with ops " + String.join(", ", Nb201Op.labels()));
  }
}
