package dev.nas.core.objective;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.nas.core.config.ConfigException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of {@code constraints:}, written {@code "params <= 1M"}: a measure, a comparison
 * ({@code <=, <, >=, >}) and a bound, with an optional suffix k, M or G (x1e3, x1e6, x1e9). A
 * candidate that breaks it is pruned before it is trained.
 */
public record Constraint(String metric, String op, double bound) {

  private static final Pattern FORM =
      Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(<=|<|>=|>)\\s*([0-9.eE+-]+)\\s*([kMG]?)\\s*");

  private static final String ACCEPTED =
      "'<metric> <op> <number>' with op one of <=, <, >=, > and an optional k/M/G suffix, e.g. 'params <= 1M'";

  /** Binds a YAML value: only text is a constraint (a number or a section is refused with the form). */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static Constraint bind(Object value) {
    if (!(value instanceof String text)) {
      throw ConfigException.badValue("", value, ACCEPTED);
    }
    return parse(text);
  }

  /** Parses {@code "params <= 1M"}; the error's key is relative (the loader adds {@code constraints[i]}). */
  public static Constraint parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw ConfigException.badValue("", dev.nas.core.Messages.shorten(text), ACCEPTED);
    }
    double value;
    try {
      value = Double.parseDouble(m.group(3));
    } catch (NumberFormatException e) {
      throw ConfigException.badValue("", text, "a number after the comparison, e.g. 'params <= 1.5M'");
    }
    if (!Double.isFinite(value)) {
      throw ConfigException.badValue("", text, "a finite number after the comparison, e.g. 'params <= 1.5M'");
    }
    double scale = switch (m.group(4)) {
      case "k" -> 1e3;
      case "M" -> 1e6;
      case "G" -> 1e9;
      default -> 1;
    };
    return new Constraint(m.group(1), m.group(2), value * scale);
  }

  public boolean holds(double value) {
    return switch (op) {
      case "<=" -> value <= bound;
      case "<" -> value < bound;
      case ">=" -> value >= bound;
      case ">" -> value > bound;
      default -> throw new IllegalStateException(op);
    };
  }

  @JsonValue
  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s %s %s", metric, op, bound);
  }
}
