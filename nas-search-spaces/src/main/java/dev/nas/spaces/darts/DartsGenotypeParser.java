package dev.nas.spaces.darts;

import dev.nas.core.arch.InvalidArchitectureException;
import dev.nas.spaces.InputEcho;
import dev.nas.spaces.NaturalNumber;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parser of the DARTS reference code's genotype text. Accepts any whitespace, single or double
 * quotes, trailing commas, and concat lists written as {@code range(a, b)} or {@code [a, b, ...]}.
 * Every error names the column of the offending token and shows it under a caret; tokens are
 * quoted cut short ({@link InputEcho}), so a pasted megabyte is never echoed whole.
 *
 * <p>A cell has at most {@value #MAX_NODES} nodes (the published cells have 4 or 5, a {@code cell}
 * space at most {@link CellSpaceConfig#MAX_NODES}): the parser stops at the first edge or concat
 * state beyond that, so neither a long edge list nor {@code range(2, 2000000000)} can make it
 * build a huge cell (or list) before refusing it.
 */
final class DartsGenotypeParser {

  static final int MAX_NODES = CellSpaceConfig.MAX_NODES;
  private static final List<String> FIELDS = List.of("normal", "normal_concat", "reduce", "reduce_concat");

  private record Token(String text, int at, char kind) {}

  private final String source;
  private final List<Token> tokens = new ArrayList<>();
  private int next;

  DartsGenotypeParser(String source) {
    this.source = source == null ? "" : source;
    tokenize();
  }

  DartsGenotype parse() {
    expectWord("Genotype");
    expect("(");
    Map<String, Object> fields = new LinkedHashMap<>();
    while (true) {
      Token name = take('w', "a field name (" + String.join(", ", FIELDS) + ")");
      if (!FIELDS.contains(name.text())) {
        throw error(name, "unknown field " + InputEcho.quotePart(name.text()) + "; accepted: "
            + String.join(", ", FIELDS));
      }
      if (fields.containsKey(name.text())) {
        throw error(name, "field '" + name.text() + "' given twice");
      }
      expect("=");
      fields.put(name.text(), name.text().endsWith("_concat") ? concat() : edges(name.text()));
      Token sep = take('p', "',' or ')'");
      if (sep.text().equals(")")) {
        break;
      }
      if (!sep.text().equals(",")) {
        throw error(sep, "expected ',' or ')'");
      }
      if (peekIs(")")) {
        next++;
        break;
      }
    }
    if (next < tokens.size()) {
      throw error(tokens.get(next), "unexpected text after the genotype");
    }
    for (String f : FIELDS) {
      if (!fields.containsKey(f)) {
        throw error(null, "the genotype lacks the field '" + f + "'");
      }
    }
    @SuppressWarnings("unchecked")
    DartsGenotype g = new DartsGenotype((List<DartsGenotype.Edge>) fields.get("normal"), concatOf(fields, "normal_concat"),
        (List<DartsGenotype.Edge>) fields.get("reduce"), concatOf(fields, "reduce_concat"));
    checkConcat(g.normalConcat(), g.normalNodes(), "normal_concat");
    checkConcat(g.reduceConcat(), g.reduceNodes(), "reduce_concat");
    return g;
  }

  @SuppressWarnings("unchecked")
  private static List<Integer> concatOf(Map<String, Object> fields, String name) {
    return ((List<Token>) fields.get(name)).stream().map(DartsGenotypeParser::number).toList();
  }

  private List<DartsGenotype.Edge> edges(String cell) {
    expect("[");
    List<DartsGenotype.Edge> edges = new ArrayList<>();
    while (!peekIs("]")) {
      expect("(");
      Token op = take('s', "a quoted op name");
      DartsOp parsed = DartsOp.byLabel(op.text());
      if (parsed == null) {
        throw error(op, "unknown op " + InputEcho.quotePart(op.text()) + "; accepted: "
            + String.join(", ", DartsOp.allLabels()));
      }
      expect(",");
      Token input = take('i', "an input index");
      int node = edges.size() / 2;
      if (node >= MAX_NODES) {
        throw error(op, cell + " has more than " + MAX_NODES + " nodes (" + 2 * MAX_NODES + " edges); accepted: 1 to "
            + MAX_NODES + " nodes of two edges each");
      }
      int index = number(input);
      if (index < 0 || index >= node + 2) {
        throw error(input, "input " + index + " of node " + node + " in " + cell + " is out of range; accepted 0.."
            + (node + 1) + " (0, 1: the previous cells; 2+j: node j before this one)");
      }
      expect(")");
      edges.add(new DartsGenotype.Edge(parsed, index));
      if (!peekIs("]")) {
        expect(",");
      }
    }
    Token close = take('p', "']'");
    if (edges.isEmpty() || edges.size() % 2 != 0) {
      throw error(close, cell + " has " + edges.size() + " edges; a cell needs two per node (an even number > 0)");
    }
    return edges;
  }

  private List<Token> concat() {
    List<Token> values = new ArrayList<>();
    if (peekIs("range")) {
      next++;
      expect("(");
      Token from = take('i', "the start of the range");
      expect(",");
      Token to = take('i', "the end of the range");
      expect(")");
      int a = number(from);
      int b = number(to);
      if (b <= a) {
        throw error(to, "empty range(" + a + ", " + b + ")");
      }
      if ((long) b - a > MAX_NODES) {
        throw error(to, "range(" + a + ", " + b + ") holds " + ((long) b - a) + " states; a cell has at most "
            + MAX_NODES + " nodes");
      }
      for (int i = a; i < b; i++) {
        values.add(new Token(Integer.toString(i), i == a ? from.at() : to.at(), 'i'));
      }
      return values;
    }
    expect("[");
    while (!peekIs("]")) {
      Token state = take('i', "a state index");
      if (values.size() == MAX_NODES) {
        throw error(state, "the concat list holds more than " + MAX_NODES + " states; a cell has at most "
            + MAX_NODES + " nodes");
      }
      values.add(state);
      if (!peekIs("]")) {
        expect(",");
      }
    }
    next++;
    return values;
  }

  private void checkConcat(List<Integer> concat, int nodes, String field) {
    if (concat.isEmpty()) {
      throw error(null, field + " is empty");
    }
    for (int s : concat) {
      if (s < 2 || s >= nodes + 2) {
        throw error(null, field + " holds " + s + "; accepted node states 2.." + (nodes + 1));
      }
    }
    if (concat.stream().distinct().count() != concat.size()) {
      throw error(null, field + " repeats a state: " + concat);
    }
  }

  // --- tokens ---

  private void tokenize() {
    int i = 0;
    while (i < source.length()) {
      char c = source.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if ("()[],=".indexOf(c) >= 0) {
        tokens.add(new Token(String.valueOf(c), i, 'p'));
        i++;
      } else if (c == '\'' || c == '"') {
        int end = source.indexOf(c, i + 1);
        if (end < 0) {
          throw error(new Token(String.valueOf(c), i, 'p'), "unterminated quoted text");
        }
        tokens.add(new Token(source.substring(i + 1, end), i, 's'));
        i = end + 1;
      } else if (isAsciiDigit(c) || c == '-') {
        int j = i + 1;
        while (j < source.length() && isAsciiDigit(source.charAt(j))) {
          j++;
        }
        if (j == i + 1 && c == '-') {
          throw error(new Token("-", i, 'p'), "unexpected '-'");
        }
        Token number = new Token(source.substring(i, j), i, 'i');
        if (j - i - (c == '-' ? 1 : 0) > NaturalNumber.MAX_DIGITS) {
          // Integer.parseInt would throw past 2^31 - 1; no index or state needs this many digits.
          throw error(number, "number " + InputEcho.quotePart(number.text()) + " has more than "
              + NaturalNumber.MAX_DIGITS + " digits");
        }
        tokens.add(number);
        i = j;
      } else if (Character.isLetter(c) || c == '_') {
        int j = i + 1;
        while (j < source.length() && (Character.isLetterOrDigit(source.charAt(j)) || source.charAt(j) == '_')) {
          j++;
        }
        tokens.add(new Token(source.substring(i, j), i, 'w'));
        i = j;
      } else {
        throw error(new Token(String.valueOf(c), i, 'p'), "unexpected character '" + c + "'");
      }
    }
  }

  private boolean peekIs(String text) {
    return next < tokens.size() && tokens.get(next).text().equals(text) && tokens.get(next).kind() != 's';
  }

  private Token take(char kind, String what) {
    if (next >= tokens.size()) {
      throw error(null, "the text ends where " + what + " was expected");
    }
    Token t = tokens.get(next);
    if (t.kind() != kind) {
      throw error(t, "expected " + what + ", found " + InputEcho.quotePart(t.text()));
    }
    next++;
    return t;
  }

  private void expect(String punct) {
    Token t = take('p', "'" + punct + "'");
    if (!t.text().equals(punct)) {
      throw error(t, "expected '" + punct + "', found " + InputEcho.quotePart(t.text()));
    }
  }

  private void expectWord(String word) {
    Token t = take('w', "'" + word + "('");
    if (!t.text().equals(word)) {
      throw error(t, "expected '" + word + "(', found " + InputEcho.quotePart(t.text()));
    }
  }

  /** ASCII only: {@link Character#isDigit} would also take digits of other scripts. */
  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The value of an integer token: an optional '-' and at most 9 digits, checked by the tokenizer. */
  private static int number(Token t) {
    boolean negative = t.text().startsWith("-");
    int magnitude = NaturalNumber.parse(negative ? t.text().substring(1) : t.text());
    return negative ? -magnitude : magnitude;
  }

  private InvalidArchitectureException error(Token at, String why) {
    String where = at == null ? "" : " at column " + (at.at() + 1) + "\n  " + snippet(at.at()) ;
    return new InvalidArchitectureException("malformed DARTS genotype: " + why + where);
  }

  /** The source around {@code at}, with a caret under it. */
  private String snippet(int at) {
    int from = Math.max(0, at - 40);
    int to = Math.min(source.length(), at + 40);
    String line = source.substring(from, to).replace('\n', ' ');
    return (from > 0 ? "..." : "") + line + (to < source.length() ? "..." : "") + "\n  "
        + " ".repeat(at - from + (from > 0 ? 3 : 0)) + "^";
  }
}
