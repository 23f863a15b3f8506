package dev.nas.core;

/**
 * Whether progress bars are drawn (search, warm-up, training, DARTS epochs, downloads): only on an
 * interactive terminal, and never after {@link #suppress()} (the CLI's {@code --quiet} and
 * {@code --log-format json}, whose output scripts read). Process-wide, because a bar is a property
 * of the terminal, not of one component.
 */
public final class ProgressBars {

  private static volatile boolean suppressed;

  private ProgressBars() {}

  public static boolean enabled() {
    return !suppressed && System.console() != null;
  }

  public static void suppress() {
    suppressed = true;
  }
}
