package dev.nas.spaces.darts;

import dev.nas.core.arch.Architecture;
import dev.nas.core.arch.Gene;
import dev.nas.core.arch.GenomeSearchSpace;
import dev.nas.core.arch.GenomeSpec;
import dev.nas.core.arch.InvalidArchitectureException;
import dev.nas.spaces.network.GenotypeSpace;
import dev.nas.spaces.network.Network;
import dev.nas.spaces.network.RelaxableSpace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A cell space of the DARTS family: a normal and a reduction cell, each of {@code nodes} nodes;
 * node i picks two inputs among the two previous cells and nodes 0..i-1, and one op of
 * {@code ops} for each; the cell concatenates all its nodes. Genes, per cell and node:
 * {@code in0, op0, in1, op1} (an op gene's value indexes {@code ops}).
 *
 * <p>The {@code darts} space is the DARTS paper's: 4 nodes and its 8 search ops. A {@code cell}
 * space declared in a config chooses its own ops (any of the reference code's) and node count.
 *
 * <p>Canonical form: within a node the order of its two edges does not matter.
 * Text notation: the reference code's genotype text with {@code range(2, 2 + nodes)} concats.
 */
public final class DartsSpace extends GenomeSearchSpace implements GenotypeSpace, RelaxableSpace {

  public static final String ID = "darts";
  public static final int NODES = 4;
  private static final String[] CELLS = {"normal", "reduce"};

  private final DartsMacro macro;
  private final List<DartsOp> ops;
  private final int nodes;
  private final List<Integer> concat;

  /** The DARTS paper's space (4 nodes, 8 search ops) around the given network. */
  public DartsSpace(DartsMacro macro) {
    this(ID, macro, java.util.Arrays.stream(DartsOp.values()).filter(DartsOp::searchable).toList(), NODES);
  }

  /** A space with its own op list and node count. */
  public DartsSpace(String id, DartsMacro macro, List<DartsOp> ops, int nodes) {
    super(id, cellGenome(ops, nodes));
    this.macro = macro;
    this.ops = List.copyOf(ops);
    this.nodes = nodes;
    this.concat = IntStream.range(2, 2 + nodes).boxed().toList();
  }

  public DartsMacro macro() {
    return macro;
  }

  public List<DartsOp> ops() {
    return ops;
  }

  private static GenomeSpec cellGenome(List<DartsOp> ops, int nodes) {
    List<String> opLabels = ops.stream().map(DartsOp::label).toList();
    List<Gene> genes = new ArrayList<>();
    for (String cell : CELLS) {
      for (int node = 0; node < nodes; node++) {
        List<String> inputs = new ArrayList<>(List.of("c_{k-2}", "c_{k-1}"));
        for (int j = 0; j < node; j++) {
          inputs.add("node" + j);
        }
        for (int k = 0; k < 2; k++) {
          genes.add(new Gene(cell + ".node" + node + ".in" + k, inputs));
          genes.add(new Gene(cell + ".node" + node + ".op" + k, opLabels));
        }
      }
    }
    return new GenomeSpec(genes);
  }

  /** The genotype of a genome. */
  DartsGenotype genotype(int[] genes) {
    List<List<DartsGenotype.Edge>> cells = new ArrayList<>();
    int g = 0;
    for (int c = 0; c < CELLS.length; c++) {
      List<DartsGenotype.Edge> edges = new ArrayList<>();
      for (int e = 0; e < 2 * nodes; e++) {
        int input = genes[g++];
        edges.add(new DartsGenotype.Edge(ops.get(genes[g++]), input));
      }
      cells.add(edges);
    }
    return new DartsGenotype(cells.get(0), concat, cells.get(1), concat);
  }

  public DartsGenotype genotype(Architecture architecture) {
    return genotype(encode(architecture));
  }

  @Override
  protected String canonical(int[] genes) {
    DartsGenotype g = genotype(genes);
    return "normal:" + canonicalCell(g.normal()) + " reduce:" + canonicalCell(g.reduce());
  }

  private static String canonicalCell(List<DartsGenotype.Edge> edges) {
    return IntStream.range(0, edges.size() / 2)
        .mapToObj(n -> Stream.of(edges.get(2 * n), edges.get(2 * n + 1))
            .map(e -> e.op().label() + "~" + e.input())
            .sorted(Comparator.naturalOrder())
            .collect(Collectors.joining(",", "[", "]")))
        .collect(Collectors.joining());
  }

  @Override
  public String format(Architecture architecture) {
    return genotype(architecture).format();
  }

  /** Parses genotype text (or a published name) that lies in this search space. */
  @Override
  public Architecture parse(String text) {
    DartsGenotype g = DartsGenotypes.resolve(text);
    List<String> problems = new ArrayList<>();
    if (g.normalNodes() != nodes || g.reduceNodes() != nodes) {
      problems.add("it has " + g.normalNodes() + " normal and " + g.reduceNodes() + " reduction nodes, the search space "
          + nodes);
    }
    if (!g.normalConcat().equals(concat) || !g.reduceConcat().equals(concat)) {
      problems.add("its concats are " + g.normalConcat() + " / " + g.reduceConcat() + ", the search space's range(2, "
          + (2 + nodes) + ")");
    }
    Stream.concat(g.normal().stream(), g.reduce().stream()).filter(e -> !ops.contains(e.op())).findFirst()
        .ifPresent(e -> problems.add("it uses '" + e.op().label() + "', not one of the space's ops "
            + String.join(", ", ops.stream().map(DartsOp::label).toList())));
    if (!problems.isEmpty()) {
      throw new InvalidArchitectureException("genotype is outside the " + id() + " search space: "
          + String.join("; ", problems) + ". (nas describe --genotype accepts it.)");
    }
    int[] genes = new int[genome().length()];
    int i = 0;
    for (List<DartsGenotype.Edge> cell : List.of(g.normal(), g.reduce())) {
      for (DartsGenotype.Edge e : cell) {
        genes[i++] = e.input();
        genes[i++] = ops.indexOf(e.op());
      }
    }
    return decode(genes);
  }

  @Override
  public Stream<Architecture> enumerate() {
    throw new UnsupportedOperationException("the " + id() + " space has " + size() + " architectures; too many to enumerate");
  }

  @Override
  public Network network(Architecture architecture) {
    return DartsNetwork.build(genotype(architecture), macro, id());
  }

  @Override
  public Network relaxedNetwork() {
    return DartsNetwork.relaxed(macro, ops, nodes, id());
  }

  @Override
  public Map<String, int[]> architectureWeights() {
    int[] shape = {DartsNetwork.edgeCount(nodes), ops.size()};
    Map<String, int[]> weights = new LinkedHashMap<>();
    weights.put(DartsNetwork.ALPHA_NORMAL, shape);
    weights.put(DartsNetwork.ALPHA_REDUCE, shape.clone());
    return weights;
  }

  @Override
  public List<String> candidates() {
    return ops.stream().map(DartsOp::label).toList();
  }

  @Override
  public List<String> edges(String matrix) {
    List<String> edges = new ArrayList<>();
    for (int node = 0; node < nodes; node++) {
      for (String input : genome().genes().get(4 * node).values()) {
        edges.add("node" + node + "<-" + input);
      }
    }
    return edges;
  }

  /**
   * The reference code's {@code genotype()}: for each node the two incoming edges whose strongest
   * op other than {@code none} is strongest, each with that op (ties go to the earlier edge / op).
   */
  @Override
  public Architecture derive(Map<String, double[][]> weights) {
    int none = ops.indexOf(DartsOp.NONE);
    int[] genes = new int[genome().length()];
    int g = 0;
    for (String matrix : List.of(DartsNetwork.ALPHA_NORMAL, DartsNetwork.ALPHA_REDUCE)) {
      double[][] w = weights.get(matrix);
      if (w == null || w.length != DartsNetwork.edgeCount(nodes)) {
        throw new IllegalArgumentException("deriving a " + id() + " cell needs " + matrix + " with "
            + DartsNetwork.edgeCount(nodes) + " rows");
      }
      int start = 0;
      for (int node = 0; node < nodes; node++) {
        int inputs = node + 2;
        Integer[] order = new Integer[inputs];
        double[] strength = new double[inputs];
        int[] best = new int[inputs];
        for (int j = 0; j < inputs; j++) {
          order[j] = j;
          best[j] = -1;
          for (int k = 0; k < ops.size(); k++) {
            if (k != none && (best[j] < 0 || w[start + j][k] > w[start + j][best[j]])) {
              best[j] = k;
            }
          }
          strength[j] = w[start + j][best[j]];
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(strength[b], strength[a]));
        for (int e = 0; e < 2; e++) {
          genes[g++] = order[e];
          genes[g++] = best[order[e]];
        }
        start += inputs;
      }
    }
    return decode(genes);
  }

  @Override
  public Map<String, Object> describe(Architecture architecture) {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("genotype", format(architecture));
    facts.putAll(GenotypeSpace.super.describe(architecture));
    return facts;
  }

  @Override
  public Network genotypeNetwork(String nameOrText) {
    return DartsNetwork.build(DartsGenotypes.resolve(nameOrText), macro, id());
  }

  @Override
  public String genotypeText(String nameOrText) {
    return DartsGenotypes.resolve(nameOrText).format();
  }

  @Override
  public Map<String, Object> describeGenotype(String nameOrText) {
    DartsGenotype g = DartsGenotypes.resolve(nameOrText);
    Network n = genotypeNetwork(nameOrText);
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("space", id());
    facts.put("genotype", g.format());
    facts.put("canonical", "normal:" + canonicalCell(g.normal()) + g.normalConcat() + " reduce:"
        + canonicalCell(g.reduce()) + g.reduceConcat());
    facts.put("macro", macro);
    facts.put("params", n.params());
    facts.put("params_with_auxiliary", n.paramsWithAuxiliary());
    facts.put("flops", n.flops());
    facts.put("input", n.inputShape().toString());
    facts.put("layers", n.layers().stream().filter(l -> l.params() > 0).toList());
    return facts;
  }
}
