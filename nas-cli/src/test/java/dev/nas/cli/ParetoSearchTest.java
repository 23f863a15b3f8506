package dev.nas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nas.core.config.DataConfig;
import dev.nas.core.data.DataRoot;
import dev.nas.core.json.Json;
import dev.nas.core.objective.ParetoFront;
import dev.nas.spaces.nb201.Nb201Dataset;
import dev.nas.spaces.nb201.Nb201Record;
import dev.nas.spaces.nb201.Nb201Space;
import dev.nas.spaces.nb201.Nb201Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Multi-objective search on NB201 (accuracy vs parameters), checked against the true front of the whole table. */
class ParetoSearchTest {

  private static final double[] REFERENCE = {0, -1.6e6};

  @TempDir
  Path tmp;

  /** (valid_acc_12, -params) of every NB201 cell on CIFAR-10: larger is better in both. */
  private static List<double[]> table() {
    Nb201Table table = Nb201Table.load(DataRoot.resolve(DataConfig.defaults()));
    Nb201Space space = Nb201Space.instance();
    List<double[]> points = new ArrayList<>();
    for (int i = 0; i < Nb201Space.SIZE; i++) {
      Nb201Record r = table.record(i, Nb201Dataset.CIFAR10);
      points.add(new double[] {r.validAcc12(), -Math.round(r.paramsM() * 1e6)});
    }
    // The table's params_M is the IR's count (nb201/README.md); check a few so the front is in the search's units.
    for (int i : new int[] {0, 1, 6111, 15624}) {
      assertEquals(-points.get(i)[1], space.network(space.byIndex(i)).params(), 0.0, "index " + i);
    }
    return points;
  }

  private static List<double[]> front(JsonNode points) {
    List<double[]> out = new ArrayList<>();
    for (JsonNode p : points) {
      JsonNode o = p.has("point") ? p.get("point").get("objectives") : p.get("objectives");
      out.add(new double[] {o.get("valid_acc_12").asDouble(), -o.get("params").asDouble()});
    }
    return out;
  }

  @Test
  void nsga2FindsALargerHypervolumeThanRandomSearchAndNeverExceedsTheTrueFront() throws IOException {
    List<double[]> all = table();
    List<double[]> trueFront = ParetoFront.nonDominated(all).stream().map(all::get).toList();
    double trueVolume = ParetoFront.hypervolume(trueFront, REFERENCE);
    // Computed independently from nb201_table.csv: 17 points, hypervolume 127,503,475.368.
    assertEquals(17, trueFront.size());
    assertEquals(127_503_475.368, trueVolume, 1e-3);

    JsonNode nsga2 = Cli.search("nb201-pareto.yaml", tmp.resolve("nsga2"));
    JsonNode random = Cli.search("nb201-pareto-random.yaml", tmp.resolve("random"));
    for (JsonNode summary : List.of(nsga2, random)) {
      for (JsonNode run : summary.get("runs")) {
        List<double[]> found = front(run.get("pareto_front"));
        assertEquals(found.size(), ParetoFront.nonDominated(found).size(), "a run's front is non-dominated");
        double v = run.get("hypervolume").asDouble();
        assertEquals(ParetoFront.hypervolume(found, REFERENCE), v, 1e-6 * v);
        assertTrue(v <= trueVolume + 1e-6, "hypervolume " + v + " above the true front's " + trueVolume);
        // Every member is a real table cell: no point lies beyond the true front.
        for (double[] p : found) {
          assertFalse(trueFront.stream().anyMatch(t -> ParetoFront.dominates(p, t)), "beyond the true front");
        }
      }
    }
    JsonNode a = nsga2.get("hypervolume");
    JsonNode b = random.get("hypervolume");
    double se = Math.sqrt((a.get("std").asDouble() * a.get("std").asDouble()
        + b.get("std").asDouble() * b.get("std").asDouble()) / 100);
    assertTrue(a.get("mean").asDouble() > b.get("mean").asDouble() + 3 * se, "nsga2 " + a + " vs random " + b);
    assertTrue(a.get("mean").asDouble() / trueVolume > 0.99, "nsga2 reaches " + a.get("mean").asDouble() / trueVolume);
    // The combined front of 100 runs is non-dominated too.
    List<double[]> combined = front(nsga2.get("pareto_front"));
    assertEquals(combined.size(), ParetoFront.nonDominated(combined).size());
  }

  @Test
  void constraintsPruneCandidatesBeforeTheyAreEvaluated() throws IOException {
    Path out = tmp.resolve("constrained");
    Cli.search("nb201-pareto.yaml", out, "--repeats", "1", "-q", "--set", "budget.trials=60",
        "--set", "constraints=[\"params <= 0.5M\"]");
    int pruned = 0;
    int succeeded = 0;
    for (String line : Files.readAllLines(out.resolve("journal.jsonl"))) {
      JsonNode t = Json.json().readTree(line);
      if (t.get("status").asText().equals("PRUNED")) {
        pruned++;
        assertTrue(t.get("error").asText().startsWith("constraint params <= 500000.0 broken: params = "), line);
      } else if (t.get("status").asText().equals("SUCCEEDED")) {
        succeeded++;
        assertTrue(t.get("metrics").get("values").get("params").asDouble() <= 5e5, line);
      }
    }
    assertEquals(60, pruned + succeeded);
    assertTrue(pruned > 5 && succeeded > 5, pruned + " pruned, " + succeeded + " succeeded");
  }

  @Test
  void badObjectivesAndConstraintsAreRefusedBeforeAnyDirectoryExists() throws IOException {
    Path out = tmp.resolve("bad");
    String config = Cli.config("nb201-pareto.yaml").toString();
    Path typo = tmp.resolve("typo.yaml");
    Files.writeString(typo, Files.readString(Path.of(config)).replace("metric: params", "metric: parms"));
    Cli r = Cli.run("search", typo.toString(), "--out", out.toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("objectives[1].metric") && r.err().contains("flops, latency_ms, params, valid_acc_12"),
        r.err());
    r = Cli.run("search", config, "--out", out.toString(), "--set", "constraints=[\"params <== 1M\"]");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("'params <= 1M'"), r.err());
    r = Cli.run("search", config, "--out", out.toString(), "--set", "objectives=[]");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("nsga2 selects on several objectives"), r.err());
    assertFalse(Files.exists(out));
  }
}
