package dev.nas.cli;

import dev.nas.core.InputException;
import dev.nas.supernet.model.Model;
import dev.nas.supernet.model.ModelFile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nas predict MODEL.zip IMAGE...}: classifies images with a model zip from {@code nas train},
 * exactly as the README's Java example does with DL4J alone.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = "Classify images (PNG, JPEG, BMP, GIF) with a model zip written by 'nas train'.")
final class PredictCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL.zip", description = "A model written by 'nas train'.")
  Path model;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "IMAGE", description = "Images; resized to the model's input.")
  List<Path> images;

  @Option(names = "--top", paramLabel = "K", defaultValue = "3", description = "Classes per image (default: ${DEFAULT-VALUE}).")
  int top;

  @Override
  public Integer call() throws IOException {
    if (top < 1) {
      throw new InputException("--top must be an integer >= 1, got " + top);
    }
    Model m = ModelFile.read(model);
    PrintWriter printer = spec.commandLine().getOut();
    for (Path image : images) {
      BufferedImage read = read(image);
      StringBuilder line = new StringBuilder(image.toString()).append(':');
      for (Model.Prediction p : m.classify(read, top)) {
        line.append(String.format(Locale.ROOT, " %s %.4f", p.label(), p.probability()));
      }
      printer.println(line);
    }
    return 0;
  }

  private static BufferedImage read(Path image) throws IOException {
    if (!Files.isRegularFile(image)) {
      throw new InputException("image " + image + " does not exist");
    }
    BufferedImage read = ImageIO.read(image.toFile());
    if (read == null) {
      throw new InputException("image " + image + " is not an image Java can read (accepted: PNG, JPEG, BMP, GIF)");
    }
    return read;
  }
}
