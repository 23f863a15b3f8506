package dev.nas.supernet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.InputException;
import dev.nas.core.config.DataConfig;
import dev.nas.core.data.DataRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

class Cifar10Test {

  private static DataRoot root() {
    return DataRoot.resolve(DataConfig.defaults());
  }

  @Test
  void readsTheRealSampleWithItsKnownLabels() {
    ImageSet train = Cifar10.train(root());
    ImageSet test = Cifar10.test(root());
    // ../shared/data/cifar10-partial/README.md: 5,170 train and 1,017 test images, and these labels.
    assertEquals(5_170, train.size());
    assertEquals(1_017, test.size());
    assertArrayEquals(new int[] {6, 9, 9, 4, 1, 1, 2, 7, 8, 3}, Arrays.copyOf(train.labels(), 10));
    assertArrayEquals(new int[] {3, 8, 8, 0, 6, 6, 1, 6, 3, 1}, Arrays.copyOf(test.labels(), 10));
    long airplanes = Arrays.stream(train.labels()).filter(l -> l == 0).count();
    assertEquals(521, airplanes);
  }

  @Test
  void truncatedFileNamesTheFileAndTheRecord(@TempDir Path dir) throws IOException {
    Path source = Cifar10.folder(root()).resolve("test_batch.bin");
    byte[] bytes = Files.readAllBytes(source);
    Path cut = dir.resolve("test_batch.bin");
    Files.write(cut, Arrays.copyOf(bytes, 10 * Cifar10.RECORD + 100));
    var e = assertThrows(InputException.class, () -> Cifar10.read(cut));
    assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("record 10 (0-based) has only 100 bytes"), e.getMessage());
  }

  @Test
  void corruptLabelNamesTheRecord(@TempDir Path dir) throws IOException {
    byte[] bytes = Files.readAllBytes(Cifar10.folder(root()).resolve("test_batch.bin"));
    bytes[7 * Cifar10.RECORD] = 42;
    Path bad = dir.resolve("test_batch.bin");
    Files.write(bad, bytes);
    var e = assertThrows(InputException.class, () -> Cifar10.read(bad));
    assertTrue(e.getMessage().contains("record 7 (byte offset 21511) has label 42"), e.getMessage());
  }

  @Test
  void missingDataSaysWhereItLooked(@TempDir Path dir) {
    var e = assertThrows(InputException.class, () -> Cifar10.test(DataRoot.resolve(new DataConfig(dir.toString()))));
    assertTrue(e.getMessage().contains(dir.resolve("cifar10").toString()) && e.getMessage().contains("cifar10-partial"),
        e.getMessage());
  }

  @Test
  void batchesAreSeededNormalisedAndAugmented() {
    ImageSet test = Cifar10.test(root());
    var plain = new BatchIterator(test, 8, Augmentation.NONE, Normalization.CIFAR10, false, 1, DataType.FLOAT);
    var b = plain.next();
    assertArrayEquals(new long[] {8, 3, 32, 32}, b.features().shape());
    assertEquals(3, b.classes()[0]);
    assertEquals(1f, b.labels().getFloat(0, 3));
    // Pixel (0,0,0) of image 0, normalised by hand.
    float expected = ((test.pixels()[0] & 0xff) / 255f - 0.49139968f) / 0.24703233f;
    assertEquals(expected, b.features().getFloat(0, 0, 0, 0), 1e-6);

    var a1 = new BatchIterator(test, 16, Augmentation.CIFAR.withCutout(16), Normalization.CIFAR10, true, 7, DataType.FLOAT);
    var a2 = new BatchIterator(test, 16, Augmentation.CIFAR.withCutout(16), Normalization.CIFAR10, true, 7, DataType.FLOAT);
    for (int i = 0; i < 70; i++) {
      var x = a1.next();
      var y = a2.next();
      assertEquals(x.features(), y.features());
      assertArrayEquals(x.classes(), y.classes());
    }
    assertEquals(1, a1.epoch());
    // Cutout zeroes a 16x16 square: at least 8x8 zeros even when clipped at a corner.
    var cut = new BatchIterator(test, 1, new Augmentation(0, false, 16), Normalization.CIFAR10, false, 3, DataType.FLOAT).next();
    long zeros = 0;
    for (float v : cut.features().data().asFloat()) {
      zeros += v == 0f ? 1 : 0;
    }
    assertTrue(zeros >= 3 * 64, "zeros " + zeros);
  }
}
