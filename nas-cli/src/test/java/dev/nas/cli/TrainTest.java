package dev.nas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nas.core.config.DataConfig;
import dev.nas.core.data.DataRoot;
import dev.nas.core.json.Json;
import dev.nas.supernet.data.Cifar10;
import dev.nas.supernet.data.ImageSet;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nas train} and {@code nas predict}: a finished run's best architecture retrained into a
 * DL4J model zip that reloads and predicts the same, in the CLI and in the README's Java example;
 * the DARTS_V2 evaluation network; and the refusals.
 */
class TrainTest {

  @TempDir
  static Path tmp;
  static Path run;
  static Path image;

  /** A few steps on a few sample images: the checks are about the model, not its accuracy. */
  static final String[] QUICK = {"--epochs", "1", "--steps", "3", "--batch-size", "16", "--train-images", "256",
      "--eval-images", "64", "--seed", "3", "-q"};

  @BeforeAll
  static void searchAndWriteAnImage() throws IOException {
    run = tmp.resolve("run");
    Cli.search("nb201-rea.yaml", run, "--seed", "5", "--repeats", "1", "-q", "--set", "budget.trials=30");
    // The first CIFAR-10 sample test image, as a PNG.
    ImageSet test = Cifar10.test(DataRoot.resolve(DataConfig.defaults()));
    BufferedImage png = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
    byte[] p = test.pixels();
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 32; x++) {
        int at = y * 32 + x;
        png.setRGB(x, y, ((p[at] & 0xff) << 16) | ((p[1024 + at] & 0xff) << 8) | (p[2048 + at] & 0xff));
      }
    }
    image = tmp.resolve("test-0.png");
    ImageIO.write(png, "png", image.toFile());
  }

  private static String[] args(String... first) {
    String[] all = Arrays.copyOf(first, first.length + QUICK.length);
    System.arraycopy(QUICK, 0, all, first.length, QUICK.length);
    return all;
  }

  private static JsonNode read(Path file) throws IOException {
    return Json.json().readTree(file.toFile());
  }

  @Test
  void trainsTheRunsBestIntoAModelThatReloadsAndPredictsTheSame() throws Exception {
    Cli trained = Cli.run(args("train", run.toString()));
    assertEquals(0, trained.exit(), trained.err());
    Path out = run.resolve("trained/answer");
    JsonNode info = read(out.resolve(TrainCommand.TRAINING_FILE));
    JsonNode best = read(run.resolve("summary.json")).get("best").get("trial");
    assertEquals(best.get("notation").asText(), info.get("notation").asText(), "without retraining, the run's best");
    assertEquals(3, info.get("steps").asInt());
    assertEquals(64, info.get("recipe").get("eval_images").asInt());
    assertEquals(16, info.get("recipe").get("cutout").asInt(), "the evaluation recipe's cutout");
    // The reloaded DL4J model scores the same 64 test images as the trained network (float rounding
    // may at most flip a near-tie).
    double test = info.get("metrics").get("test_acc").asDouble();
    assertEquals(test, info.get("served_test_acc").asDouble(), 100.0 / 64 + 1e-9, info.toString());
    assertTrue(trained.out().contains("model: " + out.resolve("model.zip")), trained.out());

    // nas predict and the README's example (DL4J alone) give the same class and probability.
    Cli predicted = Cli.run("predict", out.resolve("model.zip").toString(), image.toString(), "--top", "1");
    assertEquals(0, predicted.exit(), predicted.err());
    String cli = predicted.out().trim();
    assertTrue(cli.startsWith(image + ": "), cli);
    String example = runExample(out.resolve("model.zip"), image).trim();
    assertEquals(cli.substring((image + ": ").length()), example);
    assertTrue(Cifar10.CLASSES.contains(example.substring(0, example.lastIndexOf(' '))), example);

    // The same architecture from its exported architecture.json, same flags: the same training, bit for bit.
    assertEquals(0, Cli.run("export", run.toString(), "--top-k", "1", "--no-svg").exit());
    Path arch = run.resolve("export/rank-1/architecture.json");
    Cli again = Cli.run(args("train", arch.toString(), "--dataset", "cifar10"));
    assertEquals(0, again.exit(), again.err());
    JsonNode fromFile = read(run.resolve("export/rank-1/trained").resolve(TrainCommand.TRAINING_FILE));
    assertEquals(info.get("notation"), fromFile.get("notation"), "export's rank 1 is the run's best");
    assertEquals(info.get("metrics"), fromFile.get("metrics"));
    assertEquals(info.get("space_config"), fromFile.get("space_config"));
    Cli ranked = Cli.run(args("train", run.toString(), "--rank", "2"));
    assertEquals(0, ranked.exit(), ranked.err());
    assertEquals(read(run.resolve("export/rank-1/architecture.json")).get("hash"), info.get("hash"));
    assertFalse(info.get("hash").equals(read(run.resolve("trained/rank-2").resolve(TrainCommand.TRAINING_FILE))
        .get("hash")), "--rank 2 trains the second architecture");
  }

  /** Compiles examples/ClassifyImage.java against the test class path and runs it. */
  private static String runExample(Path model, Path image) throws Exception {
    Path source = Cli.ROOT.resolve("examples/ClassifyImage.java");
    Path classes = Files.createDirectories(tmp.resolve("example-classes"));
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int compiled = ToolProvider.getSystemJavaCompiler().run(null, diagnostics, diagnostics, "-cp", classPath, "-d",
        classes.toString(), source.toString());
    assertEquals(0, compiled, diagnostics.toString());
    PrintStream stdout = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
        TrainTest.class.getClassLoader())) {
      System.setOut(new PrintStream(printed, true));
      loader.loadClass("ClassifyImage").getMethod("main", String[].class)
          .invoke(null, (Object) new String[] {model.toString(), image.toString()});
    } finally {
      System.setOut(stdout);
    }
    return printed.toString();
  }

  @Test
  void theReadmeShowsTheExampleAsShipped() throws IOException {
    String readme = Files.readString(Cli.ROOT.resolve("README.md"));
    String example = Files.readString(Cli.ROOT.resolve("examples/ClassifyImage.java"));
    assertTrue(readme.contains("```java\n" + example + "```"), "README.md must show examples/ClassifyImage.java verbatim");
  }

  @Test
  void dartsV2AtThePapersSizeHasItsPublishedParameterCountAndTrains() throws IOException {
    Path out = tmp.resolve("darts-v2");
    Cli r = Cli.run("train", "--space", "darts", "--genotype", "DARTS_V2", "--set", "channels=36", "--set",
        "layers=20", "--epochs", "1", "--steps", "2", "--batch-size", "8", "--eval-images", "16", "--log-format",
        "json", "--out", out.toString());
    assertEquals(0, r.exit(), r.err());
    // --log-format json: one event per line on stderr, the last step's progress among them.
    List<JsonNode> events = new java.util.ArrayList<>();
    for (String line : r.err().lines().filter(l -> l.startsWith("{")).toList()) {
      events.add(Json.json().readTree(line));
    }
    assertEquals(List.of("train_started", "train_progress", "train_finished"),
        events.stream().map(e -> e.get("event").asText()).toList(), r.err());
    assertEquals(2, events.get(1).get("step").asInt());
    Cli described = Cli.run("describe", "--space", "darts", "--genotype", "DARTS_V2", "--set", "channels=36", "--set",
        "layers=20");
    long published = Json.json().readTree(described.out()).get("params").asLong();
    assertEquals(3_349_342, published, "the DARTS reference code's count");
    JsonNode info = read(out.resolve(TrainCommand.TRAINING_FILE));
    assertEquals(published, info.get("params").asLong());
    assertTrue(r.out().contains("3,349,342 parameters"), r.out());
    assertEquals(2, info.get("steps").asInt());
    assertEquals(info.get("metrics"), events.get(2).get("metrics"));
    double loss = info.get("metrics").get("train_loss").asDouble();
    // Main loss plus 0.4 x the auxiliary head's, both near ln 10 at the start.
    assertTrue(loss > 1.4 * 1.5 && loss < 1.4 * 4, "train loss " + loss);
    assertTrue(info.get("recipe").get("drop_path").asDouble() == 0.2 && info.get("space_config").get("auxiliary")
        .asBoolean(), info.toString());
  }

  @Test
  void refusesBadInputsAndWritesNothing() throws IOException {
    // A run directory without a summary.
    Path unfinished = Files.createDirectories(tmp.resolve("unfinished"));
    Files.copy(run.resolve("config.yaml"), unfinished.resolve("config.yaml"));
    Cli r = Cli.run(args("train", unfinished.toString()));
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("not a finished run directory"), r.err());
    assertEquals(List.of(unfinished.resolve("config.yaml")), list(unfinished));

    // An NB201 architecture file trained in a DARTS config's space.
    Path foreign = tmp.resolve("nb201-arch.json");
    Files.writeString(foreign, "{\"space\": \"nb201\", \"notation\": \"|nor_conv_3x3~0|+|nor_conv_3x3~0|"
        + "nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_1x1~2|\"}");
    r = Cli.run(args("train", foreign.toString(), "--config", Cli.config("cifar10-quick.yaml").toString()));
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("is from space 'nb201', but the space to train in is 'darts'"), r.err());
    assertFalse(Files.exists(tmp.resolve("trained")));

    // A corrupt model zip, and an image that is not one.
    Path zip = tmp.resolve("corrupt.zip");
    Files.write(zip, new byte[] {'P', 'K', 3, 4, 1, 2, 3});
    r = Cli.run("predict", zip.toString(), image.toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("model file " + zip + " is not a model written by 'nas train'"), r.err());
    r = Cli.run("predict", tmp.resolve("nothing.zip").toString(), image.toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("does not exist"), r.err());

    // A bad recipe value names its flag; an occupied output directory is refused.
    r = Cli.run(args("train", run.toString(), "--drop-path", "1.5", "--out", tmp.resolve("x").toString()));
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--drop-path: '1.5' is not accepted"), r.err());
    Path occupied = Files.createDirectories(tmp.resolve("occupied"));
    Files.writeString(occupied.resolve("keep.txt"), "mine");
    r = Cli.run(args("train", run.toString(), "--out", occupied.toString()));
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("already exists and is not empty"), r.err());
    assertEquals(List.of(occupied.resolve("keep.txt")), list(occupied));
  }

  private static List<Path> list(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }
}
