import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipFile;
import javax.imageio.ImageIO;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;

/** Classifies a 32x32 RGB image with a model.zip written by 'nas train', using DL4J alone. */
public class ClassifyImage {

  public static void main(String[] args) throws Exception {
    File zip = new File(args[0]);
    ComputationGraph model = ModelSerializer.restoreComputationGraph(zip, false);
    NormalizerStandardize normalizer = ModelSerializer.restoreNormalizerFromFile(zip);
    List<String> labels;
    try (ZipFile entries = new ZipFile(zip)) {
      byte[] text = entries.getInputStream(entries.getEntry("nas-labels.txt")).readAllBytes();
      labels = new String(text, StandardCharsets.UTF_8).lines().toList();
    }

    // Pixels as [1, 3, height, width], RGB planes scaled to [0, 1]; the normalizer does the rest.
    BufferedImage image = ImageIO.read(new File(args[1]));
    INDArray x = Nd4j.create(1, 3, image.getHeight(), image.getWidth());
    for (int row = 0; row < image.getHeight(); row++) {
      for (int col = 0; col < image.getWidth(); col++) {
        int rgb = image.getRGB(col, row);
        x.putScalar(new long[] {0, 0, row, col}, ((rgb >> 16) & 0xff) / 255.0);
        x.putScalar(new long[] {0, 1, row, col}, ((rgb >> 8) & 0xff) / 255.0);
        x.putScalar(new long[] {0, 2, row, col}, (rgb & 0xff) / 255.0);
      }
    }
    normalizer.transform(x);

    INDArray probabilities = model.outputSingle(x);
    int best = probabilities.argMax(1).getInt(0);
    System.out.printf("%s %.4f%n", labels.get(best), probabilities.getDouble(0, best));
  }
}
