package dev.nas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nas.core.InputException;
import dev.nas.core.arch.Architecture;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.config.ConfigLoader;
import dev.nas.core.config.ExperimentConfig;
import dev.nas.core.config.SpaceConfig;
import dev.nas.core.experiment.Experiment;
import dev.nas.core.experiment.ExperimentResults;
import dev.nas.core.experiment.ExperimentResults.RankedTrial;
import dev.nas.core.experiment.Provenance;
import dev.nas.core.json.Json;
import dev.nas.spaces.darts.CellDiagram;
import dev.nas.spaces.darts.DartsGenotype;
import dev.nas.spaces.darts.DartsSpace;
import dev.nas.spaces.network.Network;
import dev.nas.spaces.network.NetworkDiagram;
import dev.nas.spaces.network.NetworkSpace;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nas export DIR}: what a finished search found, as files a user takes away. Per top-k
 * architecture ({@code rank-N/}): {@code architecture.json} (space, genome, canonical form,
 * metrics, counts, retraining), {@code genotype.txt} for spaces with DARTS genotypes, Graphviz DOT
 * diagrams of the network (and of the DARTS cells) with their SVG renderings, and at the top
 * {@code provenance.json} and {@code export.json}. SVGs are drawn by Graphviz's {@code dot}
 * (Debian package graphviz). The export is written to a temporary directory and moved into place,
 * so a failure leaves nothing behind; the run directory is only read.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Export the best architectures of a finished run: JSON, genotype, DOT/SVG diagrams, provenance.")
final class ExportCommand implements Callable<Integer> {

  /** architecture.json's key for the resolved space section. */
  static final String SPACE_CONFIG = "space_config";

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "Run directory of a finished 'nas search'.")
  Path dir;

  @Option(names = "--top-k", paramLabel = "K", defaultValue = "3",
      description = "Distinct architectures to export, best first (default: ${DEFAULT-VALUE}).")
  int topK;

  @Option(names = "--out", paramLabel = "EXPORT_DIR",
      description = "Where to write; must not exist or be empty (default: DIR/export).")
  Path out;

  @Option(names = "--no-svg", description = "Write the DOT diagrams only (no Graphviz needed).")
  boolean noSvg;

  @Override
  public Integer call() throws IOException {
    if (topK < 1) {
      throw new InputException("--top-k must be an integer >= 1, got " + topK);
    }
    List<RankedTrial> top = ExperimentResults.top(dir, topK);
    if (top.isEmpty()) {
      throw new InputException("nothing to export: no trial of " + dir + " succeeded");
    }
    ConfigLoader loader = ConfigLoader.withInstalledTypes();
    ExperimentConfig config = loader.load(dir.resolve(Experiment.CONFIG_FILE), List.of());
    // The space's settings, so that 'nas train ARCH.json' rebuilds the same network.
    JsonNode spaceTree = loader.sectionTree(SpaceConfig.class, config.space());
    SearchSpace space = config.space().create();
    if (!noSvg && !Graphviz.available()) {
      // A missing tool is not bad input: the export goes on without the drawings, as the report does.
      spec.commandLine().getErr().println("nas: warning: " + Graphviz.MISSING + "; writing the DOT files only");
      noSvg = true;
    }
    Path target = out != null ? out : dir.resolve("export");
    try (StagedDirectory staged = new StagedDirectory(target, "--out")) {
      Path staging = staged.path();
      ArrayNode index = Json.json().createArrayNode();
      for (RankedTrial r : top) {
        Path rankDir = staging.resolve("rank-" + r.rank());
        Files.createDirectories(rankDir);
        writeArchitecture(spaceTree, space, r, rankDir);
        index.addObject().put("rank", r.rank()).put("dir", "rank-" + r.rank()).put("notation", r.trial().notation())
            .put("signal", r.trial().metrics().signal());
      }
      ObjectNode export = Json.json().createObjectNode();
      export.put("run_dir", dir.toAbsolutePath().normalize().toString());
      export.put("space", space.id());
      export.put("exported_by", "nas " + Provenance.version() + " (" + Provenance.builtFrom() + ")");
      export.set("architectures", index);
      Json.writeAtomically(staging.resolve("export.json"), export);
      Path provenance = dir.resolve(Provenance.FILE);
      if (Files.exists(provenance)) {
        Files.copy(provenance, staging.resolve(Provenance.FILE));
      }
      staged.commit();
    }
    PrintWriter printer = spec.commandLine().getOut();
    for (RankedTrial r : top) {
      printer.printf(Locale.ROOT, "rank %d: %s  signal %.3f (seed %d, trial %d)%n", r.rank(), r.trial().notation(),
          r.trial().metrics().signal(), r.seed(), r.trial().id());
    }
    printer.println("exported " + top.size() + " architecture(s) to " + target);
    return 0;
  }

  private void writeArchitecture(JsonNode spaceTree, SearchSpace space, RankedTrial r, Path rankDir)
      throws IOException {
    Architecture arch = r.trial().arch();
    ObjectNode a = Json.json().createObjectNode();
    a.put("rank", r.rank());
    a.put("space", space.id());
    a.set(SPACE_CONFIG, spaceTree);
    a.put("notation", r.trial().notation());
    a.put("canonical", arch.canonical());
    a.put("hash", arch.hash());
    a.set("choices", Json.tree(arch.choices()));
    ArrayNode genes = a.putArray("genes");
    for (int g : arch.genes()) {
      genes.add(g);
    }
    a.put("seed", r.seed());
    a.put("run_dir", r.runDir());
    a.put("trial", r.trial().id());
    if (r.trial().fidelity() != null) {
      a.put("fidelity", r.trial().fidelity());
    }
    a.put("signal", r.trial().metrics().signal());
    a.set("metrics", Json.tree(new java.util.TreeMap<>(r.trial().metrics().values())));
    if (r.trial().graded() != null) {
      a.set("graded", Json.tree(r.trial().graded()));
    }
    if (r.retrained() != null) {
      a.set("retrained", Json.tree(r.retrained()));
    }
    if (space instanceof NetworkSpace networks) {
      Network net = networks.network(arch);
      a.put("params", net.params());
      a.put("flops", net.flops());
      diagram(NetworkDiagram.dot(net), rankDir.resolve("network"));
    }
    if (space instanceof DartsSpace darts) {
      DartsGenotype genotype = darts.genotype(arch);
      a.put("genotype", genotype.format());
      Files.writeString(rankDir.resolve("genotype.txt"), genotype.format() + "\n");
      diagram(CellDiagram.dot(genotype, false), rankDir.resolve("cell-normal"));
      diagram(CellDiagram.dot(genotype, true), rankDir.resolve("cell-reduce"));
    }
    Json.writeAtomically(rankDir.resolve("architecture.json"), a);
  }

  /** Writes {@code base.dot} and, unless --no-svg, {@code base.svg} rendered by Graphviz. */
  private void diagram(String dot, Path base) throws IOException {
    Path dotFile = base.resolveSibling(base.getFileName() + ".dot");
    Files.writeString(dotFile, dot);
    if (!noSvg) {
      Files.writeString(base.resolveSibling(base.getFileName() + ".svg"), Graphviz.svg(dot, dotFile.getFileName().toString()));
    }
  }
}
