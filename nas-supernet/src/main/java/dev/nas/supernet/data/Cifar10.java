package dev.nas.supernet.data;

import com.google.common.io.MoreFiles;
import dev.nas.core.InputException;
import dev.nas.core.data.DataRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

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

  /** The official archive (binary version), with the size and SHA-256 TensorFlow Datasets records for it. */
  public static final Download OFFICIAL = new Download(URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"),
      170_052_171L, "c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd");
  /** System property that turns the download on first use off ({@code -Dnas.download=false}). */
  public static final String DOWNLOAD_PROPERTY = "nas.download";

  /**
   * The folder holding the batches: the full set if present, else the sample; if neither is there,
   * the full set is downloaded into {@code <data root>/cifar10/} (unless
   * {@code -Dnas.download=false}).
   */
  public static Path folder(DataRoot root) {
    Path found = find(root);
    if (found != null) {
      return found;
    }
    String notFound = "CIFAR-10 not found: looked for " + TEST_FILE + " in " + root.path().resolve(FOLDERS.get(0))
        + " and " + root.path().resolve(FOLDERS.get(1)) + " (data root " + root.path() + ", from " + root.source() + ")";
    if (!Boolean.parseBoolean(System.getProperty(DOWNLOAD_PROPERTY, "true"))) {
      throw new InputException(notFound + ". Downloads are off (-D" + DOWNLOAD_PROPERTY + "=false): run 'nas data"
          + " cifar10' when online, or point data.root / NAS_DATA at a folder holding cifar10/ or cifar10-partial/.");
    }
    try {
      return install(root, OFFICIAL, dev.nas.core.ProgressBars.enabled());
    } catch (InputException | DownloadException e) {
      // Missing data on first use is reported as a data error naming the folders (as with downloads off).
      throw new InputException(notFound + ", and downloading it failed: " + e.getMessage(), e);
    }
  }

  /** The folder of the full set or the sample, or null if neither is there. */
  public static Path find(DataRoot root) {
    for (String f : FOLDERS) {
      Path dir = root.path().resolve(f);
      if (Files.isRegularFile(dir.resolve(TEST_FILE))) {
        return dir;
      }
    }
    return null;
  }

  /**
   * Downloads the archive to {@code <data root>/downloads/} (resuming a partial download),
   * checks it, unpacks its six batch files into a temporary folder, reads every record, and only
   * then renames the folder to {@code <data root>/cifar10/}: an interrupted install never leaves a
   * folder that looks complete. Returns that folder.
   */
  public static Path install(DataRoot root, Download download, boolean progressBar) {
    Path dir = root.path().resolve(FOLDERS.get(0));
    if (Files.isRegularFile(dir.resolve(TEST_FILE))) {
      return dir;
    }
    Path archive = download.fetch(root.path().resolve("downloads").resolve("cifar-10-binary.tar.gz"), progressBar);
    Path staging = root.path().resolve(FOLDERS.get(0) + ".unpacking");
    try {
      deleteRecursively(staging);
      Files.createDirectories(staging);
      List<String> wanted = new ArrayList<>(TRAIN_FILES);
      wanted.add(TEST_FILE);
      try (var tar = new TarArchiveInputStream(new GzipCompressorInputStream(
          new java.io.BufferedInputStream(Files.newInputStream(archive))))) {
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
          String name = Path.of(entry.getName()).getFileName().toString();
          if (entry.isFile() && wanted.remove(name)) {
            Files.copy(tar, staging.resolve(name));
          }
        }
      }
      if (!wanted.isEmpty()) {
        throw new InputException("the CIFAR-10 archive " + archive + " lacks " + wanted
            + "; delete it and download again");
      }
      for (String f : Files.list(staging).map(p -> p.getFileName().toString()).sorted().toList()) {
        read(staging.resolve(f));
      }
      deleteRecursively(dir);
      Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("unpacking " + archive + " into " + staging, e);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (Files.exists(dir)) {
      MoreFiles.deleteRecursively(dir);
    }
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
