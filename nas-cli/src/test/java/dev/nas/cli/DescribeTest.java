package dev.nas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nas.core.json.Json;
import org.junit.jupiter.api.Test;

class DescribeTest {

  private static JsonNode describe(String... args) throws Exception {
    String[] all = new String[args.length + 1];
    all[0] = "describe";
    System.arraycopy(args, 0, all, 1, args.length);
    Cli r = Cli.run(all);
    assertEquals(0, r.exit(), r.err());
    return Json.json().readTree(r.out());
  }

  @Test
  void dartsV2AtPaperSizeHasTheReferenceParameterCount() throws Exception {
    JsonNode d = describe("--space", "darts", "--genotype", "DARTS_V2", "--set", "channels=36", "--set", "layers=20");
    assertEquals(3_349_342L, d.get("params").asLong());
    assertTrue(d.get("genotype").asText().startsWith("Genotype(normal=[('sep_conv_3x3', 0)"));
    assertTrue(d.get("layers").size() > 100);
  }

  @Test
  void nb201CellHasTheTableCounts() throws Exception {
    JsonNode d = describe("--space", "nb201", "--arch",
        "|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|");
    assertEquals(0, d.get("index").asInt());
    assertEquals(129_306L, d.get("params").asLong());
    assertEquals(15_647_370L, d.get("flops").asLong());
  }

  @Test
  void dartsArchInTheSearchSpaceHasGenesAndHash() throws Exception {
    JsonNode d = describe("--space", "darts", "--arch", "DARTS_V1");
    // Per cell: node 0 two op genes; nodes 1..3 an input pair and two op genes.
    assertEquals(22, d.get("choices").size());
    assertEquals(16, d.get("hash").asText().length());
    assertEquals(32, describe("--space", "darts", "--set", "legacy_sampling=true", "--arch", "DARTS_V1")
        .get("choices").size());
  }

  @Test
  void aDartsCellWithNoneOrARepeatedInputIsAGenotypeNotAnArchitectureOfTheSpace() throws Exception {
    // DARTS_V2 with node 3 of the normal cell reading input 0 twice, once through none.
    String cell = "Genotype(normal=[('sep_conv_3x3', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 0), ('sep_conv_3x3', 1),"
        + " ('sep_conv_3x3', 1), ('skip_connect', 0), ('skip_connect', 0), ('none', 0)], normal_concat=range(2, 6),"
        + " reduce=[('max_pool_3x3', 0), ('max_pool_3x3', 1), ('skip_connect', 2), ('max_pool_3x3', 1),"
        + " ('max_pool_3x3', 0), ('skip_connect', 2), ('skip_connect', 2), ('max_pool_3x3', 1)], reduce_concat=range(2, 6))";
    Cli arch = Cli.run("describe", "--space", "darts", "--arch", cell);
    assertEquals(2, arch.exit());
    assertTrue(arch.err().contains("it uses 'none' (normal node 3); accepted ops: max_pool_3x3")
        && arch.err().contains("normal node 3 reads input 0 twice; accepted: two distinct inputs per node")
        && arch.err().contains("The space with legacy_sampling: true accepts it"), arch.err());
    assertEquals(32, describe("--space", "darts", "--set", "legacy_sampling=true", "--arch", cell).get("choices").size());
    assertTrue(describe("--space", "darts", "--genotype", cell).get("params").asLong() > 0);
  }

  @Test
  void badGenotypesAndSettingsExit2PointingAtTheProblem() {
    Cli op = Cli.run("describe", "--space", "darts", "--genotype",
        "Genotype(normal=[('sep_conv_3x3', 0), ('sep_conv_9x9', 1)], normal_concat=[2], reduce=[], reduce_concat=[2])");
    assertEquals(2, op.exit());
    assertTrue(op.err().contains("unknown op 'sep_conv_9x9'") && op.err().contains("at column 40"), op.err());
    Cli input = Cli.run("describe", "--space", "darts", "--genotype",
        "Genotype(normal=[('sep_conv_3x3', 0), ('sep_conv_3x3', 2)], normal_concat=[2], reduce=[('none', 0), ('none', 1)], reduce_concat=[2])");
    assertEquals(2, input.exit());
    assertTrue(input.err().contains("input 2 of node 0 in normal is out of range; accepted 0..1"), input.err());
    Cli setting = Cli.run("describe", "--space", "darts", "--genotype", "DARTS_V2", "--set", "channels=35");
    assertEquals(2, setting.exit());
    assertTrue(setting.err().contains("space.channels: '35' is not accepted; accepted: an even integer"), setting.err());
    Cli none = Cli.run("describe", "--space", "nb201", "--genotype", "DARTS_V2");
    assertEquals(2, none.exit());
    assertTrue(none.err().contains("has no genotypes"), none.err());
  }

  @Test
  void userSpacesDeclaredInYamlDescribeTheirArchitectures() throws Exception {
    JsonNode chain = describe("--config", Cli.config("spaces/my-chain.yaml").toString(), "--arch", "k3e3d1-k5e6d2-k3e6d3");
    assertEquals("chain", chain.get("space").asText());
    assertEquals(9, chain.get("choices").size());
    assertTrue(chain.get("params").asLong() > 0);
    JsonNode cell = describe("--config", Cli.config("spaces/my-cell.yaml").toString(), "--set", "nodes=1", "--arch",
        "Genotype(normal=[('sep_conv_3x3', 0), ('skip_connect', 1)], normal_concat=range(2, 3),"
            + " reduce=[('max_pool_3x3', 0), ('sep_conv_5x5', 1)], reduce_concat=range(2, 3))");
    assertEquals("cell", cell.get("space").asText());
    // One node per cell reading the two previous cells: its two op genes, per cell.
    assertEquals(4, cell.get("choices").size());
    Cli bad = Cli.run("describe", "--config", Cli.config("spaces/my-chain.yaml").toString(), "--set", "depths=[0, 1]",
        "--arch", "k3e3d1-k5e6d2-k3e6d3");
    assertEquals(2, bad.exit());
    assertTrue(bad.err().contains("space.depths[0]: '0' is not accepted; accepted: integers >= 1"), bad.err());
  }
}
