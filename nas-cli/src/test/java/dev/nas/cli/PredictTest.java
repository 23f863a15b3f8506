package dev.nas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nas predict} on bad files (D13): damaged, truncated or oversized images and paths that
 * are not model zips exit 2 with one line naming the file and what is wrong, never a stack trace.
 */
class PredictTest {

  @TempDir
  static Path tmp;
  static Path model;
  static Path png;

  /** A model trained one step (its predictions do not matter here) and a real 32x32 PNG of noise. */
  @BeforeAll
  static void trainATinyModelAndWriteAPng() throws IOException {
    Path out = tmp.resolve("trained");
    Cli r = Cli.run("train", "--space", "nb201", "--arch", TrainFlagsTest.ARCH, "--epochs", "1", "--steps", "1",
        "--batch-size", "8", "--train-images", "16", "--eval-images", "8", "-q", "--out", out.toString());
    assertEquals(0, r.exit(), r.err());
    model = out.resolve(TrainCommand.MODEL_FILE);
    BufferedImage noise = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
    SplittableRandom random = new SplittableRandom(1);
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 32; x++) {
        noise.setRGB(x, y, random.nextInt(1 << 24));
      }
    }
    png = tmp.resolve("noise.png");
    assertTrue(ImageIO.write(noise, "png", png.toFile()));
  }

  /** Exit 2 and exactly one line on stderr, with no exception class or stack frame in it. */
  private static String refused(String... args) {
    Cli r = Cli.run(args);
    assertEquals(2, r.exit(), r.err());
    assertEquals("", r.out());
    String err = r.err().strip();
    assertEquals(1, err.lines().count(), err);
    assertFalse(err.contains("Exception") || err.contains("\tat ") || err.contains("java."), err);
    return err;
  }

  @Test
  void aRealPngIsClassified() {
    Cli r = Cli.run("predict", model.toString(), png.toString(), "--top", "2");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith(png + ": "), r.out());
  }

  @Test
  void aTruncatedPngIsDamaged() throws IOException {
    byte[] whole = Files.readAllBytes(png);
    for (int keep : new int[] {whole.length / 2, 20}) {
      Path cut = tmp.resolve("cut-" + keep + ".png");
      Files.write(cut, Arrays.copyOf(whole, keep));
      String err = refused("predict", model.toString(), cut.toString());
      assertTrue(err.startsWith("nas: error: image " + cut + " is damaged or not a complete PNG/JPEG/BMP/GIF: "), err);
    }
  }

  @Test
  void aPngDeclaringTenGigapixelsIsRefusedBeforeDecoding() throws IOException {
    byte[] bytes = Files.readAllBytes(png);
    // Signature (8), IHDR length (4), "IHDR" (4), then width and height; the CRC covers type and data (17 bytes).
    assertEquals("IHDR", new String(bytes, 12, 4, java.nio.charset.StandardCharsets.US_ASCII));
    ByteBuffer b = ByteBuffer.wrap(bytes);
    b.putInt(16, 100_000).putInt(20, 100_000);
    CRC32 crc = new CRC32();
    crc.update(bytes, 12, 17);
    b.putInt(29, (int) crc.getValue());
    Path huge = tmp.resolve("huge.png");
    Files.write(huge, bytes);
    assertEquals(100_000, readWidth(huge), "the forged header is one ImageIO accepts");
    String err = refused("predict", model.toString(), huge.toString());
    assertEquals("nas: error: image " + huge + " is 100000x100000 pixels (10,000,000,000); accepted: at most"
        + " 50,000,000 pixels (50 megapixels)", err);
  }

  private static int readWidth(Path image) throws IOException {
    try (var in = ImageIO.createImageInputStream(image.toFile())) {
      var reader = ImageIO.getImageReaders(in).next();
      reader.setInput(in);
      return reader.getWidth(0);
    }
  }

  @Test
  void notAnImageAndNoImage() throws IOException {
    Path text = Files.writeString(tmp.resolve("notes.png"), "just text\n");
    assertEquals("nas: error: image " + text + " is not an image Java can read (accepted: PNG, JPEG, BMP, GIF)",
        refused("predict", model.toString(), text.toString()));
    assertEquals("nas: error: image " + tmp + " is a directory; give image files (accepted: PNG, JPEG, BMP, GIF)",
        refused("predict", model.toString(), tmp.toString()));
  }

  @Test
  void aModelPathThatIsNotAModelZip() throws IOException {
    Path text = Files.writeString(tmp.resolve("model.txt"), "not a zip\n");
    assertTrue(refused("predict", text.toString(), png.toString()).startsWith("nas: error: model file " + text
        + " is not a model written by 'nas train': it is not a readable zip file ("));

    Path dir = model.getParent();
    assertEquals("nas: error: model file " + dir + " is a directory; give the model.zip written by 'nas train' ("
        + model + ")", refused("predict", dir.toString(), png.toString()));

    byte[] zip = Files.readAllBytes(model);
    Path truncated = tmp.resolve("truncated.zip");
    Files.write(truncated, Arrays.copyOf(zip, zip.length / 2));
    assertTrue(refused("predict", truncated.toString(), png.toString()).startsWith("nas: error: model file "
        + truncated + " is not a model written by 'nas train': it is not a readable zip file ("));
  }
}
