package dev.nas.core.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in configs: {@code 90s}, {@code 30m}, {@code 2h}, {@code 1d}, or ISO-8601. */
public final class DurationText {

  public static final String ACCEPTED = "a duration such as 90s, 30m, 2h, 1d or PT1H30M";
  private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private DurationText() {}

  /** Parses a duration; throws {@link IllegalArgumentException} naming the accepted forms. */
  public static Duration parse(String text) {
    String t = text.trim();
    Matcher m = SIMPLE.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(t);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not " + ACCEPTED);
    }
  }

  /** The shortest exact form: whole days, hours, minutes or seconds, else ISO-8601. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms == 0 && d.isZero()) {
      return "0s";
    }
    if (!d.equals(Duration.ofMillis(ms))) {
      return d.toString();
    }
    long[] units = {86_400_000L, 3_600_000L, 60_000L, 1000L, 1L};
    String[] names = {"d", "h", "m", "s", "ms"};
    for (int i = 0; i < units.length; i++) {
      if (ms % units[i] == 0) {
        return (ms / units[i]) + names[i];
      }
    }
    return d.toString();
  }

  /** Jackson deserialiser; its error names the accepted forms. */
  public static final class Deserializer extends StdDeserializer<Duration> {
    private static final long serialVersionUID = 1L;

    public Deserializer() {
      super(Duration.class);
    }

    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String text = p.getValueAsString();
      if (text == null) {
        return (Duration) ctxt.handleUnexpectedToken(Duration.class, p);
      }
      try {
        return parse(text);
      } catch (IllegalArgumentException e) {
        return (Duration) ctxt.handleWeirdStringValue(Duration.class, text, ACCEPTED);
      }
    }
  }

  /** Jackson serialiser writing {@link #format}. */
  public static final class Serializer extends StdSerializer<Duration> {
    private static final long serialVersionUID = 1L;

    public Serializer() {
      super(Duration.class);
    }

    @Override
    public void serialize(Duration value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeString(format(value));
    }
  }
}
