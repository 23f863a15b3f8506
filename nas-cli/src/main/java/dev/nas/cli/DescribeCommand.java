package dev.nas.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nas.core.InputException;
import dev.nas.core.arch.Architecture;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.config.ConfigLoader;
import dev.nas.core.config.SpaceConfig;
import dev.nas.core.json.Json;
import dev.nas.spaces.network.GenotypeSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

/**
 * {@code nas describe --space NAME --arch STRING}: parses an architecture in its space's notation
 * and prints, as JSON on stdout, its choices, canonical form, hash and the space's own facts.
 */
@Command(name = "describe", mixinStandardHelpOptions = true,
    description = "Print an architecture's choices, canonical form, hash, parameters, FLOPs and layers as JSON.")
final class DescribeCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @picocli.CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  /** Exactly one of --space and --config. */
  static final class Source {
    @Option(names = "--space", required = true, paramLabel = "NAME",
        description = "Space type: nb201, darts, enas-macro, chain, cell.")
    String space;

    @Option(names = "--config", required = true, paramLabel = "FILE",
        description = "Take the space from the 'space:' section of this YAML file (e.g. a user-declared space).")
    java.nio.file.Path config;
  }

  @picocli.CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  /** Exactly one of --arch and --genotype. */
  static final class Target {
    @Option(names = "--arch", required = true, paramLabel = "STRING",
        description = "Architecture in the space's notation, e.g. an NB201 arch string.")
    String arch;

    @Option(names = "--genotype", required = true, paramLabel = "NAME|TEXT",
        description = "A published genotype (e.g. DARTS_V2, NASNet) or genotype text, for spaces that have genotypes.")
    String genotype;
  }

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Space setting (repeatable).")
  List<String> sets = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    ConfigLoader loader = ConfigLoader.withInstalledTypes();
    SearchSpace s = (source.config != null
        ? loader.loadSection(source.config, "space", SpaceConfig.class, sets)
        : loader.bindSection("space", SpaceConfig.class, source.space, sets)).create();
    if (target.genotype != null) {
      if (!(s instanceof GenotypeSpace g)) {
        throw new InputException("--genotype: space '" + s.id() + "' has no genotypes; use --arch");
      }
      print(Json.tree(g.describeGenotype(target.genotype)));
      return 0;
    }
    Architecture a = s.parse(target.arch);
    ObjectNode out = Json.json().createObjectNode();
    out.put("space", s.id());
    out.put("arch", s.format(a));
    out.put("canonical", a.canonical());
    out.put("hash", a.hash());
    out.set("choices", Json.tree(a.choices()));
    s.describe(a).forEach((k, v) -> out.set(k, Json.tree(v)));
    print(out);
    return 0;
  }

  private void print(com.fasterxml.jackson.databind.JsonNode json) throws Exception {
    spec.commandLine().getOut().println(Json.json().writerWithDefaultPrettyPrinter().writeValueAsString(json));
  }
}
