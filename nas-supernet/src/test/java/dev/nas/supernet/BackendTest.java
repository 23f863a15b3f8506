package dev.nas.supernet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class BackendTest {

  @Test
  void oneDnnHelpersAreActiveOnDl4jConvLayers() {
    Backend.init();
    assertEquals("false", System.getProperty(Backend.HELPERS_PROPERTY));
    assertTrue(Backend.oneDnnEnabled());
    var conf = new NeuralNetConfiguration.Builder().list()
        .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build())
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build())
        .setInputType(InputType.convolutional(8, 8, 3)).build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    var conv = (org.deeplearning4j.nn.layers.convolution.ConvolutionLayer) net.getLayer(0);
    assertNotNull(conv.getHelper(), "the conv layer has no oneDNN helper");
    assertTrue(conv.getHelper().getClass().getSimpleName().startsWith("MKLDNN"), conv.getHelper().getClass().getName());
  }
}
