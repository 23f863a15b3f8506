package dev.nas.spaces;

/**
 * The numbers of the architecture notations (node inputs, genes, kernel sizes): plain ASCII digits.
 * {@link Integer#parseInt} would also take a sign ("+1") and non-ASCII digits ("\u0663"), and
 * throw an unchecked exception past 2^31 - 1; a notation has no use for any of that.
 */
public final class NaturalNumber {

  /** More digits than any notation needs, few enough that the value fits an int. */
  public static final int MAX_DIGITS = 9;

  private NaturalNumber() {}

  /** The value of {@code text} if it is 1 to {@value #MAX_DIGITS} ASCII digits, else -1. */
  public static int parse(String text) {
    if (text == null || text.isEmpty() || text.length() > MAX_DIGITS) {
      return -1;
    }
    int value = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
