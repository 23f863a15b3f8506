package dev.nas.supernet.dl4j;

import dev.nas.core.arch.Architecture;
import dev.nas.core.objective.ArchitectureMeasure;
import dev.nas.spaces.network.Network;
import dev.nas.spaces.network.NetworkSpace;
import java.util.Arrays;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * {@code latency_ms}: the inference time of the stand-alone model (the DL4J graph a trained
 * architecture is exported as), batch 1, on this machine's CPU, float: the median of
 * {@code runs} timed forward passes after {@code warmup} untimed ones. The weights are freshly
 * initialised, which does not change the work a forward pass does. It is a measurement, so it
 * varies from run to run (a few percent on an idle machine) and with the machine's load.
 */
public record LatencyMeasure(NetworkSpace space, int warmup, int runs) implements ArchitectureMeasure {

  public static final String NAME = "latency_ms";
  public static final int WARMUP = 5;
  public static final int RUNS = 21;

  public LatencyMeasure(NetworkSpace space) {
    this(space, WARMUP, RUNS);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public double measure(Architecture architecture) {
    Network net = space.network(architecture);
    ComputationGraph model = Dl4jGraphBuilder.build(net, new Sgd(0.0), 0, 0, DataType.FLOAT);
    var shape = net.inputShape();
    INDArray x = Nd4j.rand(DataType.FLOAT, 1, shape.channels(), shape.height(), shape.width());
    for (int i = 0; i < warmup; i++) {
      model.outputSingle(false, x);
    }
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      model.outputSingle(false, x);
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(ms);
    return runs % 2 == 1 ? ms[runs / 2] : (ms[runs / 2 - 1] + ms[runs / 2]) / 2;
  }
}
