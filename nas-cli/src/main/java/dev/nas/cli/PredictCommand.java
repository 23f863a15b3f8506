package dev.nas.cli;

import dev.nas.core.InputException;
import dev.nas.supernet.model.Model;
import dev.nas.supernet.model.ModelFile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
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
  public Integer call() {
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

  /** The most pixels an image may have (50 megapixels): a larger one is refused before it is decoded. */
  static final long MAX_PIXELS = 50_000_000L;

  /**
   * The image in {@code file}: its header is read first, so that an image declaring more than
   * {@link #MAX_PIXELS} pixels is refused before any memory is taken for it, and a damaged or
   * truncated one gives an {@link InputException} naming the file instead of a stack trace.
   */
  static BufferedImage read(Path file) {
    if (Files.isDirectory(file)) {
      throw new InputException("image " + file + " is a directory; give image files (accepted: PNG, JPEG, BMP, GIF)");
    }
    if (!Files.isRegularFile(file)) {
      throw new InputException("image " + file + " does not exist");
    }
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      Iterator<ImageReader> readers = in == null ? Collections.emptyIterator() : ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new InputException("image " + file + " is not an image Java can read (accepted: PNG, JPEG, BMP, GIF)");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        long width = reader.getWidth(0);
        long height = reader.getHeight(0);
        if (width < 1 || height < 1 || width * height > MAX_PIXELS) {
          throw new InputException(String.format(Locale.ROOT, "image %s is %dx%d pixels (%,d); accepted: at most %,d"
              + " pixels (%d megapixels)", file, width, height, width * height, MAX_PIXELS, MAX_PIXELS / 1_000_000));
        }
        BufferedImage image = reader.read(0);
        if (image == null) {
          throw damaged(file, "it decodes to no image", null);
        }
        return image;
      } finally {
        reader.dispose();
      }
    } catch (InputException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // ImageIO reports corrupt data as IIOException, EOFException, or unchecked exceptions of its decoders.
      throw damaged(file, reason(e), e);
    }
  }

  private static InputException damaged(Path file, String reason, Throwable cause) {
    return new InputException("image " + file + " is damaged or not a complete PNG/JPEG/BMP/GIF: " + reason, cause);
  }

  /** The messages along {@code e}'s causes, without class names ("unreadable data" if none has one). */
  private static String reason(Throwable e) {
    List<String> messages = new ArrayList<>();
    for (Throwable t = e; t != null && messages.size() < 4; t = t.getCause()) {
      String m = t.getMessage();
      if (m != null && !m.isBlank() && messages.stream().noneMatch(m::contains)) {
        messages.add(m.strip());
      }
    }
    return messages.isEmpty() ? "unreadable data" : String.join(": ", messages);
  }
}
