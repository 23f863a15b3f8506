package dev.nas.core.config;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.nas.core.InputException;
import dev.nas.core.Messages;
import dev.nas.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads an experiment config: YAML, then {@code --set key.path=value} overrides, then binding to
 * {@link ExperimentConfig} with every validation. Any problem is a {@link ConfigException} whose
 * message names the key, the bad value and what is accepted, with a suggestion for typos.
 */
public final class ConfigLoader {

  /** The keys of a config file's top level, in the order of {@link ExperimentConfig}. */
  static final List<String> TOP_LEVEL_KEYS = List.of("name", "seed", "repeats", "space", "evaluator", "strategy",
      "budget", "objectives", "constraints", "retrain", "grading", "data");

  private static final List<Class<?>> SECTIONS =
      List.of(SpaceConfig.class, EvaluatorConfig.class, StrategyConfig.class);

  private final ObjectMapper yaml;
  private final List<Class<?>> types;
  private final List<ComponentTypes> modules;

  /** A loader knowing the config types (and architecture measures) of every module on the class path. */
  public static ConfigLoader withInstalledTypes() {
    List<ComponentTypes> modules = new ArrayList<>();
    ServiceLoader.load(ComponentTypes.class).forEach(modules::add);
    return of(modules);
  }

  /** A loader knowing the config types, measures and graders of exactly {@code modules}. */
  public static ConfigLoader of(List<ComponentTypes> modules) {
    return new ConfigLoader(modules.stream().flatMap(m -> m.configTypes().stream()).toList(), modules);
  }

  public ConfigLoader(List<Class<?>> types) {
    this(types, List.of());
  }

  private ConfigLoader(List<Class<?>> types, List<ComponentTypes> modules) {
    this.modules = List.copyOf(modules);
    for (Class<?> t : types) {
      if (t.getAnnotation(JsonTypeName.class) == null) {
        throw new IllegalArgumentException(t.getName() + " has no @JsonTypeName");
      }
    }
    this.types = List.copyOf(types);
    this.yaml = Json.yaml().copy()
        // "trials: 50.5" is refused, not truncated to 50.
        .disable(com.fasterxml.jackson.databind.DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        // "budget: {trials: 5, trials: 7}" is refused, not "last wins".
        .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    // "count_duplicates: 2" is refused, not read as true.
    yaml.coercionConfigFor(com.fasterxml.jackson.databind.type.LogicalType.Boolean).setCoercion(
        com.fasterxml.jackson.databind.cfg.CoercionInputShape.Integer, com.fasterxml.jackson.databind.cfg.CoercionAction.Fail);
    yaml.getFactory().enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    yaml.registerSubtypes(types.toArray(Class<?>[]::new));
  }

  /** Every measure the installed modules can take of architectures of {@code space}, by name. */
  public java.util.Map<String, dev.nas.core.objective.ArchitectureMeasure> measures(
      dev.nas.core.arch.SearchSpace space) {
    java.util.Map<String, dev.nas.core.objective.ArchitectureMeasure> all = new java.util.TreeMap<>();
    modules.forEach(m -> all.putAll(m.measures(space)));
    return all;
  }

  /**
   * The grader the installed modules offer for a search of {@code space} whose evaluator measures
   * on {@code dataset} (null when it does not say), with the data under {@code data}: the first
   * module's, or empty when none grades that search.
   */
  public java.util.Optional<dev.nas.core.grade.Grader> grader(dev.nas.core.arch.SearchSpace space, String dataset,
      dev.nas.core.data.DataRoot data) {
    return modules.stream().map(m -> m.grader(space, dataset, data)).flatMap(java.util.Optional::stream).findFirst();
  }

  /** Loads {@code file}, applies {@code overrides} ({@code key.path=value}) in order, binds. */
  public ExperimentConfig load(Path file, List<String> overrides) {
    JsonNode root = read(file);
    ObjectNode tree = (ObjectNode) root;
    for (String override : overrides) {
      apply(tree, override);
    }
    if (!tree.hasNonNull("name")) {
      tree.put("name", defaultName(file));
    }
    return bind(withoutNulls(tree));
  }

  /** Binds an already parsed tree (used by tests and by {@link #load}). */
  public ExperimentConfig bind(JsonNode tree) {
    try {
      return yaml.treeToValue(tree, ExperimentConfig.class);
    } catch (JsonProcessingException e) {
      throw translate(e);
    } catch (IllegalArgumentException e) {
      if (e.getCause() instanceof JsonProcessingException jpe) {
        throw translate(jpe);
      }
      throw e;
    }
  }

  /**
   * Binds one section, e.g. {@code SpaceConfig} from {@code {type: nb201}} plus overrides
   * relative to the section; errors name keys under {@code key}.
   */
  public <T> T bindSection(String key, Class<T> section, String type, List<String> overrides) {
    ObjectNode tree = JsonNodeFactory.instance.objectNode();
    tree.put("type", type);
    return bindSection(key, section, tree, overrides);
  }

  /**
   * Binds the section {@code key} of the config file (a full experiment, or a file with just that
   * section), plus overrides relative to the section.
   */
  public <T> T loadSection(Path file, String key, Class<T> section, List<String> overrides) {
    JsonNode node = read(file).get(key);
    if (node == null || !node.isObject()) {
      throw new ConfigException(key, "config file " + file + " has no '" + key + ":' section");
    }
    return bindSection(key, section, (ObjectNode) node, overrides);
  }

  /**
   * Binds a section from a tree (one written by {@link #sectionTree}, e.g. saved in an export),
   * plus overrides relative to the section; errors name keys under {@code key}. The tree is not modified.
   */
  public <T> T bindSection(String key, Class<T> section, JsonNode tree, List<String> overrides) {
    if (tree == null || !tree.isObject()) {
      throw new ConfigException(key, "must be a section with a 'type:' key, not " + tree);
    }
    return bindSection(key, section, ((ObjectNode) tree).deepCopy(), overrides);
  }

  /** A section's config (e.g. a {@link SpaceConfig}) as a tree with its {@code type}, every default filled in. */
  public JsonNode sectionTree(Class<?> section, Object config) {
    try {
      return yaml.readTree(yaml.writerFor(section).writeValueAsString(config));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the " + section.getSimpleName() + " " + config, e);
    }
  }

  private <T> T bindSection(String key, Class<T> section, ObjectNode tree, List<String> overrides) {
    for (String override : overrides) {
      apply(tree, override);
    }
    try {
      return yaml.treeToValue(withoutNulls(tree), section);
    } catch (JsonProcessingException e) {
      throw translate(e).under(key);
    } catch (IllegalArgumentException e) {
      if (e.getCause() instanceof JsonProcessingException jpe) {
        throw translate(jpe).under(key);
      }
      throw e;
    }
  }

  /** The resolved config as YAML: every default filled in. */
  public String toYaml(ExperimentConfig config) {
    try {
      return yaml.writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write config", e);
    }
  }

  /** The {@code type:} names accepted for a section interface (e.g. {@link StrategyConfig}). */
  public List<String> typeNames(Class<?> section) {
    return types.stream()
        .filter(section::isAssignableFrom)
        .map(t -> t.getAnnotation(JsonTypeName.class).value())
        .sorted()
        .toList();
  }

  /** The {@code type:} name of a section's config object. */
  public static String typeName(Object sectionConfig) {
    JsonTypeName name = sectionConfig.getClass().getAnnotation(JsonTypeName.class);
    return name == null ? sectionConfig.getClass().getSimpleName() : name.value();
  }

  private JsonNode read(Path file) {
    String text = ConfigText.read(file);
    ConfigText.refuseAliases(yaml, text, file);
    JsonNode root;
    try {
      root = yaml.readTree(text);
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      String where = loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
      String problem = e.getOriginalMessage();
      if (problem != null && problem.startsWith("Malformed numeric value")) {
        throw new ConfigException("", "config file " + file + where + ": "
            + problem.replace("Malformed numeric value", "the number") + " is not accepted; accepted: a finite number");
      }
      if (problem != null && problem.startsWith("Duplicate field")) {
        throw new ConfigException("", "config file " + file + where + ": "
            + problem.replace("Duplicate field", "the key") + " is written twice in one section; write it once");
      }
      throw new ConfigException("", "config file " + file + " is not valid YAML" + where + ": "
          + (problem == null || problem.length() <= 300 ? problem : problem.substring(0, 300) + "..."));
    }
    if (root == null || !root.isObject()) {
      throw new ConfigException("", "config file " + file + " must be a YAML mapping with the keys "
          + String.join(", ", TOP_LEVEL_KEYS) + " (space, evaluator and strategy are required)");
    }
    ConfigText.refuseNonFinite(root, "");
    return root;
  }

  private void apply(ObjectNode tree, String override) {
    int eq = override.indexOf('=');
    if (override.length() > ConfigText.MAX_OVERRIDE_CHARS) {
      throw new ConfigException("", "--set '" + Messages.shorten(override) + "' is " + override.length()
          + " characters long; accepted: at most " + ConfigText.MAX_OVERRIDE_CHARS);
    }
    if (eq <= 0) {
      throw new ConfigException("", "--set '" + override + "' is not of the form key.path=value");
    }
    String key = override.substring(0, eq).trim();
    String text = override.substring(eq + 1);
    String[] parts = key.split("\\.", -1);
    ObjectNode node = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      if (parts[i].isEmpty()) {
        throw new ConfigException("", "--set '" + override + "' has an empty key segment");
      }
      JsonNode child = node.get(parts[i]);
      if (child == null || child.isNull()) {
        child = node.putObject(parts[i]);
      }
      if (!child.isObject()) {
        String at = String.join(".", List.of(parts).subList(0, i + 1));
        throw new ConfigException(at, "is a value, not a section: --set cannot set '" + key + "'");
      }
      node = (ObjectNode) child;
    }
    JsonNode value = parseScalar(text);
    ConfigText.refuseNonFinite(value, key);
    node.set(parts[parts.length - 1], value);
  }

  /**
   * A key written without a value ({@code data:} with its entries commented out) means "use the
   * default", exactly like a key left out.
   */
  private static ObjectNode withoutNulls(ObjectNode node) {
    var names = new ArrayList<String>();
    node.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      JsonNode child = node.get(name);
      if (child.isNull()) {
        node.remove(name);
      } else if (child.isObject()) {
        withoutNulls((ObjectNode) child);
      }
    }
    return node;
  }

  private JsonNode parseScalar(String text) {
    if (text.isBlank()) {
      return JsonNodeFactory.instance.nullNode();
    }
    try {
      JsonNode value = yaml.readTree(text);
      return value == null || value.isMissingNode() ? TextNode.valueOf(text) : value;
    } catch (JsonProcessingException | RuntimeException e) {
      // Not a YAML value on its own ("#", "a: b: c"): the text as typed.
      return TextNode.valueOf(text);
    }
  }

  private static String defaultName(Path file) {
    String stem = file.getFileName().toString().replaceFirst("\\.(ya?ml)$", "");
    String clean = stem.replaceAll("[^A-Za-z0-9._-]", "-");
    return clean.isEmpty() ? "experiment" : clean;
  }

  private ConfigException translate(JsonProcessingException e) {
    String path = e instanceof JsonMappingException m ? path(m) : "";
    if (e instanceof UnrecognizedPropertyException u) {
      List<String> known = u.getKnownPropertyIds() == null ? List.of()
          : u.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
      String typed = u.getPropertyName();
      String hint = Suggestions.nearest(typed, known).map(s -> "did you mean '" + s + "'? ").orElse("");
      return new ConfigException(path, "unknown key; " + hint + "accepted keys here: "
          + (known.isEmpty() ? "none" : String.join(", ", known)));
    }
    if (e instanceof InvalidTypeIdException t) {
      Class<?> base = t.getBaseType() == null ? null : t.getBaseType().getRawClass();
      List<String> names = base == null ? List.of() : typeNames(base);
      String key = path.isEmpty() ? "type" : path + ".type";
      if (t.getTypeId() == null) {
        return ConfigException.missing(key, String.join(", ", names));
      }
      String hint = Suggestions.nearest(t.getTypeId(), names).map(s -> " (did you mean '" + s + "'?)").orElse("");
      return ConfigException.badValue(key, t.getTypeId(), String.join(", ", names) + hint);
    }
    if (e instanceof InvalidFormatException f) {
      return ConfigException.badValue(path, f.getValue(), describe(f.getTargetType()));
    }
    if (e instanceof ValueInstantiationException v) {
      if (v.getCause() instanceof ConfigException c) {
        return c.under(path);
      }
      Throwable cause = v.getCause() == null ? v : v.getCause();
      return new ConfigException(path, String.valueOf(cause.getMessage()));
    }
    if (e instanceof MismatchedInputException m) {
      Class<?> target = m.getTargetType();
      if (target != null && SECTIONS.stream().anyMatch(s -> s.isAssignableFrom(target))) {
        return new ConfigException(path, "must be a section with a 'type:' key; accepted types: "
            + String.join(", ", typeNames(SECTIONS.stream().filter(s -> s.isAssignableFrom(target)).findFirst().orElseThrow())));
      }
      return new ConfigException(path, "has the wrong kind of value; accepted: " + describe(target));
    }
    return new ConfigException(path, e.getOriginalMessage());
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
  }

  private String describe(Class<?> type) {
    if (type == null) {
      return "see the commented configs under configs/";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "an integer";
    }
    if (type == Double.class || type == double.class || type == Float.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "text";
    }
    if (type == Duration.class) {
      return DurationText.ACCEPTED;
    }
    if (type.isEnum()) {
      return new TreeSet<>(List.of(type.getEnumConstants()).stream().map(Object::toString).toList()).toString();
    }
    for (Class<?> s : SECTIONS) {
      if (s.isAssignableFrom(type)) {
        return "a section with a 'type:' key (" + String.join(", ", typeNames(s)) + ")";
      }
    }
    if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    if (java.util.Map.class.isAssignableFrom(type)) {
      return "a mapping of keys to values";
    }
    return "a section (" + type.getSimpleName().replaceFirst("Config$", "").toLowerCase(java.util.Locale.ROOT)
        + " settings)";
  }
}
