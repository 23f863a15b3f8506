package dev.nas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damage a crash can leave (a torn or garbage journal tail, an empty or truncated checkpoint, no
 * checkpoint at all) is not bad input: {@code nas resume} recovers, says on stderr what it dropped
 * or ignored, and ends with the results of the uninterrupted run, byte for byte.
 */
class RecoveryTest {

  @TempDir
  static Path tmp;

  static Path whole;

  @BeforeAll
  static void uninterrupted() throws IOException {
    whole = tmp.resolve("whole");
    Cli.search("nb201-rea.yaml", whole, "--repeats", "2", "--set", "budget.trials=200", "-q");
  }

  @ParameterizedTest
  @ValueSource(strings = {"garbage tail", "torn last line", "empty checkpoint", "truncated checkpoint",
      "no checkpoint", "nothing damaged"})
  void resumeRecoversAndSaysWhat(String damage) throws IOException {
    Path run = tmp.resolve(damage.replace(' ', '-'));
    BadInputCorpus.copyTree(whole, run);
    Files.delete(run.resolve("summary.json"));
    Files.delete(run.resolve("seed-1/result.json"));
    Path journal = run.resolve("seed-1/journal.jsonl");
    Path checkpoint = run.resolve("seed-1/state/strategy.json");
    String expected;
    switch (damage) {
      case "garbage tail" -> {
        Files.write(journal, new byte[] {0, (byte) 0xff, 'x', '\n', 1, 2, '\n', 3}, StandardOpenOption.APPEND);
        expected = "3 torn or damaged line(s) at the end of journal.jsonl were dropped";
      }
      case "torn last line" -> {
        byte[] bytes = Files.readAllBytes(journal);
        Files.write(journal, java.util.Arrays.copyOf(bytes, bytes.length - 40));
        expected = "1 torn or damaged line(s) at the end of journal.jsonl were dropped";
      }
      case "empty checkpoint" -> {
        Files.writeString(checkpoint, "");
        expected = "state/strategy.json is empty or damaged and was ignored";
      }
      case "truncated checkpoint" -> {
        String text = Files.readString(checkpoint);
        Files.writeString(checkpoint, text.substring(0, text.length() / 2));
        expected = "state/strategy.json is empty or damaged and was ignored";
      }
      case "no checkpoint" -> {
        Files.delete(checkpoint);
        expected = "200 finished trial(s) kept (0 from the checkpoint, 200 replayed)";
      }
      default -> expected = "200 finished trial(s) kept (200 from the checkpoint, 0 replayed)";
    }
    Cli r = Cli.run("resume", run.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("resumed seed 1: ") && r.err().contains(expected), r.err());
    assertEquals(results(whole), results(run), damage);
  }

  private static Map<String, String> results(Path dir) throws IOException {
    Map<String, String> all = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path f : s.filter(f -> f.getFileName().toString().matches("result\\.json|summary\\.json")).toList()) {
        all.put(dir.relativize(f).toString(), Files.readString(f));
      }
    }
    return all;
  }
}
