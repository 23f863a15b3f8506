package dev.nas.spaces.network;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds a {@link Network} node by node, inferring each node's shape and failing at once, with
 * the node's name, when an op does not fit its inputs.
 */
public final class NetworkBuilder {

  private final String name;
  private final List<Node> nodes = new ArrayList<>();
  private final Set<String> names = new HashSet<>();
  private boolean auxiliary;

  public NetworkBuilder(String name, TensorShape input) {
    this.name = name;
    nodes.add(new Node(0, "input", new Input(input), List.of(), input, false));
    names.add("input");
  }

  /** The input node's id. */
  public int input() {
    return 0;
  }

  /** Adds {@code op} applied to {@code inputs}; returns the new node's id. */
  public int add(String nodeName, Op op, int... inputs) {
    if (!names.add(nodeName)) {
      throw new IllegalArgumentException("duplicate node name " + nodeName + " in " + name);
    }
    List<Integer> in = new ArrayList<>();
    List<TensorShape> shapes = new ArrayList<>();
    for (int i : inputs) {
      if (i < 0 || i >= nodes.size()) {
        throw new IllegalArgumentException("node " + nodeName + " reads missing node " + i);
      }
      in.add(i);
      shapes.add(nodes.get(i).shape());
    }
    TensorShape shape;
    try {
      shape = op.output(shapes);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("node " + nodeName + " of " + name + ": " + e.getMessage(), e);
    }
    nodes.add(new Node(nodes.size(), nodeName, op, in, shape, auxiliary));
    return nodes.size() - 1;
  }

  /** Applies {@code ops} one after another to {@code input}, naming them {@code prefix.kind}. */
  public int chain(String prefix, int input, Op... ops) {
    int x = input;
    for (int i = 0; i < ops.length; i++) {
      x = add(prefix + "." + i + "." + ops[i].kind(), ops[i], x);
    }
    return x;
  }

  public TensorShape shape(int node) {
    return nodes.get(node).shape();
  }

  /** Nodes added from now on belong to the auxiliary head (true) or the main network (false). */
  public NetworkBuilder auxiliary(boolean on) {
    this.auxiliary = on;
    return this;
  }

  public Network build(int output) {
    return new Network(name, nodes, output, null);
  }

  public Network build(int output, int auxiliaryOutput) {
    return new Network(name, nodes, output, auxiliaryOutput);
  }
}
