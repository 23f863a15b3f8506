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
 * @param gitCommit the commit the engine was built from ({@code -dirty} when the tree had changes)
 * @param libraries versions of the libraries that compute results, by Maven coordinates
 * @param dataFiles SHA-256 of every data file the evaluator read, by absolute path
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Provenance(
    String nasVersion,
    String gitCommit,
    Map<String, String> libraries,
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
    libraries = libraries == null ? Map.of() : com.google.common.collect.ImmutableMap.copyOf(libraries);
    resumed = List.copyOf(resumed);
  }

  static Provenance start(String name, long seed, List<Long> repeatSeeds, JsonNode config,
      List<Path> dataFiles, Path dataRoot, Instant now) {
    Map<String, String> hashes = new LinkedHashMap<>();
    for (Path f : dataFiles) {
      hashes.put(f.toAbsolutePath().toString(), sha256(f));
    }
    return new Provenance(version(), builtFrom(), libraryVersions(), name, seed, repeatSeeds, config, hashes, dataRoot.toString(),
        System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        now, List.of(), null);
  }

  /** The SHA-256 of a data file, in hex. */
  static String sha256(Path f) {
    try {
      return MoreFiles.asByteSource(f).hash(Hashing.sha256()).toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot hash data file " + f, e);
    }
  }

  Provenance resumedAt(Instant now) {
    List<Instant> all = new ArrayList<>(resumed);
    all.add(now);
    return new Provenance(nasVersion, gitCommit, libraries, name, seed, repeatSeeds, config, dataFiles, dataRoot,
        java, os, started, all, null);
  }

  Provenance finishedAt(Instant now) {
    return new Provenance(nasVersion, gitCommit, libraries, name, seed, repeatSeeds, config, dataFiles, dataRoot,
        java, os, started, resumed, now);
  }

  /** The engine's version, from the build. */
  public static String version() {
    return buildInfo().getProperty("version", "unknown");
  }

  /** The build's git commit, with {@code -dirty} if the working tree had changes; "unknown" outside git. */
  public static String builtFrom() {
    Properties p = buildInfo();
    String commit = p.getProperty("git.commit", "");
    if (commit.isEmpty() || commit.startsWith("${")) {
      return "unknown";
    }
    return commit + ("true".equals(p.getProperty("git.dirty")) ? "-dirty" : "");
  }

  private static Properties buildInfo() {
    Properties p = new Properties();
    try (InputStream in = Provenance.class.getResourceAsStream("/dev/nas/core/version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // Provenance without a version is still provenance.
    }
    return p;
  }

  /** Libraries whose versions change results, read from their Maven metadata on the class path. */
  static final List<String> LIBRARIES = List.of("org.deeplearning4j:deeplearning4j-nn", "org.nd4j:nd4j-api",
      "org.nd4j:nd4j-native", "com.fasterxml.jackson.core:jackson-databind", "com.google.guava:guava");

  public static Map<String, String> libraryVersions() {
    Map<String, String> versions = new LinkedHashMap<>();
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    for (String coordinates : LIBRARIES) {
      String[] ga = coordinates.split(":");
      try (InputStream in = loader.getResourceAsStream("META-INF/maven/" + ga[0] + "/" + ga[1] + "/pom.properties")) {
        if (in != null) {
          Properties p = new Properties();
          p.load(in);
          versions.put(coordinates, p.getProperty("version", "unknown"));
        }
      } catch (IOException e) {
        // Not on the class path in this form: left out.
      }
    }
    buildInfo().stringPropertyNames().stream().filter(k -> k.startsWith("library.")).sorted()
        .forEach(k -> versions.put(k.substring("library.".length()), buildInfo().getProperty(k)));
    return versions;
  }
}
