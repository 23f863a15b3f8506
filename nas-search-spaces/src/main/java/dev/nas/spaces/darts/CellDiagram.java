package dev.nas.spaces.darts;

import java.util.List;

/**
 * A DARTS cell as a Graphviz DOT graph, drawn the way the DARTS reference code's visualisation
 * draws genotypes: the two input states {@code c_{k-2}} and {@code c_{k-1}}, the intermediate
 * nodes 0..n-1, one arrow per chosen edge labelled with its op, and the concatenated nodes
 * feeding {@code c_{k}}.
 */
public final class CellDiagram {

  private CellDiagram() {}

  /** The normal cell ({@code reduce} false) or the reduction cell of {@code genotype}. */
  public static String dot(DartsGenotype genotype, boolean reduce) {
    List<DartsGenotype.Edge> edges = reduce ? genotype.reduce() : genotype.normal();
    List<Integer> concat = reduce ? genotype.reduceConcat() : genotype.normalConcat();
    StringBuilder b = new StringBuilder();
    b.append("digraph ").append(reduce ? "reduction_cell" : "normal_cell").append(" {\n");
    b.append("  rankdir=LR;\n  node [style=filled, shape=rect, align=center, fontname=\"Helvetica\","
        + " fontsize=16, height=0.5, width=0.5, penwidth=2];\n  edge [fontname=\"Helvetica\", fontsize=14];\n");
    b.append("  \"c_{k-2}\" [fillcolor=darkseagreen2];\n  \"c_{k-1}\" [fillcolor=darkseagreen2];\n");
    int nodes = edges.size() / 2;
    for (int i = 0; i < nodes; i++) {
      b.append("  \"").append(i).append("\" [fillcolor=lightblue];\n");
    }
    for (int i = 0; i < edges.size(); i++) {
      DartsGenotype.Edge e = edges.get(i);
      b.append("  \"").append(state(e.input())).append("\" -> \"").append(i / 2).append("\" [label=\"")
          .append(e.op().label()).append("\", fillcolor=gray];\n");
    }
    b.append("  \"c_{k}\" [fillcolor=palegoldenrod];\n");
    for (int s : concat) {
      b.append("  \"").append(state(s)).append("\" -> \"c_{k}\" [fillcolor=gray];\n");
    }
    return b.append("}\n").toString();
  }

  private static String state(int index) {
    return switch (index) {
      case 0 -> "c_{k-2}";
      case 1 -> "c_{k-1}";
      default -> String.valueOf(index - 2);
    };
  }
}
