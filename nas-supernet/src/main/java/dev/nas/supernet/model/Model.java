package dev.nas.supernet.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nas.supernet.data.ImageSet;
import dev.nas.supernet.train.Trainer;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

/**
 * A loaded model zip: the DL4J graph, its input normalizer, the class names and what
 * {@code nas train} recorded about it ({@value ModelFile#INFO_ENTRY}).
 */
public record Model(ComputationGraph graph, NormalizerStandardize normalizer, List<String> labels, JsonNode info) {

  /** One class and its probability. */
  public record Prediction(int index, String label, double probability) {}

  /** {@code [1, channels, height, width]}: the input the graph was built for ({@code input} of the info). */
  public long[] inputShape() {
    return inputShape(info);
  }

  static long[] inputShape(JsonNode info) {
    JsonNode in = info.path(ModelFile.INPUT);
    return new long[] {1, in.path("channels").asLong(), in.path("height").asLong(), in.path("width").asLong()};
  }

  /** Class probabilities, {@code [N, classes]}, of pixels {@code [N, C, H, W]} scaled to [0, 1] (not modified). */
  public INDArray probabilities(INDArray pixels) {
    INDArray x = pixels.castTo(DataType.FLOAT).dup();
    normalizer.transform(x);
    return graph.outputSingle(false, x);
  }

  /** Top-1 accuracy (in [0, 1]) over {@code set}, {@code batch} images at a time: the served model's own score. */
  public double accuracy(ImageSet set, int batch) {
    return accuracy(set, batch, () -> false);
  }

  /** As above, asking {@code stop} before every batch: NaN if it said yes before the last. */
  public double accuracy(ImageSet set, int batch, java.util.function.BooleanSupplier stop) {
    long correct = 0;
    int imageSize = set.imageBytes();
    for (int start = 0; start < set.size(); start += batch) {
      if (stop.getAsBoolean()) {
        return Double.NaN;
      }
      int n = Math.min(batch, set.size() - start);
      float[] pixels = new float[n * imageSize];
      byte[] bytes = set.pixels();
      for (int i = 0; i < pixels.length; i++) {
        pixels[i] = (bytes[start * imageSize + i] & 0xff) / 255f;
      }
      INDArray p = probabilities(org.nd4j.linalg.factory.Nd4j.create(pixels,
          new long[] {n, set.channels(), set.height(), set.width()}, 'c'));
      correct += Math.round(Trainer.accuracy(p, java.util.Arrays.copyOfRange(set.labels(), start, start + n)) * n);
    }
    return set.size() == 0 ? Double.NaN : correct / (double) set.size();
  }

  /** The {@code k} most probable classes of an image, resized to the model's input if its size differs. */
  public List<Prediction> classify(BufferedImage image, int k) {
    long[] shape = inputShape();
    INDArray p = probabilities(ImagePixels.of(image, (int) shape[1], (int) shape[2], (int) shape[3]));
    List<Prediction> all = new ArrayList<>();
    for (int i = 0; i < p.size(1); i++) {
      all.add(new Prediction(i, labels.get(i), p.getDouble(0, i)));
    }
    all.sort(Comparator.comparingDouble(Prediction::probability).reversed().thenComparingInt(Prediction::index));
    return all.subList(0, Math.min(k, all.size()));
  }
}
