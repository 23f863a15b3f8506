package dev.nas.supernet.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.InputException;
import dev.nas.core.json.Json;
import dev.nas.spaces.darts.DartsMacro;
import dev.nas.spaces.darts.DartsSpace;
import dev.nas.spaces.network.BatchNorm;
import dev.nas.spaces.network.Conv2d;
import dev.nas.spaces.network.Network;
import dev.nas.supernet.data.Cifar10;
import dev.nas.supernet.data.Normalization;
import dev.nas.supernet.tape.TapeNetwork;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A trained network with an auxiliary head, written as a model zip: DL4J restores it with its
 * normalizer and predicts what the tape predicts; bad files are refused by name.
 */
class ModelFileTest {

  @TempDir
  static Path dir;
  static Network net;
  static Map<String, INDArray> weights = new HashMap<>();
  static TapeNetwork tape;
  static Path zip;

  @BeforeAll
  static void trainAndWrite() throws Exception {
    DartsSpace space = new DartsSpace(new DartsMacro(4, 3, 10, 32, true));
    net = space.network(space.parse("DARTS_V2"));
    tape = new TapeNetwork(net, weights, 3, DataType.FLOAT).auxiliaryWeight(0.4)
        .dropPath(0.2, new java.util.SplittableRandom(1));
    INDArray x = Nd4j.rand(DataType.FLOAT, 8, 3, 32, 32);
    INDArray y = Nd4j.zeros(DataType.FLOAT, 8, 10);
    for (int i = 0; i < 8; i++) {
      y.putScalar(i, i % 10, 1f);
    }
    for (int step = 0; step < 4; step++) {
      tape.forward(x, y);
      tape.backward().forEach((k, g) -> weights.get(k).subi(g.mul(0.05)));
    }
    zip = dir.resolve("model.zip");
    ModelFile.write(zip, net, weights, Normalization.CIFAR10, Cifar10.CLASSES,
        Json.json().createObjectNode().put("space", "darts"));
  }

  @Test
  void reloadedModelPredictsWhatTheTrainedNetworkPredicts() {
    Model model = ModelFile.read(zip);
    INDArray pixels = Nd4j.rand(DataType.FLOAT, 5, 3, 32, 32);
    INDArray normalized = pixels.dup();
    float[] mean = Normalization.CIFAR10.mean();
    float[] std = Normalization.CIFAR10.std();
    for (int c = 0; c < 3; c++) {
      INDArray plane = normalized.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
          org.nd4j.linalg.indexing.NDArrayIndex.point(c));
      plane.subi(mean[c]).divi(std[c]);
    }
    tape.training(false).forward(normalized, null);
    INDArray expected = Transforms.softmax(tape.logits().reshape(5, 10), true);
    INDArray predicted = model.probabilities(pixels);
    double diff = predicted.sub(expected).amaxNumber().doubleValue();
    assertTrue(diff < 1e-4, "max |p_dl4j - p_tape| = " + diff);
    assertEquals(predicted, ModelFile.read(zip).probabilities(pixels), "a second load predicts the same");
    assertEquals(pixels, pixels.dup(), "the input is not modified");
    assertEquals(Cifar10.CLASSES, model.labels());
    assertArrayEquals(new long[] {1, 3, 32, 32}, model.inputShape());
  }

  @Test
  void theSavedGraphIsTheMainNetworkWithoutItsAuxiliaryHead() {
    Model model = ModelFile.read(zip);
    assertNull(model.graph().getVertex("auxiliary.0.relu"), "no auxiliary layers");
    assertEquals(1, model.graph().getNumOutputArrays());
    // DL4J counts BN running means and variances as parameters, and a dilated conv is an undilated
    // one over its whole window with the off-grid weights held at zero.
    Network main = net.withoutAuxiliary();
    long runningStatistics = main.nodes().stream().filter(n -> n.op() instanceof BatchNorm)
        .mapToLong(n -> 2L * n.shape().channels()).sum();
    long offGrid = 0;
    for (var n : main.nodes()) {
      if (n.op() instanceof Conv2d c && c.dilation() > 1) {
        long window = (long) (c.dilation() * (c.kernelH() - 1) + 1) * (c.dilation() * (c.kernelW() - 1) + 1);
        long in = main.inputShapes(n).get(0).channels() / c.groups();
        offGrid += (window - (long) c.kernelH() * c.kernelW()) * in * c.outChannels();
      }
    }
    assertTrue(offGrid > 0, "DARTS_V2 has dilated convs");
    assertEquals(net.params() + runningStatistics + offGrid, model.graph().numParams());
    assertTrue(net.paramsWithAuxiliary() > net.params());
  }

  @Test
  void classifiesAnImageResizedToTheInput() {
    Model model = ModelFile.read(zip);
    BufferedImage small = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
    BufferedImage big = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 64; x++) {
        int rgb = ((x * 4) << 16) | ((y * 4) << 8) | 128;
        big.setRGB(x, y, rgb);
        small.setRGB(x / 2, y / 2, ((x / 2 * 8) << 16) | ((y / 2 * 8) << 8) | 128);
      }
    }
    INDArray px = ImagePixels.of(small, 3, 32, 32);
    assertEquals(8 * 5 / 255f, px.getFloat(0, 0, 3, 5), 1e-6);
    assertEquals(8 * 3 / 255f, px.getFloat(0, 1, 3, 5), 1e-6);
    assertEquals(128 / 255f, px.getFloat(0, 2, 3, 5), 1e-6);
    List<Model.Prediction> top = model.classify(small, 3);
    assertEquals(3, top.size());
    assertTrue(top.get(0).probability() >= top.get(1).probability());
    INDArray p = model.probabilities(px);
    assertEquals(p.getDouble(0, top.get(0).index()), top.get(0).probability(), 1e-7);
    assertEquals(Cifar10.CLASSES.get(top.get(0).index()), top.get(0).label());
    assertEquals(3, model.classify(big, 3).size(), "a 64x64 image is resized to 32x32");
  }

  @Test
  void refusesFilesThatAreNotModelsAndLeavesThemAlone() throws Exception {
    byte[] bytes = Files.readAllBytes(zip);
    Path truncated = dir.resolve("truncated.zip");
    Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
    Path noise = dir.resolve("noise.zip");
    Files.write(noise, "PK this is not a zip".getBytes());
    Path plainDl4j = dir.resolve("dl4j.zip");
    ModelSerializer.writeModel(ModelFile.read(zip).graph(), plainDl4j.toFile(), false);
    for (Path bad : List.of(truncated, noise, plainDl4j)) {
      byte[] before = Files.readAllBytes(bad);
      InputException e = assertThrows(InputException.class, () -> ModelFile.read(bad), bad.toString());
      assertTrue(e.getMessage().startsWith("model file " + bad + " is not a model written by 'nas train': "),
          e.getMessage());
      assertArrayEquals(before, Files.readAllBytes(bad));
    }
    InputException missing = assertThrows(InputException.class, () -> ModelFile.read(dir.resolve("nothing.zip")));
    assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
  }
}
