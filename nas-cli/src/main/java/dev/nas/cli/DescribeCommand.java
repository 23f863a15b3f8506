package dev.nas.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nas.core.InputException;
import dev.nas.core.arch.Architecture;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.config.ConfigLoader;
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

  /** Exactly one of --space and --config. */
  @picocli.CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
  SpaceOptions.Space source;

  /** Exactly one of --arch and --genotype. */
  @picocli.CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
  SpaceOptions.Architecture target;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Space setting (repeatable).")
  List<String> sets = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    ConfigLoader loader = ConfigLoader.withInstalledTypes();
    SearchSpace s = source.config(loader, sets).create();
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
