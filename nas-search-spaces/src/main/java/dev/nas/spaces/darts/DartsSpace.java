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
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A cell space of the DARTS family: a normal and a reduction cell, each of {@code nodes} nodes;
 * node i reads two inputs among the two previous cells and nodes 0..i-1 and applies one op of
 * {@code ops} to each; the cell concatenates all its nodes. The genes are {@link CellGenome}'s.
 *
 * <p>The {@code darts} space is the one sampling methods search in the literature (NAS-Bench-301,
 * NNI's DARTS space, the DARTS paper's random-search baseline): 4 nodes, each reading two
 * <em>distinct</em> inputs, each edge one of the 7 ops of the DARTS {@code PRIMITIVES} other than
 * {@code none}. Its continuous relaxation ({@link #relaxedNetwork()}) keeps all 8 {@code PRIMITIVES},
 * {@code none} included, as candidates of every mixed edge, and {@link #derive} drops {@code none}
 * as the reference code's {@code genotype()} does, so a derived cell always lies in the space.
 * {@link #legacy} is the space before that (issue 18): 8 ops with {@code none}, each edge's input
 * chosen on its own (a node may read one input twice). A {@code cell} space declared in a config
 * chooses its own ops (any of the reference code's, sampled as listed) and node count, and whether
 * a node's two inputs must differ.
 *
 * <p>Canonical form: within a node the order of its two edges does not matter.
 * Text notation: the reference code's genotype text with {@code range(2, 2 + nodes)} concats.
 */
public final class DartsSpace extends GenomeSearchSpace implements GenotypeSpace, RelaxableSpace {

  public static final String ID = "darts";
  public static final int NODES = 4;
  /** The config setting that turns the {@code darts} space into {@link #legacy}. */
  public static final String LEGACY_OPTION = "legacy_sampling";

  private final DartsMacro macro;
  private final List<DartsOp> ops;
  private final List<DartsOp> candidates;
  private final int nodes;
  private final List<Integer> concat;
  private final CellGenome cells;
  /** The setting that gives the space with the other input layout, e.g. {@code legacy_sampling: true}. */
  private final String otherLayout;
  private final CellGenome otherCells;

  /**
   * The {@code darts} space: 4 nodes, two distinct inputs per node, the 7 DARTS search ops other
   * than {@code none}; its relaxation has all 8 (NAS-Bench-301's space and its DARTS relaxation).
   */
  public DartsSpace(DartsMacro macro) {
    this(ID, macro, sampledDartsOps(), DartsOp.searchOps(), NODES, true, LEGACY_OPTION + ": true");
  }

  /**
   * The {@code darts} space as it was before issue 18 ({@code legacy_sampling: true}): 4 nodes,
   * each edge's input chosen on its own, one of all 8 DARTS search ops ({@code none} included),
   * the genes {@code in0, op0, in1, op1} per node. Its relaxation is {@link #DartsSpace(DartsMacro)}'s.
   */
  public static DartsSpace legacy(DartsMacro macro) {
    return new DartsSpace(ID, macro, DartsOp.searchOps(), DartsOp.searchOps(), NODES, false, LEGACY_OPTION + ": false");
  }

  /** A {@code cell} space with distinct inputs per node; its relaxation's candidates are {@code ops}. */
  public DartsSpace(String id, DartsMacro macro, List<DartsOp> ops, int nodes) {
    this(id, macro, ops, nodes, true);
  }

  /** A {@code cell} space: its own op list (sampled as given, and the relaxation's candidates) and node count. */
  public DartsSpace(String id, DartsMacro macro, List<DartsOp> ops, int nodes, boolean distinctInputs) {
    this(id, macro, ops, ops, nodes, distinctInputs, CellSpaceConfig.DISTINCT_INPUTS + ": " + !distinctInputs);
  }

  private DartsSpace(String id, DartsMacro macro, List<DartsOp> ops, List<DartsOp> candidates, int nodes,
      boolean distinctInputs, String otherLayout) {
    this(id, macro, ops, candidates, nodes, new CellGenome(ops, nodes, distinctInputs), otherLayout);
  }

  private DartsSpace(String id, DartsMacro macro, List<DartsOp> ops, List<DartsOp> candidates, int nodes,
      CellGenome cells, String otherLayout) {
    super(id, new GenomeSpec(cells.genes()));
    this.macro = macro;
    this.ops = List.copyOf(ops);
    this.candidates = List.copyOf(candidates);
    this.nodes = nodes;
    this.concat = IntStream.range(2, 2 + nodes).boxed().toList();
    this.cells = cells;
    this.otherLayout = otherLayout;
    this.otherCells = new CellGenome(ops, nodes, !cells.distinctInputs());
    for (DartsOp c : candidates) {
      if (c != DartsOp.NONE && !ops.contains(c)) {
        // derive() returns the strongest candidate other than none: it must be a gene value.
        throw new IllegalArgumentException("relaxation candidate " + c.label() + " is not one of the ops " + ops);
      }
    }
  }

  /** The 7 DARTS search ops without {@code none}: what an edge of the {@code darts} space takes. */
  private static List<DartsOp> sampledDartsOps() {
    return DartsOp.searchOps().stream().filter(o -> o != DartsOp.NONE).toList();
  }

  public DartsMacro macro() {
    return macro;
  }

  /** The ops an edge of this space takes (the op genes' values). */
  public List<DartsOp> ops() {
    return ops;
  }

  /** Whether a node's two inputs are always different (false: each edge's input is chosen on its own). */
  public boolean distinctInputs() {
    return cells.distinctInputs();
  }

  /** The genotype of a genome. */
  DartsGenotype genotype(int[] genes) {
    return new DartsGenotype(cells.edges(genes, 0), concat, cells.edges(genes, 1), concat);
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

  /**
   * In the distinct layout a node's input pair changes by one input: one of the two is kept and
   * the other replaced by one of the node's remaining candidate inputs (the hidden-state mutation
   * of Real et al.), never both at once; {@code op0} and {@code op1} stay on the lower and the
   * higher input of the new pair. Op genes take another op, as in every genome space.
   */
  @Override
  protected int mutateGene(int[] genes, int position, RandomGenerator rng) {
    if (!cells.distinctInputs() || !cells.isInputPair(position)) {
      return super.mutateGene(genes, position, rng);
    }
    int[] pair = CellGenome.pair(genes[position]);
    int kept = pair[rng.nextInt(2)];
    // Node i >= 1 has i + 2 inputs, i of them outside the pair.
    int[] outside = IntStream.range(0, cells.node(position) + 2).filter(j -> j != pair[0] && j != pair[1]).toArray();
    return CellGenome.pairIndex(kept, outside[rng.nextInt(outside.length)]);
  }

  /** As {@link GenomeSearchSpace#validate}, and says so when the architecture has the other input layout's genes. */
  @Override
  public void validate(Architecture architecture) {
    List<String> names = architecture.choices().keySet().stream().toList();
    if (architecture.space().equals(id()) && !names.equals(genome().genes().stream().map(Gene::name).toList())
        && names.equals(otherCells.genes().stream().map(Gene::name).toList())) {
      throw new InvalidArchitectureException("architecture of space '" + id() + "' has the genes of the space with "
          + otherLayout + " (" + (cells.distinctInputs() ? "one input gene per edge, a node may read one input twice"
              : "one input-pair gene per node") + "), not of this one; read it with " + otherLayout
          + " in the space section (for a run directory: its config.yaml)");
    }
    super.validate(architecture);
  }

  @Override
  public String format(Architecture architecture) {
    return genotype(architecture).format();
  }

  /**
   * Parses genotype text (or a published name) that lies in this search space. Whatever lies
   * outside it (another node count or concat, an op the space lacks, {@code none} in the
   * {@code darts} space, a node that reads one input twice where inputs are distinct) is refused
   * naming where; {@code nas describe --genotype} and {@code nas train --genotype} build any genotype.
   */
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
    boolean otherLayoutAccepts = problems.isEmpty();
    Optional<Edge> foreign = edges(g).filter(e -> !ops.contains(e.edge().op())).findFirst();
    if (foreign.isPresent()) {
      DartsOp op = foreign.get().edge().op();
      problems.add("it uses '" + op.label() + "' (" + foreign.get().where() + "); accepted ops: "
          + String.join(", ", labels(ops)) + (op == DartsOp.NONE && candidates.contains(op)
              ? " (none is a candidate of the relaxation only)" : ""));
      otherLayoutAccepts &= edges(g).allMatch(e -> otherLayoutOps().contains(e.edge().op()));
    }
    if (cells.distinctInputs()) {
      edges(g).filter(e -> e.edge().input() == e.other().input()).findFirst().ifPresent(e -> problems.add(
          e.where() + " reads input " + e.edge().input() + " twice; accepted: two distinct inputs per node"));
    } else {
      otherLayoutAccepts = false;
    }
    if (!problems.isEmpty()) {
      throw new InvalidArchitectureException("genotype is outside the " + id() + " search space: "
          + String.join("; ", problems) + "." + (otherLayoutAccepts ? " The space with " + otherLayout + " accepts it;"
              : "") + " (nas describe/train --genotype accept it.)");
    }
    int[] genes = new int[genome().length()];
    cells.encode(g.normal(), 0, genes);
    cells.encode(g.reduce(), 1, genes);
    return decode(genes);
  }

  /** The ops of the space with the other input layout: the legacy darts space adds none. */
  private List<DartsOp> otherLayoutOps() {
    return id().equals(ID) && cells.distinctInputs() ? candidates : ops;
  }

  private static List<String> labels(List<DartsOp> ops) {
    return ops.stream().map(DartsOp::label).toList();
  }

  /** An edge of a genotype, with the other edge of its node. */
  private record Edge(String cell, int node, DartsGenotype.Edge edge, DartsGenotype.Edge other) {
    String where() {
      return cell + " node " + node;
    }
  }

  /** Every edge of a genotype, normal cell first. */
  private static Stream<Edge> edges(DartsGenotype g) {
    return CellGenome.CELLS.stream().flatMap(cell -> {
      List<DartsGenotype.Edge> edges = cell.equals("normal") ? g.normal() : g.reduce();
      return IntStream.range(0, edges.size())
          .mapToObj(i -> new Edge(cell, i / 2, edges.get(i), edges.get(i % 2 == 0 ? i + 1 : i - 1)));
    });
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
    return DartsNetwork.relaxed(macro, candidates, nodes, id());
  }

  @Override
  public Map<String, int[]> architectureWeights() {
    int[] shape = {DartsNetwork.edgeCount(nodes), candidates.size()};
    Map<String, int[]> weights = new LinkedHashMap<>();
    weights.put(DartsNetwork.ALPHA_NORMAL, shape);
    weights.put(DartsNetwork.ALPHA_REDUCE, shape.clone());
    return weights;
  }

  /** The relaxation's candidate ops: for {@code darts} the 8 DARTS {@code PRIMITIVES}, {@code none} included. */
  @Override
  public List<String> candidates() {
    return labels(candidates);
  }

  @Override
  public List<String> edges(String matrix) {
    List<String> edges = new ArrayList<>();
    for (int node = 0; node < nodes; node++) {
      for (String input : CellGenome.inputLabels(node)) {
        edges.add("node" + node + "<-" + input);
      }
    }
    return edges;
  }

  /**
   * The reference code's {@code genotype()}: for each node the two incoming edges whose strongest
   * candidate other than {@code none} is strongest, each with that op (ties go to the earlier edge /
   * op). The two edges have distinct inputs and no {@code none}: the cell lies in the space.
   */
  @Override
  public Architecture derive(Map<String, double[][]> weights) {
    int none = candidates.indexOf(DartsOp.NONE);
    List<List<DartsGenotype.Edge>> derived = new ArrayList<>();
    for (String matrix : List.of(DartsNetwork.ALPHA_NORMAL, DartsNetwork.ALPHA_REDUCE)) {
      double[][] w = weights.get(matrix);
      if (w == null || w.length != DartsNetwork.edgeCount(nodes)) {
        throw new IllegalArgumentException("deriving a " + id() + " cell needs " + matrix + " with "
            + DartsNetwork.edgeCount(nodes) + " rows");
      }
      List<DartsGenotype.Edge> edges = new ArrayList<>();
      int start = 0;
      for (int node = 0; node < nodes; node++) {
        int inputs = node + 2;
        Integer[] order = new Integer[inputs];
        double[] strength = new double[inputs];
        int[] best = new int[inputs];
        for (int j = 0; j < inputs; j++) {
          order[j] = j;
          best[j] = -1;
          for (int k = 0; k < candidates.size(); k++) {
            if (k != none && (best[j] < 0 || w[start + j][k] > w[start + j][best[j]])) {
              best[j] = k;
            }
          }
          strength[j] = w[start + j][best[j]];
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(strength[b], strength[a]));
        for (int e = 0; e < 2; e++) {
          edges.add(new DartsGenotype.Edge(candidates.get(best[order[e]]), order[e]));
        }
        start += inputs;
      }
      derived.add(edges);
    }
    int[] genes = new int[genome().length()];
    cells.encode(derived.get(0), 0, genes);
    cells.encode(derived.get(1), 1, genes);
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
