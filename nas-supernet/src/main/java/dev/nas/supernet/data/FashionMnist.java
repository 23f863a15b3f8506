package dev.nas.supernet.data;

import dev.nas.core.InputException;
import dev.nas.core.data.DataRoot;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Fashion-MNIST in its IDX format ({@code train-images-idx3-ubyte.gz} etc., gzip'd or not): 28x28
 * grey images in 10 classes. Looked for under {@code <data root>/fashion-mnist/}, then where
 * Debian's {@code dataset-fashion-mnist} package installs it ({@value #DEBIAN_DIR}).
 */
public final class FashionMnist {

  public static final String DEBIAN_DIR = "/usr/share/datasets/fashion-mnist";
  public static final List<String> CLASSES = List.of(
      "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
  static final int IMAGES_MAGIC = 0x00000803;
  static final int LABELS_MAGIC = 0x00000801;

  private FashionMnist() {}

  public static ImageSet train(DataRoot root) {
    return read(folder(root), "train");
  }

  public static ImageSet test(DataRoot root) {
    return read(folder(root), "t10k");
  }

  /** The first folder holding the four files: under the data root, then Debian's. */
  public static Path folder(DataRoot root) {
    List<Path> candidates = List.of(root.path().resolve("fashion-mnist"), Path.of(DEBIAN_DIR));
    for (Path dir : candidates) {
      if (file(dir, "t10k-labels-idx1-ubyte") != null) {
        return dir;
      }
    }
    throw new InputException("Fashion-MNIST not found: looked for t10k-labels-idx1-ubyte(.gz) in " + candidates
        + " (data root " + root.path() + ", from " + root.source() + "). Install Debian's package"
        + " (apt-get install dataset-fashion-mnist) or put the four IDX files in " + candidates.get(0) + ".");
  }

  /** Reads {@code <prefix>-images-idx3-ubyte} and {@code <prefix>-labels-idx1-ubyte}. */
  public static ImageSet read(Path dir, String prefix) {
    Path imagesFile = require(dir, prefix + "-images-idx3-ubyte");
    Path labelsFile = require(dir, prefix + "-labels-idx1-ubyte");
    byte[] pixels;
    int rows;
    int cols;
    try (DataInputStream in = open(imagesFile)) {
      int count = header(in, imagesFile, IMAGES_MAGIC, 3);
      rows = in.readInt();
      cols = in.readInt();
      if (rows < 1 || cols < 1) {
        throw new InputException("IDX file " + imagesFile + " declares images of " + rows + "x" + cols);
      }
      pixels = new byte[Math.multiplyExact(count, rows * cols)];
      readFully(in, pixels, imagesFile, rows * cols, "image");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + imagesFile, e);
    }
    byte[] labelBytes;
    try (DataInputStream in = open(labelsFile)) {
      labelBytes = new byte[header(in, labelsFile, LABELS_MAGIC, 1)];
      readFully(in, labelBytes, labelsFile, 1, "label");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + labelsFile, e);
    }
    int count = pixels.length / (rows * cols);
    if (labelBytes.length != count) {
      throw new InputException("Fashion-MNIST " + prefix + ": " + imagesFile + " holds " + count + " images but "
          + labelsFile + " holds " + labelBytes.length + " labels");
    }
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      labels[i] = labelBytes[i] & 0xff;
      if (labels[i] >= CLASSES.size()) {
        throw new InputException("IDX file " + labelsFile + " record " + i + " has label " + labels[i]
            + "; Fashion-MNIST labels are 0..9");
      }
    }
    return new ImageSet("fashion-mnist-" + prefix, pixels, labels, 1, rows, cols, CLASSES);
  }

  private static int header(DataInputStream in, Path file, int magic, int dims) throws IOException {
    int found;
    int count;
    try {
      found = in.readInt();
      count = in.readInt();
    } catch (EOFException e) {
      throw new InputException("IDX file " + file + " is shorter than its 8-byte header");
    }
    if (found != magic) {
      throw new InputException(String.format("IDX file %s starts with magic 0x%08x; expected 0x%08x (unsigned bytes,"
          + " %d dimension(s)). Not an IDX %s file?", file, found, magic, dims, dims == 1 ? "label" : "image"));
    }
    if (count < 0) {
      throw new InputException("IDX file " + file + " declares " + count + " records");
    }
    return count;
  }

  private static void readFully(DataInputStream in, byte[] target, Path file, int recordSize, String what)
      throws IOException {
    int at = 0;
    while (at < target.length) {
      int n = in.read(target, at, target.length - at);
      if (n < 0) {
        throw new InputException("IDX file " + file + " is truncated: " + what + " record " + at / recordSize
            + " (0-based) of " + target.length / recordSize + " is incomplete");
      }
      at += n;
    }
  }

  private static DataInputStream open(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    return new DataInputStream(file.toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in);
  }

  private static Path file(Path dir, String name) {
    for (Path p : List.of(dir.resolve(name + ".gz"), dir.resolve(name))) {
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    return null;
  }

  private static Path require(Path dir, String name) {
    Path p = file(dir, name);
    if (p == null) {
      throw new InputException("Fashion-MNIST file missing: " + dir.resolve(name) + "(.gz)");
    }
    return p;
  }
}
