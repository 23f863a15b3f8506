package dev.nas.core.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.hash.Hashing;
import dev.nas.core.InputException;
import dev.nas.core.Messages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a run was started with, compared with what a resume would continue with: the resolved
 * config, key by key, and the data files, by SHA-256. A run continued under other settings (a
 * {@code config.yaml} edited between a kill and {@code nas resume}) would be half one experiment
 * and half another, so a resume refuses it, naming what changed.
 */
final class ConfigIdentity {

  private ConfigIdentity() {}

  /** A stable hash of a resolved config: key order and number types do not matter. */
  static String hash(JsonNode config) {
    StringBuilder text = new StringBuilder();
    flatten(config).forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    return Hashing.sha256().hashString(text, StandardCharsets.UTF_8).toString();
  }

  /** The keys whose values differ, as {@code key: 'before' -> 'after'}, sorted by key. */
  static List<String> changes(JsonNode before, JsonNode after) {
    SortedMap<String, String> a = flatten(before);
    SortedMap<String, String> b = flatten(after);
    TreeSet<String> keys = new TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    List<String> changed = new ArrayList<>();
    for (String k : keys) {
      String x = a.get(k);
      String y = b.get(k);
      if (x == null || !x.equals(y)) {
        changed.add(k + ": " + (x == null ? "(absent)" : Messages.shorten(x)) + " -> "
            + (y == null ? "(absent)" : Messages.shorten(y)));
      }
    }
    return changed;
  }

  /**
   * Refuses to resume {@code dir} when its config or data files differ from those its
   * provenance recorded at the start.
   */
  static void check(Path dir, Provenance started, JsonNode config, List<Path> dataFiles) {
    if (started.config() == null) {
      throw new InputException("cannot resume " + dir + ": " + Provenance.FILE + " has no config; the run directory"
          + " is damaged");
    }
    List<String> changed = changes(started.config(), config);
    if (!changed.isEmpty()) {
      throw new InputException("cannot resume " + dir + ": " + Experiment.CONFIG_FILE + " differs from the config the"
          + " run started with (" + Provenance.FILE + "): " + String.join("; ", changed) + ". A run continued under"
          + " other settings would mix two experiments: restore those values, or start a new run with 'nas search'.");
    }
    java.util.Set<String> read = new java.util.HashSet<>();
    dataFiles.forEach(f -> read.add(f.toAbsolutePath().toString()));
    for (String before : started.dataFiles().keySet()) {
      // A file that is gone changes the run as much as one that changed (without the NB201 table, the
      // later trials would go ungraded).
      if (!read.contains(before)) {
        throw new InputException("cannot resume " + dir + ": data file " + before + ", which the run started with,"
            + " is no longer read (" + (java.nio.file.Files.exists(Path.of(before)) ? "the data root changed"
            : "it is missing") + "). Restore the data the run started with, or start a new run.");
      }
    }
    for (Path f : dataFiles) {
      String key = f.toAbsolutePath().toString();
      String before = started.dataFiles().get(key);
      String now = Provenance.sha256(f);
      if (before == null || !before.equals(now)) {
        throw new InputException("cannot resume " + dir + ": data file " + key + (before == null
            ? " was not among the files the run started with" : " changed since the run started (SHA-256 "
            + before.substring(0, 12) + "... then, " + now.substring(0, 12) + "... now)")
            + ". Restore the data the run started with, or start a new run.");
      }
    }
  }

  private static SortedMap<String, String> flatten(JsonNode node) {
    SortedMap<String, String> out = new TreeMap<>();
    flatten(node, "", out);
    return out;
  }

  private static void flatten(JsonNode node, String at, SortedMap<String, String> out) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return;
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        var e = it.next();
        flatten(e.getValue(), at.isEmpty() ? e.getKey() : at + "." + e.getKey(), out);
      }
    } else if (node.isArray()) {
      if (node.isEmpty()) {
        out.put(at, "[]");
      }
      for (int i = 0; i < node.size(); i++) {
        flatten(node.get(i), at + "[" + i + "]", out);
      }
    } else if (node.isNumber()) {
      out.put(at, node.decimalValue().stripTrailingZeros().toPlainString());
    } else {
      out.put(at, node.asText());
    }
  }
}
