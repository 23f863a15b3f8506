package dev.nas.supernet.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nas.core.InputException;
import dev.nas.core.json.Json;
import dev.nas.spaces.network.Network;
import dev.nas.supernet.data.Normalization;
import dev.nas.supernet.dl4j.Dl4jGraphBuilder;
import dev.nas.supernet.dl4j.WeightLayout;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.dataset.api.preprocessor.serializer.NormalizerSerializer;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The model zip {@code nas train} writes: DL4J's own format ({@code ModelSerializer}: the graph's
 * configuration and weights, plus a {@link NormalizerStandardize} holding the per-channel mean and
 * standard deviation of pixels scaled to [0, 1]), so that DL4J alone can load and serve it, and two
 * entries of ours that DL4J ignores: {@value #LABELS_ENTRY} (one class name per line, by output
 * index) and {@value #INFO_ENTRY} (space, architecture, recipe, metrics, provenance). The
 * auxiliary head, a training aid, is left out: the graph has one output, the class probabilities.
 * Our entries sit at the top level: DL4J's reader refuses zips with directory entries.
 */
public final class ModelFile {

  public static final String LABELS_ENTRY = "nas-labels.txt";
  public static final String INFO_ENTRY = "nas-model.json";
  /** The info's key for the input image shape: {@code {"channels": 3, "height": 32, "width": 32}}. */
  public static final String INPUT = "input";
  /** DL4J's entries of every model zip, and ours. */
  private static final List<String> REQUIRED_ENTRIES = List.of("configuration.json", "coefficients.bin", LABELS_ENTRY,
      INFO_ENTRY);

  private ModelFile() {}

  /**
   * Writes the main network of {@code net} with {@code weights} (store names and layouts) to
   * {@code zip}, atomically: a failure leaves no partial file. {@code info} gets the input shape.
   */
  public static void write(Path zip, Network net, Map<String, INDArray> weights, Normalization normalization,
      List<String> labels, ObjectNode info) throws IOException {
    Network main = net.withoutAuxiliary();
    if (labels.size() != main.outputShape().channels()) {
      throw new IllegalArgumentException(labels.size() + " class names for a network with "
          + main.outputShape().channels() + " outputs");
    }
    var in = main.inputShape();
    info.putObject(INPUT).put("channels", in.channels()).put("height", in.height()).put("width", in.width());
    ComputationGraph graph = Dl4jGraphBuilder.build(main, new Sgd(0.0), 0, 0, DataType.FLOAT);
    WeightLayout.storeToDl4j(main, weights, graph);
    Path dir = zip.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path staging = Files.createTempFile(dir, ".model-", ".zip");
    try {
      ModelSerializer.writeModel(graph, staging.toFile(), false);
      try (FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + staging.toUri()), Map.of())) {
        // Written here rather than by writeModel(..., normalizer), which fails in M2.1 against the
        // commons-io on the class path ("flush() failed: stream is closed"); same entry, same format.
        try (var out = Files.newOutputStream(fs.getPath(ModelSerializer.NORMALIZER_BIN))) {
          NormalizerSerializer.getDefault().write(normalizer(normalization), out);
        } catch (Exception e) {
          throw new IOException("cannot write the input normalizer: " + e, e);
        }
        Files.writeString(fs.getPath(LABELS_ENTRY), String.join("\n", labels) + "\n");
        Files.writeString(fs.getPath(INFO_ENTRY), Json.json().writerWithDefaultPrettyPrinter().writeValueAsString(info));
      }
      readableByAll(staging);
      Files.move(staging, zip, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(staging);
    }
  }

  /** Temporary files are private to their owner; a model is meant to be shared and served. */
  private static void readableByAll(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: its defaults apply.
    }
  }

  /** The normalizer DL4J applies to {@code [N, C, H, W]} pixels in [0, 1]: per channel, as training did. */
  static NormalizerStandardize normalizer(Normalization n) {
    return new NormalizerStandardize(Nd4j.createFromArray(n.mean()).reshape(1, n.mean().length),
        Nd4j.createFromArray(n.std()).reshape(1, n.std().length));
  }

  /**
   * Reads a model zip written by {@link #write}; an {@link InputException} naming the file says
   * what is wrong with one that is not (missing, not a zip, truncated, not a nas model).
   */
  public static Model read(Path zip) {
    if (Files.isDirectory(zip)) {
      Path inside = zip.resolve("model.zip");
      throw new InputException("model file " + zip + " is a directory; give the model.zip written by 'nas train'"
          + (Files.isRegularFile(inside) ? " (" + inside + ")" : ""));
    }
    if (!Files.isRegularFile(zip)) {
      throw new InputException("model file " + zip + " does not exist; give the model.zip written by 'nas train'");
    }
    List<String> labels;
    JsonNode info;
    try (ZipFile z = new ZipFile(zip.toFile())) {
      for (String entry : REQUIRED_ENTRIES) {
        if (z.getEntry(entry) == null) {
          throw notAModel(zip, "it has no entry " + entry, null);
        }
      }
      labels = new String(z.getInputStream(z.getEntry(LABELS_ENTRY)).readAllBytes(), StandardCharsets.UTF_8)
          .lines().filter(l -> !l.isBlank()).toList();
      info = Json.json().readTree(z.getInputStream(z.getEntry(INFO_ENTRY)));
    } catch (ZipException | NoSuchFileException e) {
      throw notAModel(zip, "it is not a readable zip file (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw notAModel(zip, "reading it failed (" + e.getMessage() + ")", e);
    }
    ComputationGraph graph;
    NormalizerStandardize normalizer;
    try {
      graph = ModelSerializer.restoreComputationGraph(zip.toFile(), false);
      normalizer = ModelSerializer.restoreNormalizerFromFile(zip.toFile());
    } catch (IOException | RuntimeException e) {
      throw notAModel(zip, "DL4J cannot restore the model from it (" + e + ")", e);
    }
    if (normalizer == null) {
      throw notAModel(zip, "it has no input normalizer", null);
    }
    long outputs;
    try {
      long[] shape = Model.inputShape(info);
      if (java.util.Arrays.stream(shape).anyMatch(d -> d < 1)) {
        throw notAModel(zip, INFO_ENTRY + " has no valid '" + INPUT + "' shape", null);
      }
      outputs = graph.outputSingle(false, Nd4j.zeros(DataType.FLOAT, shape)).size(1);
    } catch (InputException e) {
      throw e;
    } catch (RuntimeException e) {
      throw notAModel(zip, "its graph does not run on an image input (" + e + ")", e);
    }
    if (outputs != labels.size()) {
      throw notAModel(zip, "its graph has " + outputs + " outputs but " + labels.size() + " class names", null);
    }
    return new Model(graph, normalizer, labels, info);
  }

  private static InputException notAModel(Path zip, String why, Throwable cause) {
    return new InputException("model file " + zip + " is not a model written by 'nas train': " + why, cause);
  }
}
