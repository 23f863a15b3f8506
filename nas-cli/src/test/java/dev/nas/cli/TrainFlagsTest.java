package dev.nas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code nas train}'s numeric flags are range-checked before any training (D5, D14): each bad
 * value exits 2 with a message naming the flag, the value and the accepted range, and leaves no
 * output directory; and a stop request (SIGTERM, as Ctrl-C) ends a long training within seconds,
 * leaving nothing behind.
 */
class TrainFlagsTest {

  /** A small NB-201 cell: no search run needed. */
  static final String ARCH = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_1x1~2|";

  @TempDir
  Path tmp;

  private List<String> train(Path out, String... flags) {
    List<String> args = new ArrayList<>(List.of("train", "--space", "nb201", "--arch", ARCH, "--out", out.toString(),
        "-q"));
    args.addAll(List.of(flags));
    return args;
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      // D5: a batch larger than the training set (256 images here) is refused, not attempted.
      "--batch-size       | 6000      | 1 to 256 (the training images)",
      "--batch-size       | 257       | 1 to 256 (the training images)",
      "--batch-size       | 100000    | 1 to 256 (the training images)",
      "--batch-size       | 0         | an integer >= 1, at most the number of training images",
      "--epochs           | 0         | an integer from 1 to 10000",
      "--epochs           | 10001     | an integer from 1 to 10000",
      "--steps            | 0         | an integer >= 1",
      "--steps            | -5        | an integer >= 1",
      // D14: infinite and NaN learning rates.
      "--lr               | Infinity  | a finite learning rate > 0 (default 0.025)",
      "--lr               | NaN       | a finite learning rate > 0 (default 0.025)",
      "--lr               | 0.0       | a finite learning rate > 0 (default 0.025)",
      "--lr               | -0.1      | a finite learning rate > 0 (default 0.025)",
      "--cutout           | -1        | an integer from 0 (none) to the input size",
      "--cutout           | 33        | an integer from 0 (none) to 32 (the input size)",
      "--drop-path        | 1.0       | a rate in [0, 1) (0: none; DARTS uses 0.2)",
      "--drop-path        | -0.1      | a rate in [0, 1) (0: none; DARTS uses 0.2)",
      "--drop-path        | NaN       | a rate in [0, 1) (0: none; DARTS uses 0.2)",
      "--auxiliary-weight | Infinity  | a finite weight >= 0 (0: the head is not trained)",
      "--auxiliary-weight | NaN       | a finite weight >= 0 (0: the head is not trained)",
      "--auxiliary-weight | -1.0      | a finite weight >= 0 (0: the head is not trained)",
      "--train-images     | 0         | an integer >= 1 (leave it out for all)",
      "--eval-images      | 0         | an integer >= 1 (leave it out for all)",
  })
  void refusesAnOutOfRangeFlagAndWritesNothing(String flag, String value, String accepted) throws IOException {
    Path out = tmp.resolve("out");
    List<String> args = train(out, flag, value);
    if (!flag.equals("--train-images")) {
      args.addAll(List.of("--train-images", "256"));
    }
    Cli r = Cli.run(args.toArray(String[]::new));
    assertEquals(2, r.exit(), r.err());
    assertEquals("nas: error: " + flag + ": '" + value + "' is not accepted; accepted: " + accepted,
        r.err().strip());
    assertEquals("", r.out());
    assertFalse(Files.exists(out));
    assertEquals(List.of(), list(tmp), "no staging directory is left either");
  }

  @Test
  void aBatchLargerThanTheWholeTrainingSetNamesItsSize() throws IOException {
    Path out = tmp.resolve("out");
    Cli r = Cli.run(train(out, "--batch-size", "6000").toArray(String[]::new));
    assertEquals(2, r.exit(), r.err());
    // The shared sample's 5,170 training images less the 10% validation split.
    assertEquals("nas: error: --batch-size: '6000' is not accepted; accepted: 1 to 4653 (the training images)",
        r.err().strip());
    assertFalse(Files.exists(out));
  }

  @Test
  void rankIsRangeChecked() {
    Cli r = Cli.run("train", tmp.toString(), "--rank", "0");
    assertEquals(2, r.exit(), r.err());
    assertEquals("nas: error: --rank: '0' is not accepted; accepted: an integer >= 1", r.err().strip());
  }

  /**
   * A real process in a long training (a small cell, 160,000 steps) gets SIGTERM: it stops after
   * the current step, deletes its staged output and ends within seconds.
   */
  @Test
  void sigtermStopsTrainingWithinSecondsAndLeavesNothing() throws Exception {
    Path out = tmp.resolve("out");
    Path log = tmp.resolve("train.log");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), NasCommand.class.getName()));
    cmd.addAll(train(out, "--set", "channels=4", "--set", "cells=1", "--epochs", "10000", "--batch-size", "16",
        "--train-images", "256", "--eval-images", "16", "--log-format", "json"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
      while (!(Files.exists(log) && Files.readString(log).contains("\"train_started\""))) {
        assertTrue(p.isAlive(), "train ended before it could be stopped: " + Files.readString(log));
        assertTrue(System.nanoTime() < deadline, "timed out waiting for training to start: " + Files.readString(log));
        Thread.sleep(20);
      }
      // Into the steps (a progress event every 50; on a busy machine perhaps none yet).
      Thread.sleep(3000);
      assertEquals(1, list(tmp).stream().filter(f -> f.getFileName().toString().startsWith(".out-")).count(),
          "training writes into a staging directory: " + list(tmp));
      assertTrue(p.isAlive(), Files.readString(log));
      long stopped = System.nanoTime();
      p.destroy();
      assertTrue(p.waitFor(20, TimeUnit.SECONDS), "SIGTERM was not honoured within 20 s");
      String printed = Files.readString(log);
      assertEquals(143, p.exitValue(), printed);
      assertTrue(printed.contains("\"train_interrupted\""), printed);
      assertTrue(printed.contains("interrupted; nothing was written to " + out), printed);
      assertFalse(printed.contains("train_finished"), printed);
      assertFalse(Files.exists(out));
      assertEquals(List.of(log), list(tmp), "the staging directory is deleted");
      System.out.printf("SIGTERM honoured in %.1f s%n", (System.nanoTime() - stopped) / 1e9);
    } finally {
      p.destroyForcibly();
    }
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }
}
