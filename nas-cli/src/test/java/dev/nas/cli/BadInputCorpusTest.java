package dev.nas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input campaign, kept: a corpus of bad configs, command lines, damaged data roots and
 * damaged run directories ({@link BadInputCorpus}), each run through the real command line in a
 * sandbox of its own. For every input: exit code 2 for bad input or 1 for a runtime failure, a
 * message naming the input, no stack frame or exception class on stderr, nothing created or
 * changed in the sandbox or in the working directory, and so a refused run directory exactly as
 * it was.
 */
class BadInputCorpusTest {

  /** A stack frame ("at dev.nas.X.y(X.java:12)") or a Java exception class name. */
  private static final Pattern LEAK = Pattern.compile(
      "(\\bat [\\w$]+(\\.[\\w$]+)+\\([^)]*\\))|\\b(java|javax|jdk|sun|com|org|dev|picocli)\\.[\\w.$]*(Exception|Error)\\b"
          + "|Caused by:|\\b\\w+(Exception|Error):");

  @TempDir
  static Path tmp;

  static BadInputCorpus corpus;
  static final AtomicInteger TRIED = new AtomicInteger();

  @BeforeAll
  static void fixtures() throws Exception {
    corpus = new BadInputCorpus(tmp.resolve("fixtures"));
  }

  @AfterAll
  static void size() {
    System.out.println("bad-input corpus: " + TRIED.get() + " inputs tried, 0 stack traces, 0 wrong exit codes,"
        + " 0 silent accepts, 0 damaged paths");
  }

  @TestFactory
  Stream<DynamicTest> everyBadInputIsRefusedCleanly() {
    List<BadInputCorpus.Case> cases = corpus.cases();
    assertTrue(cases.size() >= 200, "the corpus has " + cases.size() + " inputs");
    AtomicInteger n = new AtomicInteger();
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c, n.getAndIncrement())));
  }

  private void check(BadInputCorpus.Case c, int index) throws Exception {
    Path sandbox = Files.createDirectories(tmp.resolve("case-" + index));
    c.setup().prepare(sandbox);
    Map<String, String> before = TreeSnapshot.of(sandbox);
    Map<String, String> cwdBefore = TreeSnapshot.listing(Path.of("").toAbsolutePath());
    String[] args = c.args().stream().map(a -> a.replace("{s}", sandbox.toString())).toArray(String[]::new);
    Cli r = Cli.run(args);
    TRIED.incrementAndGet();
    String shown = String.join(" ", args);
    assertEquals(c.exit(), r.exit(), "exit code of: nas " + BadInputCorpus.shorten(shown) + "\nstderr: " + r.err()
        + "\nstdout: " + BadInputCorpus.shorten(r.out()));
    String expected = c.expected().replace("{s}", sandbox.toString());
    assertTrue(r.err().contains(expected), "expected '" + expected + "' in: " + r.err());
    assertFalse(LEAK.matcher(r.err()).find(), "a stack frame or exception class leaked: " + r.err());
    assertTrue(r.err().length() < 4000, "the message is " + r.err().length() + " characters long");
    assertTrue(r.err().startsWith("nas: error: ") || r.err().startsWith("nas: failed: ") || r.exit() == 2,
        "the message says what kind of failure it is: " + r.err());
    assertEquals(before, TreeSnapshot.of(sandbox), "a refused input changed the sandbox");
    assertEquals(cwdBefore, TreeSnapshot.listing(Path.of("").toAbsolutePath()), "a refused input wrote into the working"
        + " directory");
  }

  /** Snapshots of file trees: path -> kind, size and content hash. */
  static final class TreeSnapshot {
    private TreeSnapshot() {}

    static Map<String, String> of(Path root) throws java.io.IOException {
      Map<String, String> all = new java.util.TreeMap<>();
      try (Stream<Path> s = Files.walk(root)) {
        for (Path p : (Iterable<Path>) s::iterator) {
          String key = root.relativize(p).toString();
          if (Files.isSymbolicLink(p)) {
            all.put(key, "link " + Files.readSymbolicLink(p));
          } else if (Files.isDirectory(p)) {
            all.put(key, "dir");
          } else if (Files.isRegularFile(p)) {
            all.put(key, "file " + Files.size(p) + " " + com.google.common.hash.Hashing.murmur3_128()
                .hashBytes(Files.readAllBytes(p)));
          } else {
            all.put(key, "special");
          }
        }
      }
      return all;
    }

    static Map<String, String> listing(Path dir) throws java.io.IOException {
      Map<String, String> all = new java.util.TreeMap<>();
      try (Stream<Path> s = Files.list(dir)) {
        s.forEach(p -> all.put(p.getFileName().toString(), Files.isDirectory(p) ? "dir" : "file"));
      }
      return all;
    }
  }

  static List<String> list(String... a) {
    return new ArrayList<>(List.of(a));
  }
}
