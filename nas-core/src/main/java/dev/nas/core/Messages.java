package dev.nas.core;

/** Helpers for error messages that quote what a user typed. */
public final class Messages {

  /** How much of a user's input an error message quotes. */
  public static final int QUOTE_CHARS = 80;

  private Messages() {}

  /**
   * {@code text} as an error message quotes it: whole if short, else its start and its length, so
   * that a 1 MB architecture string or config scalar does not flood the terminal.
   */
  public static String shorten(String text) {
    if (text == null || text.length() <= QUOTE_CHARS) {
      return text;
    }
    return start(text, QUOTE_CHARS) + "... (" + text.length() + " characters)";
  }

  /** The first {@code limit} characters of {@code text}, one fewer rather than half a surrogate pair. */
  public static String start(String text, int limit) {
    if (text.length() <= limit) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(limit - 1)) ? limit - 1 : limit;
    return text.substring(0, end);
  }

  /**
   * What went wrong reading a JSON or YAML file, in words: the parser's own message without
   * Jackson's hints to programmers ("set DeserializationFeature...") and source excerpts.
   */
  public static String problem(Exception e) {
    String m = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage()
        : e.getMessage();
    if (m == null) {
      return e.getClass().getSimpleName();
    }
    m = m.replaceAll("\\s*\\(set [^)]*\\)", "")
        .replaceAll("\\s*\\(through reference chain[^)]*\\)", "")
        .replaceAll("\\s*at \\[Source:.*", "");
    int nl = m.indexOf('\n');
    String line = nl >= 0 ? m.substring(0, nl) : m;
    return line.length() <= 300 ? line : line.substring(0, 300) + "...";
  }
}
