package dev.nas.supernet.data;

import dev.nas.core.InputException;
import dev.nas.core.data.DataRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CIFAR-10 in its original binary format: {@code data_batch_1..5.bin} and {@code test_batch.bin},
 * records of 1 label byte (0..9) and 3072 pixel bytes (R, G, B planes of 32x32, row-major), under
 * {@code <data root>/cifar10/} or, for the shipped sample, {@code <data root>/cifar10-partial/}.
 * Every malformed file is reported with its path and the record at fault.
 */
public final class Cifar10 {

  public static final int RECORD = 1 + 3 * 32 * 32;
  public static final List<String> CLASSES = List.of(
      "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");
  public static final List<String> FOLDERS = List.of("cifar10", "cifar10-partial");
  static final List<String> TRAIN_FILES = List.of(
      "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
  static final String TEST_FILE = "test_batch.bin";

  private Cifar10() {}

  /** The folder holding the batches: the full set if present, else the sample. */
  public static Path folder(DataRoot root) {
    for (String f : FOLDERS) {
      Path dir = root.path().resolve(f);
      if (Files.isRegularFile(dir.resolve(TEST_FILE))) {
        return dir;
      }
    }
    throw new InputException("CIFAR-10 not found: looked for " + TEST_FILE + " in "
        + root.path().resolve(FOLDERS.get(0)) + " and " + root.path().resolve(FOLDERS.get(1)) + " (data root "
        + root.path() + ", from " + root.source() + "). Download it with 'nas data cifar10' when online, or point"
        + " data.root / NAS_DATA at a folder holding cifar10/ or cifar10-partial/ in the binary format.");
  }

  /** The five training batches, concatenated in order. */
  public static ImageSet train(DataRoot root) {
    Path dir = folder(root);
    List<ImageSet> parts = new ArrayList<>();
    for (String f : TRAIN_FILES) {
      parts.add(read(dir.resolve(f)));
    }
    return ImageSet.concat("cifar10-train", parts);
  }

  public static ImageSet test(DataRoot root) {
    return read(folder(root).resolve(TEST_FILE));
  }

  /** Reads one batch file; errors name the file and the record. */
  public static ImageSet read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new InputException("CIFAR-10 batch file missing: " + file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read CIFAR-10 batch " + file, e);
    }
    int records = bytes.length / RECORD;
    if (bytes.length == 0) {
      throw new InputException("CIFAR-10 batch " + file + " is empty");
    }
    if (bytes.length % RECORD != 0) {
      throw new InputException("CIFAR-10 batch " + file + " is truncated or corrupt: " + bytes.length
          + " bytes is not a whole number of " + RECORD + "-byte records; record " + records + " (0-based) has only "
          + (bytes.length % RECORD) + " bytes");
    }
    byte[] pixels = new byte[records * (RECORD - 1)];
    int[] labels = new int[records];
    for (int r = 0; r < records; r++) {
      int label = bytes[r * RECORD] & 0xff;
      if (label >= CLASSES.size()) {
        throw new InputException("CIFAR-10 batch " + file + " record " + r + " (byte offset " + (long) r * RECORD
            + ") has label " + label + "; CIFAR-10 labels are 0..9. The file is corrupt or not in the binary format.");
      }
      labels[r] = label;
      System.arraycopy(bytes, r * RECORD + 1, pixels, r * (RECORD - 1), RECORD - 1);
    }
    return new ImageSet(file.getFileName().toString(), pixels, labels, 3, 32, 32, CLASSES);
  }
}
