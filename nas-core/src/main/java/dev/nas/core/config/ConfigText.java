package dev.nas.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.nas.core.InputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * The checks a config file's text passes before it is bound: a regular, readable file of at most
 * {@link #MAX_BYTES} of UTF-8 text (a 50 MB scalar made the YAML parser run for minutes, and
 * {@code /dev/zero} never ends), without YAML aliases (the parser would hand back the anchor's
 * name as if it were the value) and without NaN or infinite numbers.
 */
final class ConfigText {

  /** Far above any real config (the commented shipped ones are under 10 KB). */
  static final int MAX_BYTES = 1 << 20;
  static final int MAX_OVERRIDE_CHARS = 10_000;

  private ConfigText() {}

  static String read(Path file) {
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new InputException("config file not found: " + file.toAbsolutePath());
    }
    if (Files.isDirectory(file)) {
      throw new InputException("config file " + file + " is a directory; give a YAML file");
    }
    if (!Files.exists(file)) {
      throw new InputException("config file " + file + " is a broken symbolic link");
    }
    if (!Files.isRegularFile(file)) {
      throw new InputException("config file " + file + " is not a regular file (a device, pipe or socket);"
          + " give a YAML file");
    }
    byte[] bytes;
    // One byte over the limit is enough to refuse, whatever the file grew to meanwhile.
    try (var in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (AccessDeniedException e) {
      throw new InputException("cannot read config file " + file + ": permission denied");
    } catch (IOException e) {
      throw new InputException("cannot read config file " + file + ": " + e.getMessage());
    }
    if (bytes.length > MAX_BYTES) {
      throw new InputException("config file " + file + " is over " + MAX_BYTES + " bytes; accepted: a YAML file"
          + " of at most " + MAX_BYTES + " bytes (1 MiB)");
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new InputException("config file " + file + " is not UTF-8 text (a binary file?); give a YAML file");
    }
    int nul = text.indexOf('\0');
    if (nul >= 0) {
      throw new InputException("config file " + file + " contains a NUL character at offset " + nul
          + " (a binary file?); give a YAML file");
    }
    return text;
  }

  /**
   * Refuses YAML aliases ({@code *name}), which the parser does not resolve, and tags
   * ({@code !!type}), which would otherwise be ignored without a word.
   */
  static void refuseAliases(ObjectMapper yaml, String text, Path file) {
    try (JsonParser p = yaml.getFactory().createParser(text)) {
      while (p.nextToken() != null) {
        if (p instanceof YAMLParser y && y.getTypeId() != null) {
          throw new ConfigException(currentPath(p), "config file " + file + " uses the YAML tag '" + y.getTypeId()
              + "' (line " + p.currentLocation().getLineNr() + "); tags are not supported: write plain values");
        }
        if (p instanceof YAMLParser y && y.isCurrentAlias()) {
          throw new ConfigException(currentPath(p), "config file " + file + " uses the YAML alias '*" + y.getText()
              + "' (line " + p.currentLocation().getLineNr() + "); aliases and merge keys are not supported:"
              + " write the value out");
        }
      }
    } catch (IOException e) {
      // Not valid YAML: the full parse reports it with its location.
    }
  }

  /** The dotted key path of the parser's current token, e.g. {@code strategy.population}. */
  private static String currentPath(JsonParser p) {
    StringBuilder path = new StringBuilder();
    for (var ctx = p.getParsingContext(); ctx != null && !ctx.inRoot(); ctx = ctx.getParent()) {
      if (ctx.inArray()) {
        path.insert(0, "[" + ctx.getCurrentIndex() + "]");
      } else if (ctx.getCurrentName() != null) {
        path.insert(0, "." + ctx.getCurrentName());
      }
    }
    return path.length() > 0 && path.charAt(0) == '.' ? path.substring(1) : path.toString();
  }

  /** Refuses {@code .nan} and {@code .inf} anywhere in a tree; {@code at} is the tree's own key. */
  static void refuseNonFinite(JsonNode node, String at) {
    if (node.isNumber() && (node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
      throw ConfigException.badValue(at, node.doubleValue(), "a finite number");
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        var e = it.next();
        refuseNonFinite(e.getValue(), at.isEmpty() ? e.getKey() : at + "." + e.getKey());
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        refuseNonFinite(node.get(i), at + "[" + i + "]");
      }
    }
  }
}
