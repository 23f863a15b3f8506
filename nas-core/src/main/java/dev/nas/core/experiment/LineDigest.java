package dev.nas.core.experiment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A running SHA-256 of journal lines (each followed by a newline) that can be read at any point
 * and then extended, so a checkpoint records the checksum of every line before it without
 * reading the journal back.
 */
final class LineDigest {

  private final MessageDigest sha256;

  LineDigest() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  void add(String line) {
    sha256.update(line.getBytes(StandardCharsets.UTF_8));
    sha256.update((byte) '\n');
  }

  /** The checksum of the lines added so far, in hex; more lines may be added after. */
  String current() {
    try {
      return HexFormat.of().formatHex(((MessageDigest) sha256.clone()).digest());
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
    }
  }
}
