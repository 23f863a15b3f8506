package dev.nas.spaces.network;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A network description: nodes in topological order (node 0 is the input), a main output and an
 * optional auxiliary output. Immutable; built with {@link NetworkBuilder}.
 *
 * <p>{@link #params()} and {@link #flops()} count the main network only: nodes that serve only
 * the auxiliary head are excluded, as the DARTS reference code reports its model size.
 */
public record Network(String name, List<Node> nodes, int output, Integer auxiliaryOutput) {

  public Network {
    nodes = List.copyOf(nodes);
  }

  public Node node(int id) {
    return nodes.get(id);
  }

  public TensorShape inputShape() {
    return nodes.get(0).shape();
  }

  public TensorShape outputShape() {
    return nodes.get(output).shape();
  }

  public List<TensorShape> inputShapes(Node n) {
    return n.inputs().stream().map(i -> nodes.get(i).shape()).toList();
  }

  public long params(Node n) {
    return n.op().params(inputShapes(n));
  }

  public long flops(Node n) {
    return n.op().flops(inputShapes(n), n.shape());
  }

  /** Trainable parameters of the main network (auxiliary head excluded). */
  public long params() {
    return nodes.stream().filter(n -> !n.auxiliary()).mapToLong(this::params).reduce(0, Math::addExact);
  }

  /** Trainable parameters including the auxiliary head. */
  public long paramsWithAuxiliary() {
    return nodes.stream().mapToLong(this::params).reduce(0, Math::addExact);
  }

  /**
   * Multiply-adds of one forward pass of the main network, for one example. Sums with
   * {@link Math#addExact}, like every count (see {@link Op}): never a wrapped, negative total.
   */
  public long flops() {
    return nodes.stream().filter(n -> !n.auxiliary()).mapToLong(this::flops).reduce(0, Math::addExact);
  }

  /**
   * This network with every op replaced by {@code f(op)} (names, wiring and auxiliary flags kept),
   * e.g. to make batch norm non-affine for a search phase; throws if a new op changes a shape.
   */
  public Network withOps(UnaryOperator<Op> f) {
    List<Node> mapped = new ArrayList<>(nodes.size());
    for (Node n : nodes) {
      Op op = f.apply(n.op());
      if (op.equals(n.op())) {
        mapped.add(n);
        continue;
      }
      TensorShape shape = op.output(inputShapes(n));
      if (!shape.equals(n.shape())) {
        throw new IllegalArgumentException("node " + n.name() + ": replacing " + n.op() + " by " + op
            + " changes its shape from " + n.shape() + " to " + shape);
      }
      mapped.add(new Node(n.id(), n.name(), op, n.inputs(), n.shape(), n.auxiliary()));
    }
    return new Network(name, mapped, output, auxiliaryOutput);
  }

  /**
   * The main network alone: the auxiliary head's nodes removed and the rest renumbered, names and
   * weights' keys unchanged (an auxiliary head only helps training; a served model has one output).
   */
  public Network withoutAuxiliary() {
    if (auxiliaryOutput == null) {
      return this;
    }
    int[] newId = new int[nodes.size()];
    List<Node> kept = new ArrayList<>(nodes.size());
    for (Node n : nodes) {
      if (n.auxiliary()) {
        newId[n.id()] = -1;
        continue;
      }
      newId[n.id()] = kept.size();
      List<Integer> inputs = n.inputs().stream().map(i -> newId[i]).toList();
      if (inputs.contains(-1)) {
        throw new IllegalStateException("node " + n.name() + " of the main network reads the auxiliary head");
      }
      kept.add(new Node(kept.size(), n.name(), n.op(), inputs, n.shape(), false));
    }
    return new Network(name, kept, newId[output], null);
  }

  /** One line per node that has parameters or changes the shape: for {@code nas describe}. */
  public List<Layer> layers() {
    List<Layer> layers = new ArrayList<>();
    for (Node n : nodes) {
      long p = params(n);
      layers.add(new Layer(n.name(), n.op().kind(), n.shape().toString(), p, flops(n), n.auxiliary()));
    }
    return layers;
  }

  /** A row of {@link #layers()}. */
  public record Layer(String name, String kind, String shape, long params, long flops, boolean auxiliary) {}
}
