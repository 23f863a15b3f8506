package dev.nas.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Graphviz's {@code dot} (Debian package graphviz), which draws the DOT diagrams of networks and
 * cells as SVG for {@code nas export} and {@code nas report}.
 */
final class Graphviz {

  static final String DOT = "dot";
  static final String INSTALL = "install it (Debian/Ubuntu: apt-get install graphviz)";
  static final String MISSING = "Graphviz's 'dot' is not on the PATH, so the diagrams are not drawn (" + INSTALL
      + " and run the command again)";

  private Graphviz() {}

  /** Whether {@code dot} is on the PATH and runs. */
  static boolean available() {
    try {
      Process p = new ProcessBuilder(DOT, "-V").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** {@code dot}'s SVG drawing of {@code dotSource}; {@code what} names it in an error. */
  static String svg(String dotSource, String what) {
    try {
      Process p = new ProcessBuilder(DOT, "-Tsvg").start();
      try (var in = p.getOutputStream()) {
        in.write(dotSource.getBytes(StandardCharsets.UTF_8));
      }
      // The diagrams are small: reading stdout then stderr in turn cannot fill both pipes.
      String svg = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String errors = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IllegalStateException("Graphviz dot failed on " + what + ": " + errors);
      }
      return svg;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run Graphviz dot on " + what, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while rendering " + what, e);
    }
  }
}
