package dev.nas.supernet.ops;

import dev.nas.spaces.network.TensorShape;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.layers.BaseLayer;

/**
 * What an op's DL4J form adds its layer or vertex to: the graph under construction and the
 * names of the node's inputs there.
 */
public interface Dl4jContext {

  GraphBuilder graph();

  /** The DL4J names of the node's inputs' outputs, in order. */
  String[] inputs();

  /** The shapes of the node's inputs. */
  List<TensorShape> inputShapes();

  /** The name of the graph's input. */
  String graphInput();

  /** Keeps a dilated conv layer's weights on their dilation grid after every update. */
  void constrainToDilationGrid(BaseLayer.Builder<?> layer, int dilation, boolean depthwise);

}
