package dev.nas.core.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Mappers shared by every file the engine reads or writes: snake_case keys, ISO-8601 instants,
 * strict about unknown keys and missing primitives.
 */
public final class Json {

  private static final ObjectMapper JSON = configure(JsonMapper.builder()).build();
  private static final ObjectMapper YAML = configure(YAMLMapper.builder(
      YAMLFactory.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          // Write "type: nb201", as users do, not the YAML tag "!<nb201>".
          .disable(YAMLGenerator.Feature.USE_NATIVE_TYPE_ID)
          // "key:" with no value is null (absent), as in YAML itself, not the empty string.
          .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
          .build()))
      .serializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
      .build();

  private Json() {}

  private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B configure(B builder) {
    return builder
        .addModule(new JavaTimeModule())
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /** The JSON mapper (journal lines, summaries, snapshots). Do not reconfigure it. */
  public static ObjectMapper json() {
    return JSON;
  }

  /** The YAML mapper (configs). Do not reconfigure it. */
  public static ObjectMapper yaml() {
    return YAML;
  }

  /** One line of JSON, no line breaks inside. */
  public static String line(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  public static JsonNode tree(Object value) {
    return JSON.valueToTree(value);
  }

  /**
   * Writes pretty JSON to {@code file} atomically: a reader (or a crash) sees the old file or the
   * new one, never a half-written one.
   */
  public static void writeAtomically(Path file, Object value) {
    try {
      writeAtomically(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  /** Writes text to {@code file} atomically (temporary file in the same folder, then rename). */
  public static void writeAtomically(Path file, String text) {
    writeAtomically(file, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  /** What {@link #writeAtomically(Path, Content)} writes: any bytes, to a buffered stream. */
  @FunctionalInterface
  public interface Content {
    void writeTo(java.io.OutputStream out) throws IOException;
  }

  /**
   * Writes {@code content} to {@code file} atomically: into a temporary file in the same folder,
   * renamed over {@code file} only once complete, so a crash leaves the old file or the new one.
   */
  public static void writeAtomically(Path file, Content content) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      // One writer per file, so a fixed temporary name is safe; it gets the usual permissions.
      Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
      try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
        content.writeTo(out);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
