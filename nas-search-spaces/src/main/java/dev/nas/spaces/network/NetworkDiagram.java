package dev.nas.spaces.network;

import java.util.Locale;

/**
 * A network description as a Graphviz DOT graph: one box per node (its name, op kind, output shape
 * and parameters), an arrow per input, the auxiliary head dashed. Graphviz's {@code dot} lays it
 * out; the text is deterministic, so two exports of one architecture are identical.
 */
public final class NetworkDiagram {

  private NetworkDiagram() {}

  public static String dot(Network net) {
    StringBuilder b = new StringBuilder();
    b.append("digraph \"").append(escape(net.name())).append("\" {\n");
    b.append("  rankdir=TB;\n  node [shape=box, style=\"rounded,filled\", fillcolor=\"#eef3fb\","
        + " fontname=\"Helvetica\", fontsize=10];\n  edge [arrowsize=0.6];\n");
    for (Node n : net.nodes()) {
      long params = net.params(n);
      // "\\n" is DOT's line break inside a label.
      String label = escape(n.name()) + "\\n" + n.op().kind() + "  " + n.shape()
          + (params > 0 ? String.format(Locale.ROOT, "\\n%,d params", params) : "");
      b.append("  n").append(n.id()).append(" [label=\"").append(label).append('"');
      if (n.id() == 0 || n.id() == net.output()) {
        b.append(", fillcolor=\"#d9ead3\"");
      }
      if (n.auxiliary()) {
        b.append(", style=\"rounded,dashed\"");
      }
      b.append("];\n");
      for (int input : n.inputs()) {
        b.append("  n").append(input).append(" -> n").append(n.id()).append(";\n");
      }
    }
    return b.append("}\n").toString();
  }

  static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
