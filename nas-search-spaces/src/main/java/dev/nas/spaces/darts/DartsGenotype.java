package dev.nas.spaces.darts;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A DARTS-style genotype: for each cell type, two edges per node ({@code (op, input)}, inputs
 * 0 and 1 being the two previous cells' outputs and {@code 2+j} node j), and the states the cell
 * concatenates. Any node count and concat list are allowed, as the published genotypes need.
 */
public record DartsGenotype(List<Edge> normal, List<Integer> normalConcat, List<Edge> reduce, List<Integer> reduceConcat) {

  /** One input of a node: an op applied to an earlier state. */
  public record Edge(DartsOp op, int input) {}

  public DartsGenotype {
    normal = List.copyOf(normal);
    normalConcat = List.copyOf(normalConcat);
    reduce = List.copyOf(reduce);
    reduceConcat = List.copyOf(reduceConcat);
  }

  public int normalNodes() {
    return normal.size() / 2;
  }

  public int reduceNodes() {
    return reduce.size() / 2;
  }

  /** Parses the reference code's text; errors point at the bad token. */
  public static DartsGenotype parse(String text) {
    return new DartsGenotypeParser(text).parse();
  }

  /**
   * The reference code's text, e.g. {@code Genotype(normal=[('sep_conv_3x3', 1), ...],
   * normal_concat=range(2, 6), reduce=[...], reduce_concat=range(2, 6))}; a concat that is a
   * contiguous run is written as {@code range}, as the search code prints it.
   */
  public String format() {
    return "Genotype(normal=" + edges(normal) + ", normal_concat=" + concat(normalConcat)
        + ", reduce=" + edges(reduce) + ", reduce_concat=" + concat(reduceConcat) + ")";
  }

  private static String edges(List<Edge> edges) {
    return edges.stream().map(e -> "('" + e.op().label() + "', " + e.input() + ")")
        .collect(Collectors.joining(", ", "[", "]"));
  }

  private static String concat(List<Integer> concat) {
    boolean run = !concat.isEmpty() && IntStream.range(0, concat.size()).allMatch(i -> concat.get(i) == concat.get(0) + i);
    return run ? "range(" + concat.get(0) + ", " + (concat.get(concat.size() - 1) + 1) + ")" : concat.toString();
  }
}
