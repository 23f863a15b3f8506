package dev.nas.supernet.ops;

import dev.nas.spaces.network.TensorShape;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/** What an op's SameDiff form builds on: the graph, the store's arrays as variables, the node's input shapes. */
public interface SameDiffContext {

  SameDiff graph();

  /** The store's array of that name, bound by reference as a variable. */
  SDVariable variable(String name);

  /** The graph's input placeholder. */
  SDVariable placeholderInput();

  List<TensorShape> inputShapes();

  DataType dataType();
}
