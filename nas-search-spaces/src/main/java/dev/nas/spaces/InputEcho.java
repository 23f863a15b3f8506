package dev.nas.spaces;

/**
 * Quotes user text inside an error message. Error messages name the bad input, but a pasted file
 * or a 1 MB argument echoed whole would bury the explanation (and flood a terminal or a log), so
 * text longer than {@link #LIMIT} characters is cut and its length stated instead.
 */
public final class InputEcho {

  /** Characters of the input an error message shows; enough to recognise an arch string's start. */
  public static final int LIMIT = 80;

  private InputEcho() {}

  /** A part of the input (a token, a group) shown next to the whole: fewer characters. */
  public static final int PART_LIMIT = 40;

  /** {@code 'text'}, or {@code 'first 80 characters...' (N characters)} when longer. */
  public static String quote(String text) {
    return quote(text, LIMIT);
  }

  /** A part of the input, cut at {@value #PART_LIMIT} characters. */
  public static String quotePart(String text) {
    return quote(text, PART_LIMIT);
  }

  private static String quote(String text, int limit) {
    if (text == null) {
      return "null";
    }
    if (text.length() <= limit) {
      return "'" + text + "'";
    }
    return "'" + dev.nas.core.Messages.start(text, limit) + "...' (" + text.length() + " characters)";
  }
}
