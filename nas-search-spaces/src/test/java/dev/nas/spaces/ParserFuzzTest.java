package dev.nas.spaces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nas.core.InputException;
import dev.nas.core.arch.Architecture;
import dev.nas.core.arch.SearchSpace;
import dev.nas.spaces.chain.ChainMacro;
import dev.nas.spaces.chain.ChainSpace;
import dev.nas.spaces.darts.CellSpaceConfig;
import dev.nas.spaces.darts.DartsGenotype;
import dev.nas.spaces.darts.DartsGenotypes;
import dev.nas.spaces.darts.DartsMacro;
import dev.nas.spaces.darts.DartsOp;
import dev.nas.spaces.darts.DartsSpace;
import dev.nas.spaces.enas.EnasMacro;
import dev.nas.spaces.enas.EnasSpace;
import dev.nas.spaces.nb201.Nb201Space;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Fuzzes every space's text parser: arbitrary text, token soup, mutations of valid text and
 * 1 MB inputs either parse to a valid architecture whose text parses back to it, or are refused
 * with an {@link InputException} whose message stays short (under {@value #MESSAGE_LIMIT}
 * characters, so a 1 MB input is never echoed whole). Any other exception is a crash. Sampled
 * architectures round-trip through format and parse.
 *
 * <p>Budget: 140,100 tries in 6 properties, spread over the 5 parsers (nb201, darts, cell, enas-macro,
 * chain): 30,000 arbitrary strings, 40,000 token soups, 40,000 mutated valid texts, 100 inputs of
 * 1 MB, 20,000 sample-format-parse round trips (each with 3 mutation steps) and 10,000 genotype
 * round trips. Measured on the 2-core build machine, which other builds share: 12 s, 28 s and
 * 38 s for the class in three runs at load averages 5 to 6 (the 1 MB inputs take 30-40 ms each). The seeds are random per run, so each run
 * explores new inputs; jqwik replays a failing sample first (its database is under target/).
 */
class ParserFuzzTest {

  static final int MESSAGE_LIMIT = 500;

  /** A space under test: its parser and the tokens of its notation, for token soup and mutations. */
  private record Target(String name, SearchSpace space, List<String> tokens) {}

  private static final List<Target> TARGETS = List.of(
      new Target("nb201", Nb201Space.instance(), List.of("|", "+", "~", "0", "1", "2", "3", "-1", "none",
          "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3", " ", "~~", "||")),
      new Target("darts", new DartsSpace(DartsMacro.SEARCH), dartsTokens()),
      new Target("cell", new CellSpaceConfig(List.of("none", "sep_conv_3x3", "skip_connect", "conv_7x1_1x7"), 6,
          null, null, null, null, null, null).create(), dartsTokens()),
      new Target("enas-macro", new EnasSpace(EnasMacro.SEARCH), List.of("0", "1", "2", "5", "6", "-1", " ", ",",
          "\t", "\n", "00", "+1", "2147483648", "99999999999999999999")),
      new Target("chain", new ChainSpace(ChainMacro.DEFAULT), List.of("k", "e", "d", "3", "5", "6", "7", "2",
          "4", "-", "--", "k3e6d2", " ", "0", "99999999999", "+1")));

  private static List<String> dartsTokens() {
    List<String> t = new ArrayList<>(List.of("Genotype", "(", ")", "[", "]", ",", "=", "'", "\"", " ", "normal",
        "normal_concat", "reduce", "reduce_concat", "range", "0", "1", "2", "5", "6", "-1", "-", "99999999999",
        "2147483647", "DARTS_V2", "NASNet", "#", "\n"));
    DartsOp.allLabels().forEach(l -> t.add("'" + l + "'"));
    return t;
  }

  // --- the oracle ---

  /** {@code input} parses to a valid architecture that round-trips, or is refused with a short message. */
  private static void parsesOrRefuses(Target target, String input) {
    Architecture a;
    try {
      a = target.space().parse(input);
    } catch (InputException e) {
      assertShortMessage(target.name(), input, e);
      return;
    } catch (RuntimeException | StackOverflowError e) {
      throw new AssertionError(target.name() + " parser crashed on " + InputEcho.quote(input) + ": " + e, e);
    }
    target.space().validate(a);
    assertEquals(a, target.space().parse(target.space().format(a)), target.name() + " accepted "
        + InputEcho.quote(input) + " but its text does not parse back to it");
  }

  private static void assertShortMessage(String what, String input, InputException e) {
    String m = e.getMessage();
    if (m == null || m.isBlank() || m.length() >= MESSAGE_LIMIT) {
      fail(what + " refused " + InputEcho.quote(input) + " with a message of "
          + (m == null ? "null" : m.length() + " characters: " + InputEcho.quote(m)));
    }
  }

  /** The DARTS genotype parser alone (nas describe --genotype): any node count, any op. */
  private static void genotypeParsesOrRefuses(String input) {
    DartsGenotype g;
    try {
      g = DartsGenotypes.resolve(input);
    } catch (InputException e) {
      assertShortMessage("genotype", input, e);
      return;
    } catch (RuntimeException | StackOverflowError e) {
      throw new AssertionError("genotype parser crashed on " + InputEcho.quote(input) + ": " + e, e);
    }
    assertEquals(g, DartsGenotype.parse(g.format()));
  }

  // --- (a) arbitrary text ---

  @Provide
  Arbitrary<Integer> targets() {
    return Arbitraries.integers().between(0, TARGETS.size() - 1);
  }

  @Property(tries = 30_000)
  void arbitraryTextParsesOrIsRefused(@ForAll("targets") int t, @ForAll String text) {
    parsesOrRefuses(TARGETS.get(t), text);
  }

  @Property(tries = 40_000)
  void tokenSoupParsesOrIsRefused(@ForAll("targets") int t, @ForAll long seed) {
    Target target = TARGETS.get(t);
    SplittableRandom rng = new SplittableRandom(seed);
    StringBuilder s = new StringBuilder();
    int n = rng.nextInt(80);
    for (int i = 0; i < n; i++) {
      s.append(target.tokens().get(rng.nextInt(target.tokens().size())));
    }
    parsesOrRefuses(target, s.toString());
    if (target.name().equals("darts")) {
      genotypeParsesOrRefuses(s.toString());
    }
  }

  @Property(tries = 40_000)
  void mutatedValidTextParsesOrIsRefused(@ForAll("targets") int t, @ForAll long seed) {
    Target target = TARGETS.get(t);
    SplittableRandom rng = new SplittableRandom(seed);
    String valid = target.space().format(target.space().sample(rng));
    String mutated = mutate(valid, target.tokens(), rng, 1 + rng.nextInt(4));
    parsesOrRefuses(target, mutated);
    if (target.name().equals("darts") || target.name().equals("cell")) {
      genotypeParsesOrRefuses(mutated);
    }
  }

  /** Valid text with 1 MB of one token, character or digit run put in, or repeated to 1 MB. */
  @Property(tries = 100)
  void megabyteInputsAreRefusedWithoutEchoingThem(@ForAll("targets") int t, @ForAll long seed) {
    Target target = TARGETS.get(t);
    SplittableRandom rng = new SplittableRandom(seed);
    String valid = target.space().format(target.space().sample(rng));
    int size = 1 << 20;
    String filler = switch (rng.nextInt(4)) {
      case 0 -> target.tokens().get(rng.nextInt(target.tokens().size()));
      case 1 -> String.valueOf((char) (' ' + rng.nextInt(95)));
      case 2 -> "9";
      default -> valid;
    };
    String run = filler.repeat(Math.max(1, size / filler.length()));
    int at = rng.nextInt(valid.length() + 1);
    String input = rng.nextBoolean() ? valid.substring(0, at) + run + valid.substring(at) : run;
    parsesOrRefuses(target, input);
    if (target.name().equals("darts")) {
      genotypeParsesOrRefuses(input);
    }
  }

  /** One to {@code count} edits: insert, delete or replace a character, insert a token, cut or repeat a span. */
  private static String mutate(String text, List<String> tokens, SplittableRandom rng, int count) {
    StringBuilder s = new StringBuilder(text);
    for (int i = 0; i < count; i++) {
      int at = rng.nextInt(s.length() + 1);
      switch (rng.nextInt(6)) {
        case 0 -> s.insert(at, randomChar(rng));
        case 1 -> {
          if (at < s.length()) {
            s.deleteCharAt(at);
          }
        }
        case 2 -> {
          if (at < s.length()) {
            s.setCharAt(at, randomChar(rng));
          }
        }
        case 3 -> s.insert(at, tokens.get(rng.nextInt(tokens.size())));
        case 4 -> s.delete(at, Math.min(s.length(), at + rng.nextInt(20)));
        default -> {
          int end = Math.min(s.length(), at + rng.nextInt(40));
          s.insert(at, s.substring(at, end).repeat(1 + rng.nextInt(3)));
        }
      }
    }
    return s.toString();
  }

  /** Mostly printable ASCII (the notations' alphabet), sometimes a control or non-ASCII character. */
  private static char randomChar(SplittableRandom rng) {
    return switch (rng.nextInt(10)) {
      case 0 -> (char) rng.nextInt(32);
      case 1 -> (char) (128 + rng.nextInt(0xD7FF - 128));
      case 2 -> "\u0663\u0966\uFF10\u00B2".charAt(rng.nextInt(4)); // non-ASCII digits
      default -> (char) (' ' + rng.nextInt(95));
    };
  }

  // --- (b) round trips ---

  @Property(tries = 20_000)
  void sampledArchitecturesRoundTripThroughTheirText(@ForAll("targets") int t, @ForAll long seed) {
    Target target = TARGETS.get(t);
    SplittableRandom rng = new SplittableRandom(seed);
    Architecture a = target.space().sample(rng);
    for (int step = 0; step < 3; step++) {
      String text = target.space().format(a);
      Architecture back = target.space().parse(text);
      assertEquals(a, back, text);
      assertEquals(a.genes().length, back.genes().length);
      a = target.space().mutate(a, rng);
    }
  }

  /** Any genotype (1 to 10 nodes per cell, any op, concat any distinct node states in any order). */
  @Property(tries = 10_000)
  void anyGenotypeRoundTripsThroughItsText(@ForAll long seed, @ForAll @IntRange(min = 1, max = 10) int nodes) {
    SplittableRandom rng = new SplittableRandom(seed);
    DartsGenotype g = new DartsGenotype(edges(rng, nodes), concat(rng, nodes), edges(rng, 1 + rng.nextInt(nodes)),
        concat(rng, nodes));
    if (g.reduceConcat().stream().anyMatch(s -> s >= g.reduceNodes() + 2)) {
      return; // that concat names a state the reduction cell lacks; the parser refuses it
    }
    assertEquals(g, DartsGenotype.parse(g.format()), g.format());
  }

  private static List<DartsGenotype.Edge> edges(SplittableRandom rng, int nodes) {
    List<DartsGenotype.Edge> edges = new ArrayList<>();
    for (int node = 0; node < nodes; node++) {
      for (int k = 0; k < 2; k++) {
        edges.add(new DartsGenotype.Edge(DartsOp.values()[rng.nextInt(DartsOp.values().length)],
            rng.nextInt(node + 2)));
      }
    }
    return edges;
  }

  private static List<Integer> concat(SplittableRandom rng, int nodes) {
    List<Integer> states = new ArrayList<>(IntStream.range(2, nodes + 2).boxed().toList());
    Collections.shuffle(states, new java.util.Random(rng.nextLong()));
    return List.copyOf(states.subList(0, 1 + rng.nextInt(states.size())));
  }
}
