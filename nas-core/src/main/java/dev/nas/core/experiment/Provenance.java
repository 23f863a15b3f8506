package dev.nas.core.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.hash.Hashing;
import com.google.common.io.MoreFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * {@code provenance.json}: what produced a run directory. Written by the engine at the start and
 * updated at every resume and at the end, never by hand.
 *
 * @param dataFiles SHA-256 of every data file the evaluator read, by absolute path
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Provenance(
    String nasVersion,
    String name,
    long seed,
    List<Long> repeatSeeds,
    JsonNode config,
    Map<String, String> dataFiles,
    String dataRoot,
    String java,
    String os,
    Instant started,
    List<Instant> resumed,
    Instant finished) {

  public static final String FILE = "provenance.json";

  public Provenance {
    repeatSeeds = List.copyOf(repeatSeeds);
    dataFiles = com.google.common.collect.ImmutableMap.copyOf(dataFiles);
    resumed = List.copyOf(resumed);
  }

  static Provenance start(String name, long seed, List<Long> repeatSeeds, JsonNode config,
      List<Path> dataFiles, Path dataRoot, Instant now) {
    Map<String, String> hashes = new LinkedHashMap<>();
    for (Path f : dataFiles) {
      try {
        hashes.put(f.toAbsolutePath().toString(), MoreFiles.asByteSource(f).hash(Hashing.sha256()).toString());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot hash data file " + f, e);
      }
    }
    return new Provenance(version(), name, seed, repeatSeeds, config, hashes, dataRoot.toString(),
        System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        now, List.of(), null);
  }

  Provenance resumedAt(Instant now) {
    List<Instant> all = new ArrayList<>(resumed);
    all.add(now);
    return new Provenance(nasVersion, name, seed, repeatSeeds, config, dataFiles, dataRoot, java, os,
        started, all, null);
  }

  Provenance finishedAt(Instant now) {
    return new Provenance(nasVersion, name, seed, repeatSeeds, config, dataFiles, dataRoot, java, os,
        started, resumed, now);
  }

  /** The engine's version, from the build. */
  public static String version() {
    try (InputStream in = Provenance.class.getResourceAsStream("/dev/nas/core/version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
