package dev.nas.spaces.darts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.arch.InvalidArchitectureException;
import org.junit.jupiter.api.Test;

class DartsGenotypeParserTest {

  private static final String V2 = "Genotype(normal=[('sep_conv_3x3', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 0),"
      + " ('sep_conv_3x3', 1), ('sep_conv_3x3', 1), ('skip_connect', 0), ('skip_connect', 0), ('dil_conv_3x3', 2)],"
      + " normal_concat=range(2, 6), reduce=[('max_pool_3x3', 0), ('max_pool_3x3', 1), ('skip_connect', 2),"
      + " ('max_pool_3x3', 1), ('max_pool_3x3', 0), ('skip_connect', 2), ('skip_connect', 2), ('max_pool_3x3', 1)],"
      + " reduce_concat=range(2, 6))";

  /** The error for {@code text}; checks the caret sits under {@code token}'s first occurrence after {@code from}. */
  private static String errorAt(String text, String token, int from, String reason) {
    var e = assertThrows(InvalidArchitectureException.class, () -> DartsGenotype.parse(text));
    String m = e.getMessage();
    assertTrue(m.contains(reason), m);
    int column = text.indexOf(token, from) + 1;
    assertTrue(m.contains("at column " + column), "expected column " + column + " in: " + m);
    String[] lines = m.split("\n");
    String snippet = lines[1];
    String caret = lines[2];
    int caretAt = caret.indexOf('^');
    assertTrue(snippet.substring(caretAt).startsWith(token), "caret not under '" + token + "':\n" + m);
    return m;
  }

  @Test
  void acceptsTheReferenceTextWithListsQuotesAndWhitespace() {
    DartsGenotype g = DartsGenotype.parse(V2);
    assertEquals(DartsGenotypes.resolve("DARTS_V2"), g);
    String relaxed = V2.replace("'", "\"").replace("range(2, 6)", "[2, 3, 4, 5,]").replace(", ", ",\n   ");
    assertEquals(g, DartsGenotype.parse(relaxed));
  }

  @Test
  void unknownOpPointsAtTheName() {
    String text = V2.replace("('dil_conv_3x3', 2)", "('dil_conv_4x4', 2)");
    String m = errorAt(text, "'dil_conv_4x4'", 0, "unknown op 'dil_conv_4x4'; accepted: none, max_pool_3x3");
    assertTrue(m.contains("conv_7x1_1x7"), m);
  }

  @Test
  void outOfRangeInputPointsAtTheIndex() {
    String text = V2.replace("('sep_conv_3x3', 1), ('sep_conv_3x3', 0),", "('sep_conv_3x3', 1), ('sep_conv_3x3', 3),");
    errorAt(text, "3)", text.indexOf("normal"), "input 3 of node 1 in normal is out of range; accepted 0..2");
  }

  @Test
  void syntaxErrorsPointAtTheToken() {
    errorAt(V2.replace("('sep_conv_3x3', 0), ('sep_conv_3x3', 1)", "('sep_conv_3x3' 0), ('sep_conv_3x3', 1)"),
        "0)", 0, "expected ','");
    errorAt(V2.replace("normal_concat", "normal_concatt"), "normal_concatt", 0, "unknown field 'normal_concatt'");
    errorAt(V2.replace("Genotype(", "Genotipe("), "Genotipe", 0, "expected 'Genotype('");
    errorAt(V2 + ")", ")", V2.length(), "unexpected text after the genotype");
  }

  @Test
  void structuralErrorsAreNamed() {
    var odd = assertThrows(InvalidArchitectureException.class,
        () -> DartsGenotype.parse(V2.replace(", ('dil_conv_3x3', 2)]", "]")));
    assertTrue(odd.getMessage().contains("normal has 7 edges"), odd.getMessage());
    var missing = assertThrows(InvalidArchitectureException.class,
        () -> DartsGenotype.parse(V2.replace(", reduce_concat=range(2, 6))", ")")));
    assertTrue(missing.getMessage().contains("lacks the field 'reduce_concat'"), missing.getMessage());
    var concat = assertThrows(InvalidArchitectureException.class,
        () -> DartsGenotype.parse(V2.replace("normal_concat=range(2, 6)", "normal_concat=[2, 7]")));
    assertTrue(concat.getMessage().contains("normal_concat holds 7; accepted node states 2..5"), concat.getMessage());
    var name = assertThrows(InvalidArchitectureException.class, () -> DartsGenotypes.resolve("DARTS_V3"));
    assertTrue(name.getMessage().contains("unknown genotype name 'DARTS_V3'; accepted: NASNet, AmoebaNet, DARTS_V1, DARTS_V2"),
        name.getMessage());
    var truncated = assertThrows(InvalidArchitectureException.class, () -> DartsGenotype.parse(V2.substring(0, 60)));
    assertTrue(truncated.getMessage().contains("the text ends where"), truncated.getMessage());
  }

  @Test
  void cellsOfMoreThanTenNodesAreRefusedAtTheFirstExtraEdge() {
    String edges = "('skip_connect', 0), ".repeat(20);
    String text = "Genotype(normal=[" + edges + "('none', 1)], normal_concat=[2], reduce=[], reduce_concat=[2])";
    errorAt(text, "'none'", 0, "normal has more than 10 nodes (20 edges); accepted: 1 to 10 nodes of two edges each");
  }

  @Test
  void concatsLongerThanTenNodesAreRefusedBeforeTheyAreBuilt() {
    // range(2, 999999999) would have been expanded into a billion tokens before any check.
    String range = V2.replace("normal_concat=range(2, 6)", "normal_concat=range(2, 999999999)");
    errorAt(range, "999999999", 0, "range(2, 999999999) holds 999999997 states; a cell has at most 10 nodes");
    String wide = V2.replace("normal_concat=range(2, 6)", "normal_concat=range(-999999999, 999999999)");
    errorAt(wide, "999999999", wide.indexOf("-999999999") + 2, "holds 1999999998 states");
    String list = V2.replace("normal_concat=range(2, 6)", "normal_concat=[" + "2, ".repeat(10) + "3]");
    errorAt(list, "3]", 0, "the concat list holds more than 10 states; a cell has at most 10 nodes");
  }

  @Test
  void numbersArePlainAsciiDigitsThatFitAnInt() {
    String big = V2.replace("('dil_conv_3x3', 2)", "('dil_conv_3x3', 99999999999)");
    errorAt(big, "99999999999", 0, "number '99999999999' has more than 9 digits");
    // U+0663 is ARABIC-INDIC DIGIT THREE: Character.isDigit says yes, the notation says no.
    String arabic = V2.replace("('dil_conv_3x3', 2)", "('dil_conv_3x3', \u0663)");
    errorAt(arabic, "\u0663", 0, "unexpected character '\u0663'");
  }

  @Test
  void longTokensAreQuotedCutShort() {
    String op = "x".repeat(1 << 20);
    var e = assertThrows(InvalidArchitectureException.class,
        () -> DartsGenotype.parse(V2.replace("dil_conv_3x3", op)));
    assertTrue(e.getMessage().length() < 500, e.getMessage().length() + " characters");
    assertTrue(e.getMessage().startsWith("malformed DARTS genotype: unknown op '" + "x".repeat(40)
        + "...' (1048576 characters); accepted: none, "), e.getMessage());
    var name = assertThrows(InvalidArchitectureException.class, () -> DartsGenotypes.resolve(op));
    assertTrue(name.getMessage().startsWith("unknown genotype name '" + "x".repeat(80) + "...' (1048576 characters);"),
        name.getMessage());
  }
}
