package dev.nas.supernet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.InputException;
import dev.nas.core.data.DataRoot;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads Debian's dataset-fashion-mnist package (.ci/run installs it). */
class FashionMnistTest {

  @TempDir
  Path tmp;

  private DataRoot emptyRoot() {
    return new DataRoot(tmp.resolve("none"), "the test");
  }

  @Test
  void readsDebiansPackage() {
    ImageSet train = FashionMnist.train(emptyRoot());
    ImageSet test = FashionMnist.test(emptyRoot());
    assertEquals(60_000, train.size());
    assertEquals(10_000, test.size());
    assertEquals(1, train.channels());
    assertEquals(28, train.height());
    assertEquals(28, train.width());
    // First labels and per-class counts as the files' own bytes give them (checked with Python's gzip).
    assertArrayEquals(new int[] {9, 0, 0, 3, 0, 2, 7, 2, 5, 5}, Arrays.copyOf(train.labels(), 10));
    assertArrayEquals(new int[] {9, 2, 1, 1, 6, 1, 4, 6, 5, 7}, Arrays.copyOf(test.labels(), 10));
    int[] counts = new int[10];
    Arrays.stream(train.labels()).forEach(l -> counts[l]++);
    assertTrue(Arrays.stream(counts).allMatch(c -> c == 6_000), Arrays.toString(counts));
    int firstImageSum = 0;
    for (int i = 0; i < 784; i++) {
      firstImageSum += train.pixels()[i] & 0xff;
    }
    assertEquals(76_247, firstImageSum);
    Normalization measured = Normalization.measure(train);
    assertEquals(Normalization.FASHION_MNIST.mean()[0], measured.mean()[0], 1e-6);
    assertEquals(Normalization.FASHION_MNIST.std()[0], measured.std()[0], 1e-6);
  }

  @Test
  void aWrongMagicNumberIsNamed() throws IOException {
    Path dir = copyOfDebianFiles();
    byte[] labels = gunzip(dir.resolve("t10k-labels-idx1-ubyte.gz"));
    labels[3] = 0x03;
    gzip(dir.resolve("t10k-labels-idx1-ubyte.gz"), labels);
    var e = assertThrows(InputException.class, () -> FashionMnist.test(new DataRoot(tmp, "the test")));
    assertTrue(e.getMessage().contains("t10k-labels-idx1-ubyte.gz") && e.getMessage().contains("magic 0x00000803")
        && e.getMessage().contains("expected 0x00000801"), e.getMessage());
  }

  @Test
  void aTruncatedFileNamesTheRecord() throws IOException {
    Path dir = copyOfDebianFiles();
    byte[] images = gunzip(dir.resolve("t10k-images-idx3-ubyte.gz"));
    gzip(dir.resolve("t10k-images-idx3-ubyte.gz"), Arrays.copyOf(images, 16 + 784 * 5000 + 100));
    var e = assertThrows(InputException.class, () -> FashionMnist.test(new DataRoot(tmp, "the test")));
    assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte.gz is truncated: image record 5000 (0-based) of 10000"),
        e.getMessage());
  }

  @Test
  void aValidationSplitIsSeededAndDisjoint() {
    ImageSet test = FashionMnist.test(emptyRoot());
    ImageSet.Split a = test.split(0.5, 7);
    ImageSet.Split b = test.split(0.5, 7);
    assertEquals(5_000, a.valid().size());
    assertEquals(5_000, a.train().size());
    assertArrayEquals(a.valid().pixels(), b.valid().pixels());
    assertTrue(!Arrays.equals(a.valid().labels(), test.split(0.5, 8).valid().labels()));
    Set<String> images = new HashSet<>();
    for (ImageSet part : new ImageSet[] {a.train(), a.valid()}) {
      for (int i = 0; i < part.size(); i++) {
        images.add(Arrays.toString(Arrays.copyOfRange(part.pixels(), i * 784, (i + 1) * 784)) + part.labels()[i]);
      }
    }
    Set<String> all = new HashSet<>();
    for (int i = 0; i < test.size(); i++) {
      all.add(Arrays.toString(Arrays.copyOfRange(test.pixels(), i * 784, (i + 1) * 784)) + test.labels()[i]);
    }
    assertEquals(all, images, "the two parts together are the whole set");
  }

  @Test
  void missingFilesSayWhereTheyWereLookedFor() {
    // Only meaningful where the Debian package is absent; here it checks the message of a missing file instead.
    var e = assertThrows(InputException.class, () -> FashionMnist.read(tmp, "t10k"));
    assertTrue(e.getMessage().contains("Fashion-MNIST file missing: " + tmp.resolve("t10k-images-idx3-ubyte")),
        e.getMessage());
  }

  private Path copyOfDebianFiles() throws IOException {
    Path dir = tmp.resolve("fashion-mnist");
    Files.createDirectories(dir);
    for (String f : new String[] {"t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"}) {
      Files.copy(Path.of(FashionMnist.DEBIAN_DIR, f), dir.resolve(f));
    }
    return dir;
  }

  private static byte[] gunzip(Path file) throws IOException {
    try (var in = new GZIPInputStream(Files.newInputStream(file))) {
      return in.readAllBytes();
    }
  }

  private static void gzip(Path file, byte[] bytes) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(bytes);
    }
  }
}
