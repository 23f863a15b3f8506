package dev.nas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nas.core.json.Json;
import dev.nas.spaces.darts.DartsGenotype;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nas export} of finished runs: what it writes, and what it refuses. */
class ExportTest {

  @TempDir
  Path tmp;

  private static JsonNode read(Path file) throws IOException {
    return Json.json().readTree(file.toFile());
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  @Test
  void exportsTheTopArchitecturesOfAllRunsWithDiagramsAndProvenance() throws IOException {
    Path run = tmp.resolve("run");
    JsonNode summary = Cli.search("nb201-rea.yaml", run, "--repeats", "2", "--seed", "5", "-q",
        "--set", "budget.trials=60");
    Cli r = Cli.run("export", run.toString(), "--top-k", "2");
    assertEquals(0, r.exit(), r.err());
    Path export = run.resolve("export");
    JsonNode first = read(export.resolve("rank-1/architecture.json"));
    // Rank 1 is the experiment's best: same cell, same signal, same run.
    JsonNode best = summary.get("best");
    assertEquals(best.get("trial").get("notation").asText(), first.get("notation").asText());
    assertEquals(best.get("trial").get("signal").asDouble(), first.get("signal").asDouble());
    assertEquals(best.get("seed").asLong(), first.get("seed").asLong());
    assertEquals(6, first.get("genes").size());
    // NB201's own counts: params equal the table's params_M.
    assertEquals(first.get("metrics").get("params_M").asDouble() * 1e6, first.get("params").asDouble(), 0.5);
    JsonNode second = read(export.resolve("rank-2/architecture.json"));
    assertTrue(second.get("signal").asDouble() <= first.get("signal").asDouble());
    assertFalse(second.get("hash").asText().equals(first.get("hash").asText()), "distinct architectures");
    // One DOT box per network node, and Graphviz's SVG of it.
    String dot = Files.readString(export.resolve("rank-1/network.dot"));
    assertTrue(dot.startsWith("digraph"), dot);
    String svg = Files.readString(export.resolve("rank-1/network.svg"));
    assertTrue(svg.contains("<svg") && svg.contains("stage0.cell0"), svg.substring(0, 200));
    assertEquals(Files.readString(run.resolve("provenance.json")), Files.readString(export.resolve("provenance.json")));
    assertEquals(2, read(export.resolve("export.json")).get("architectures").size());
    // A second export into the same place is refused and changes nothing.
    List<Path> before = files(export);
    Cli again = Cli.run("export", run.toString());
    assertEquals(2, again.exit());
    assertTrue(again.err().contains("already exists and is not empty"), again.err());
    assertEquals(before, files(export));
  }

  @Test
  void dartsExportsCarryTheGenotypeAndBothCellDiagrams() throws IOException {
    Path config = tmp.resolve("darts.yaml");
    Files.writeString(config, "name: tiny-darts\nseed: 3\nspace: {type: darts, channels: 4, layers: 3, auxiliary: false}\n"
        + "evaluator: {type: supernet, train_images: 128, batch_size: 32, steps: 1, valid_batches: 1}\n"
        + "strategy: {type: random}\nbudget: {trials: 2}\n");
    Cli r = Cli.run("search", config.toString(), "--out", tmp.resolve("run").toString(), "-q");
    assertEquals(0, r.exit(), r.err());
    Path out = tmp.resolve("darts-export");
    r = Cli.run("export", tmp.resolve("run").toString(), "--top-k", "1", "--out", out.toString(), "--no-svg");
    assertEquals(0, r.exit(), r.err());
    String genotype = Files.readString(out.resolve("rank-1/genotype.txt")).trim();
    assertEquals(DartsGenotype.parse(genotype).format(), genotype);
    assertEquals(genotype, read(out.resolve("rank-1/architecture.json")).get("genotype").asText());
    String normal = Files.readString(out.resolve("rank-1/cell-normal.dot"));
    // 4 nodes x 2 inputs: eight labelled edges, and the four nodes feed c_{k}.
    assertEquals(8, normal.lines().filter(l -> l.contains("[label=")).count(), normal);
    assertEquals(4, normal.lines().filter(l -> l.contains("-> \"c_{k}\"")).count(), normal);
    assertTrue(Files.exists(out.resolve("rank-1/cell-reduce.dot")));
    assertFalse(Files.exists(out.resolve("rank-1/cell-normal.svg")), "--no-svg");
    // The exported genotype is accepted where genotypes are.
    Cli describe = Cli.run("describe", "--space", "darts", "--genotype", genotype);
    assertEquals(0, describe.exit(), describe.err());
  }

  @Test
  void aDirectoryWithoutASummaryIsRefusedAndLeftAlone() throws IOException {
    Path notRun = tmp.resolve("not-a-run");
    Files.createDirectories(notRun);
    Files.writeString(notRun.resolve("config.yaml"), "name: x\n");
    Cli r = Cli.run("export", notRun.toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("has no summary.json") && r.err().contains("nas resume"), r.err());
    assertEquals(List.of(notRun.resolve("config.yaml")), files(notRun));
    r = Cli.run("export", notRun.toString(), "--top-k", "0");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--top-k"), r.err());
  }
}
