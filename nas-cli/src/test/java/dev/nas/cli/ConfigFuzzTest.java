package dev.nas.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nas.core.InputException;
import dev.nas.core.config.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Fuzzes the config loader (YAML text, then {@code --set} overrides, then binding with every
 * validation) with jqwik: mutations of every shipped config, YAML token soup and arbitrary
 * overrides. Each input either binds or is refused with an {@link InputException} whose message
 * is short and names no Java class; anything else (a crash, a hang, a leaked exception) fails.
 *
 * <p>Budget: 6,000 mutated configs, 4,000 token soups and 4,000 override lists; the class prints
 * its inputs per second when it ends (about 1,500 per second on the 2-core build machine).
 */
class ConfigFuzzTest {

  private static final Pattern LEAK = Pattern.compile(
      "\\b(java|javax|com|org|dev)\\.[\\w.$]*(Exception|Error)\\b|\\bat [\\w$]+(\\.[\\w$]+)+\\(");
  private static final ConfigLoader LOADER = ConfigLoader.withInstalledTypes();
  private static final List<String> SHIPPED = shipped();
  private static final AtomicLong INPUTS = new AtomicLong();
  private static final long STARTED = System.nanoTime();
  private static final Path DIR = tempDir();

  private static List<String> shipped() {
    try (var s = Files.walk(Cli.ROOT.resolve("configs"))) {
      return s.filter(p -> p.toString().endsWith(".yaml")).sorted().map(p -> {
        try {
          return Files.readString(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("nas-config-fuzz");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterContainer
  static void rate() {
    double seconds = (System.nanoTime() - STARTED) / 1e9;
    System.out.printf(java.util.Locale.ROOT, "config fuzz: %d inputs in %.1f s (%.0f per second), no crash%n",
        INPUTS.get(), seconds, INPUTS.get() / seconds);
  }

  /** Loads {@code yaml} with {@code overrides}: it binds, or it is refused cleanly. */
  private static void bindsOrRefuses(String yaml, List<String> overrides) throws IOException {
    Path file = DIR.resolve("fuzz-" + Thread.currentThread().getId() + ".yaml");
    Files.writeString(file, yaml);
    INPUTS.incrementAndGet();
    try {
      LOADER.load(file, overrides);
    } catch (InputException e) {
      String m = e.getMessage();
      assertTrue(m != null && !m.isBlank(), "an empty message");
      assertTrue(m.length() < 2_000, "a message of " + m.length() + " characters");
      assertTrue(!LEAK.matcher(m).find(), "a Java class leaked into: " + m);
    } catch (RuntimeException | StackOverflowError e) {
      fail("the loader crashed on:\n" + yaml + "\noverrides " + overrides + "\n" + e, e);
    }
  }

  @Property(tries = 6000)
  void mutatedShippedConfigs(@ForAll("mutated") String yaml) throws IOException {
    bindsOrRefuses(yaml, List.of());
  }

  @Property(tries = 4000)
  void yamlTokenSoup(@ForAll("soup") String yaml) throws IOException {
    bindsOrRefuses(yaml, List.of());
  }

  @Property(tries = 4000)
  void arbitraryOverrides(@ForAll("overrides") List<String> overrides) throws IOException {
    bindsOrRefuses(SHIPPED.get(Math.floorMod(overrides.hashCode(), SHIPPED.size())), overrides);
  }

  private static final List<String> TOKENS = List.of(":", " ", "\n", "  ", "- ", "{", "}", "[", "]", ",", "&a", "*a",
      "!!str", "#", "'", "\"", "|", ">", "0", "-1", "1.5", "1e9", ".nan", ".inf", "true", "null", "~", "type",
      "space", "evaluator", "strategy", "budget", "trials", "nb201", "darts", "random", "evolution", "nb201-table",
      "population", "seed", "repeats", "name", "objectives", "constraints", "params <= 1M", "retrain", "data",
      "root", "\t", "<<", "?", "%YAML 1.2", "---", "...", "\u00e9", "\u0000");

  @Provide
  Arbitrary<String> mutated() {
    Arbitrary<Integer> which = Arbitraries.integers().between(0, SHIPPED.size() - 1);
    Arbitrary<List<int[]>> edits = Arbitraries.integers().between(0, Integer.MAX_VALUE).array(int[].class).ofSize(3)
        .list().ofMinSize(1).ofMaxSize(6);
    Arbitrary<List<String>> inserts = Arbitraries.of(TOKENS).list().ofSize(6);
    return net.jqwik.api.Combinators.combine(which, edits, inserts).as((w, es, ins) -> {
      StringBuilder text = new StringBuilder(SHIPPED.get(w));
      for (int i = 0; i < es.size(); i++) {
        int[] e = es.get(i);
        int at = Math.floorMod(e[0], text.length() + 1);
        switch (Math.floorMod(e[1], 3)) {
          case 0 -> text.insert(at, ins.get(i));
          case 1 -> text.delete(at, Math.min(text.length(), at + 1 + Math.floorMod(e[2], 12)));
          default -> text.replace(at, Math.min(text.length(), at + 1), ins.get(i));
        }
      }
      return text.toString();
    });
  }

  @Provide
  Arbitrary<String> soup() {
    return Arbitraries.of(TOKENS).list().ofMinSize(0).ofMaxSize(60).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<List<String>> overrides() {
    Arbitrary<String> key = Arbitraries.of("seed", "repeats", "name", "budget.trials", "budget.time", "budget.cost",
        "budget.count_duplicates", "strategy.type", "strategy.population", "strategy.sample", "evaluator.type",
        "evaluator.dataset", "evaluator.fidelity", "space.type", "space.channels", "space.layers", "data.root",
        "retrain.top_k", "objectives", "constraints", "x", "strategy", "budget..trials", "", ".", "a.b.c.d");
    Arbitrary<String> value = net.jqwik.api.Arbitraries.oneOf(Arbitraries.of(TOKENS),
        Arbitraries.strings().ofMaxLength(12), Arbitraries.integers().map(String::valueOf),
        Arbitraries.doubles().map(String::valueOf));
    return net.jqwik.api.Combinators.combine(key, value).as((k, v) -> k + "=" + v).list().ofMinSize(1).ofMaxSize(4);
  }
}
