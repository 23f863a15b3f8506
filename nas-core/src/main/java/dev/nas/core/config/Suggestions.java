package dev.nas.core.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** "Did you mean" for misspelt keys and type names. */
final class Suggestions {

  private Suggestions() {}

  /**
   * The candidate closest to {@code typed} by edit distance, if it is close enough to be a typo:
   * at most a third of the typed length (and at least 1, at most 3 edits).
   */
  static Optional<String> nearest(String typed, Collection<String> candidates) {
    int limit = Math.max(1, Math.min(3, typed.length() / 3));
    return candidates.stream()
        .min(Comparator.comparingInt((String c) -> distance(typed.toLowerCase(), c.toLowerCase()))
            .thenComparing(Comparator.naturalOrder()))
        .filter(c -> distance(typed.toLowerCase(), c.toLowerCase()) <= limit);
  }

  /** Levenshtein distance (insertions, deletions, substitutions). */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(substitute, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
