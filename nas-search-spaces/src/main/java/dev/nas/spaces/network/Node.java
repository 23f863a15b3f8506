package dev.nas.spaces.network;

import java.util.List;

/**
 * One op applied to the outputs of earlier nodes.
 *
 * @param name hierarchical and unique, e.g. {@code stage1.cell0.edge_2_1.conv}; weights are named after it
 * @param auxiliary whether the node belongs to an auxiliary head (used in training only)
 */
public record Node(int id, String name, Op op, List<Integer> inputs, TensorShape shape, boolean auxiliary) {

  public Node {
    inputs = List.copyOf(inputs);
  }
}
