package dev.nas.supernet.morph;

import dev.nas.spaces.network.Network;
import dev.nas.spaces.network.NetworkBuilder;
import dev.nas.spaces.network.Node;
import dev.nas.spaces.network.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A network being rewired by a morphism: ops replaced, nodes inserted, readers redirected. The
 * result is built again through {@link NetworkBuilder}, so every shape is inferred afresh and a
 * change that does not fit fails with the node's name.
 */
final class NetworkEdit {

  private record Entry(String name, Op op, List<String> inputs, boolean auxiliary) {}

  private final Network net;
  private final List<Entry> entries = new ArrayList<>();
  private final Map<String, String> lastInserted = new HashMap<>();
  private String output;
  private String auxiliaryOutput;

  NetworkEdit(Network net) {
    this.net = net;
    for (Node n : net.nodes()) {
      entries.add(new Entry(n.name(), n.op(), n.inputs().stream().map(i -> net.node(i).name()).toList(), n.auxiliary()));
    }
    output = net.node(net.output()).name();
    auxiliaryOutput = net.auxiliaryOutput() == null ? null : net.node(net.auxiliaryOutput()).name();
  }

  /** The node of {@code net} named {@code name}; fails naming the network when there is none. */
  static Node node(Network net, String name) {
    return net.nodes().stream().filter(n -> n.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("network " + net.name() + " has no node named '" + name + "'"));
  }

  /** The nodes that read {@code n}'s output. */
  static List<Node> consumers(Network net, Node n) {
    return net.nodes().stream().filter(c -> c.inputs().contains(n.id())).toList();
  }

  /** Whether {@code n} is the network's main or auxiliary output. */
  static boolean isOutput(Network net, Node n) {
    return n.id() == net.output() || (net.auxiliaryOutput() != null && n.id() == net.auxiliaryOutput());
  }

  NetworkEdit replace(String name, Op op) {
    int i = index(name);
    Entry e = entries.get(i);
    entries.set(i, new Entry(e.name(), op, e.inputs(), e.auxiliary()));
    return this;
  }

  /**
   * Inserts a node reading {@code inputs} right after node {@code after} (after the nodes inserted
   * there before it, so successive inserts keep their order); it belongs to the auxiliary head if
   * {@code after} does.
   */
  NetworkEdit insert(String after, String name, Op op, String... inputs) {
    if (entries.stream().anyMatch(e -> e.name().equals(name))) {
      throw new IllegalArgumentException("cannot insert node " + name + ": network " + net.name()
          + " already has a node of that name; choose a new name for the morphism's nodes");
    }
    int at = index(lastInserted.getOrDefault(after, after)) + 1;
    entries.add(at, new Entry(name, op, Arrays.asList(inputs), entries.get(index(after)).auxiliary()));
    lastInserted.put(after, name);
    return this;
  }

  /**
   * Makes every node placed after {@code to} that reads {@code from}, and the outputs, read
   * {@code to} instead: the nodes inserted between them keep reading {@code from}.
   */
  NetworkEdit redirect(String from, String to) {
    for (int i = index(to) + 1; i < entries.size(); i++) {
      Entry e = entries.get(i);
      if (e.inputs().contains(from)) {
        entries.set(i, new Entry(e.name(), e.op(), e.inputs().stream().map(x -> x.equals(from) ? to : x).toList(),
            e.auxiliary()));
      }
    }
    output = output.equals(from) ? to : output;
    auxiliaryOutput = from.equals(auxiliaryOutput) ? to : auxiliaryOutput;
    return this;
  }

  Network build() {
    NetworkBuilder b = new NetworkBuilder(net.name(), net.inputShape());
    Map<String, Integer> ids = new HashMap<>();
    ids.put(entries.get(0).name(), b.input());
    for (Entry e : entries.subList(1, entries.size())) {
      b.auxiliary(e.auxiliary());
      ids.put(e.name(), b.add(e.name(), e.op(), e.inputs().stream().mapToInt(ids::get).toArray()));
    }
    return auxiliaryOutput == null ? b.build(ids.get(output)) : b.build(ids.get(output), ids.get(auxiliaryOutput));
  }

  private int index(String name) {
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("network " + net.name() + " has no node named '" + name + "'");
  }
}
