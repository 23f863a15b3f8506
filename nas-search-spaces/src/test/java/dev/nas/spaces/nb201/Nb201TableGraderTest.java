package dev.nas.spaces.nb201;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.JsonNode;
import dev.nas.core.InputException;
import dev.nas.core.arch.Architecture;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.config.ComponentTypes;
import dev.nas.core.config.ConfigLoader;
import dev.nas.core.config.EvaluatorConfig;
import dev.nas.core.config.StrategyConfig;
import dev.nas.core.data.DataRoot;
import dev.nas.core.eval.Evaluator;
import dev.nas.core.eval.Metrics;
import dev.nas.core.experiment.Experiment;
import dev.nas.core.experiment.ExperimentSummary;
import dev.nas.core.experiment.Journal;
import dev.nas.core.experiment.RunListener;
import dev.nas.core.grade.RankCorrelation;
import dev.nas.core.json.Json;
import dev.nas.core.strategy.Strategy;
import dev.nas.core.toy.ToyComponents;
import dev.nas.core.trial.Trial;
import dev.nas.core.trial.TrialStatus;
import dev.nas.spaces.SearchSpaceTypes;
import dev.nas.spaces.network.NetworkSpace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NB201 searches graded by the table, through the whole experiment: a cheap proxy evaluator (the
 * network's parameter count, a known zero-cost baseline) searches, and every trial must carry the
 * table's figures for its cell, which its strategy never sees; result.json and summary.json grade
 * the runs. Other spaces, other datasets and {@code grading: false} are not graded.
 */
class Nb201TableGraderTest {

  @TempDir
  Path tmp;

  /** Every trial the strategies of the latest experiment were told. */
  private static final List<Trial> TOLD = new ArrayList<>();

  @BeforeEach
  void clear() {
    TOLD.clear();
  }

  /** Scores a cell by its network's parameters (millions), measured on {@code dataset} as far as grading knows. */
  @JsonTypeName("params-proxy")
  record ParamsProxy(String dataset) implements EvaluatorConfig {
    @Override
    public Evaluator create(SearchSpace space, DataRoot data) {
      NetworkSpace networks = (NetworkSpace) space;
      return new Evaluator() {
        @Override
        public Metrics evaluate(Architecture a, long seed) {
          double p = networks.network(a).params() / 1e6;
          return new Metrics(p, Map.of("params_M", p));
        }

        @Override
        public String signalMetric() {
          return "params_M";
        }

        @Override
        public String reportedMetric() {
          return "params_M";
        }
      };
    }
  }

  /** Core's toy hill climber (it works on any space), recording what it is told. */
  @JsonTypeName("spy")
  record Spy() implements StrategyConfig {
    @Override
    public Strategy create(SearchSpace space, long seed) {
      Strategy inner = new ToyComponents.Climber(2).create(space, seed);
      return new Strategy() {
        @Override
        public Architecture ask() {
          return inner.ask();
        }

        @Override
        public void tell(Trial finished) {
          TOLD.add(finished);
          inner.tell(finished);
        }

        @Override
        public JsonNode snapshot() {
          return inner.snapshot();
        }

        @Override
        public void restore(JsonNode snapshot) {
          inner.restore(snapshot);
        }
      };
    }
  }

  private static final ConfigLoader LOADER = ConfigLoader.of(List.of(new SearchSpaceTypes(), new ComponentTypes() {
    @Override
    public List<Class<?>> configTypes() {
      return List.of(ParamsProxy.class, Spy.class);
    }
  }));

  private Experiment prepare(String yaml, DataRoot data) throws IOException {
    return Experiment.prepare(LOADER.bind(Json.yaml().readTree(yaml)), LOADER, data);
  }

  private ExperimentSummary search(String yaml, Path dir) throws IOException {
    return prepare(yaml, SharedData.root()).start(dir, RunListener.NONE, () -> false).orElseThrow();
  }

  private static final String NB201 = "name: graded\nseed: 4\nrepeats: 2\nspace: {type: nb201}\n"
      + "evaluator: {type: params-proxy}\nstrategy: {type: spy}\nbudget: {trials: 40}\n";

  /** The table's figures of {@code dataset} by index, read from the CSV here rather than through {@link Nb201Table}. */
  private static Map<Integer, Map<String, Double>> csv(String dataset) throws IOException {
    List<String> lines = Files.readAllLines(SharedData.table());
    List<String> header = List.of(lines.get(0).split(",", -1));
    Map<Integer, Map<String, Double>> rows = new HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      Map<String, Double> row = new HashMap<>();
      for (String figure : List.of("test_acc_200", "valid_acc_200", "test_acc_12", "valid_acc_12")) {
        String cell = cells[header.indexOf(dataset + "_" + figure)];
        if (!cell.isEmpty()) {
          row.put(figure, Double.parseDouble(cell));
        }
      }
      rows.put(Integer.parseInt(cells[0]), row);
    }
    return rows;
  }

  private static List<Trial> finished(Path runDir) {
    return Journal.read(runDir).stream().map(Journal.Entry::trial).filter(t -> t.status().isFinished()).toList();
  }

  @Test
  void everyTrialCarriesTheTablesFiguresOfItsCellAndTheStrategyNone() throws IOException {
    Path dir = tmp.resolve("run");
    ExperimentSummary summary = search(NB201, dir);
    Map<Integer, Map<String, Double>> table = csv("cifar10");
    Nb201Space space = Nb201Space.instance();
    List<Trial> all = new ArrayList<>();
    for (long seed : new long[] {4, 5}) {
      List<Trial> trials = finished(dir.resolve("seed-" + seed));
      assertEquals(40, trials.size());
      for (Trial t : trials) {
        assertEquals(table.get(space.index(t.arch())), t.graded(), "seed " + seed + ", trial " + t.id());
        assertEquals(Set.of("params_M"), t.metrics().values().keySet(), "the table stays out of the metrics");
      }
      all.addAll(trials);
    }
    // The journal line itself.
    String line = Files.readAllLines(dir.resolve("seed-4").resolve(Journal.FILE)).get(1);
    Trial first = all.get(0);
    assertTrue(line.contains("\"graded\":{\"test_acc_12\":" + table.get(space.index(first.arch())).get("test_acc_12")),
        line);
    assertEquals(80, TOLD.size());
    for (int i = 0; i < TOLD.size(); i++) {
      assertNull(TOLD.get(i).graded(), "told trial " + i);
      assertFalse(TOLD.get(i).metrics().values().containsKey("test_acc_200"));
      assertEquals(all.get(i).ungraded(), TOLD.get(i));
    }
    assertNotNull(summary.grading());
  }

  @Test
  void resultAndSummaryGradeTheBestAndRankTheSignalAgainstTestAcc200() throws IOException {
    Path dir = tmp.resolve("run");
    search(NB201, dir);
    JsonNode summary = Json.json().readTree(dir.resolve("summary.json").toFile());
    List<Double> bests = new ArrayList<>();
    List<Double> taus = new ArrayList<>();
    List<Double> rhos = new ArrayList<>();
    for (int r = 0; r < 2; r++) {
      Path runDir = dir.resolve("seed-" + (4 + r));
      List<Trial> trials = finished(runDir);
      JsonNode result = Json.json().readTree(runDir.resolve("result.json").toFile());
      Trial best = trials.get(result.get("best").get("trial").asInt());
      // The first evaluation of each cell (by its arch string: canonical twins are other rows of the table).
      Set<String> seen = new java.util.HashSet<>();
      List<Trial> distinct = trials.stream()
          .filter(t -> t.status() == TrialStatus.SUCCEEDED && seen.add(t.notation())).toList();
      double[] signal = distinct.stream().mapToDouble(t -> t.metrics().signal()).toArray();
      double[] test200 = distinct.stream().mapToDouble(t -> t.graded().get("test_acc_200")).toArray();
      JsonNode grading = result.get("grading");
      assertEquals("nb201-table", grading.get("grader").asText());
      assertEquals("cifar10", grading.get("dataset").asText());
      assertEquals("test_acc_200", grading.get("metric").asText());
      assertEquals(best.graded().get("test_acc_200"), grading.get("best").asDouble());
      assertEquals(distinct.size(), grading.get("trials").asInt());
      assertEquals(RankCorrelation.kendallTauB(signal, test200), grading.get("kendall_tau").asDouble(), 1e-15);
      assertEquals(RankCorrelation.spearmanRho(signal, test200), grading.get("spearman_rho").asDouble(), 1e-15);
      // Bigger NB201 cells are better ones: the proxy ranks them (the table's own finding).
      assertTrue(grading.get("kendall_tau").asDouble() > 0.2, grading.toString());
      assertEquals(grading, summary.get("runs").get(r).get("grading"));
      bests.add(grading.get("best").asDouble());
      taus.add(grading.get("kendall_tau").asDouble());
      rhos.add(grading.get("spearman_rho").asDouble());
    }
    JsonNode grading = summary.get("grading");
    assertEquals("test_acc_200", grading.get("metric").asText());
    assertStatistic(bests, grading.get("best"));
    assertStatistic(taus, grading.get("kendall_tau"));
    assertStatistic(rhos, grading.get("spearman_rho"));
  }

  private static void assertStatistic(List<Double> values, JsonNode statistic) {
    double mean = (values.get(0) + values.get(1)) / 2;
    assertEquals(2, statistic.get("n").asInt());
    assertEquals(mean, statistic.get("mean").asDouble(), 1e-12, statistic.toString());
    assertEquals(Math.abs(values.get(0) - values.get(1)) / Math.sqrt(2), statistic.get("std").asDouble(), 1e-12);
  }

  @Test
  void theEvaluatorsDatasetPicksTheTablesColumns() throws IOException {
    Path dir = tmp.resolve("run");
    ExperimentSummary summary = search(NB201.replace("{type: params-proxy}", "{type: params-proxy, dataset: cifar100}")
        .replace("repeats: 2", "repeats: 1"), dir);
    assertEquals("cifar100", summary.grading().dataset());
    Map<Integer, Map<String, Double>> table = csv("cifar100");
    for (Trial t : finished(dir)) {
      assertEquals(table.get(Nb201Space.instance().index(t.arch())), t.graded());
    }
    // A network around the cell other than the benchmark's (a small supernet's) is graded by the cell.
    ExperimentSummary small = search(NB201.replace("{type: nb201}", "{type: nb201, channels: 4, cells: 1}"),
        tmp.resolve("small"));
    assertEquals("cifar10", small.grading().dataset());
  }

  @Test
  void nothingIsGradedOutsideNb201OrOnOtherImagesOrWhenTurnedOffOrWithoutTheTable() throws IOException {
    for (String[] c : new String[][] {
        {"chain", NB201.replace("{type: nb201}", "{type: chain}")},
        {"fashion", NB201.replace("{type: params-proxy}", "{type: params-proxy, dataset: fashion-mnist}")},
        {"off", NB201 + "grading: false\n"}}) {
      Path dir = tmp.resolve(c[0]);
      ExperimentSummary summary = search(c[1].replace("trials: 40", "trials: 5"), dir);
      assertNull(summary.grading(), c[0]);
      assertFalse(Files.readString(dir.resolve("summary.json")).contains("grading"), c[0]);
      for (String run : new String[] {"seed-4", "seed-5"}) {
        assertFalse(Files.readString(dir.resolve(run).resolve(Journal.FILE)).contains("graded"), c[0]);
        assertFalse(Files.readString(dir.resolve(run).resolve("result.json")).contains("grading"), c[0]);
      }
    }
    // A data root without the table: the search runs ungraded.
    Path empty = Files.createDirectories(tmp.resolve("empty-data"));
    Experiment bare = prepare(NB201, DataRoot.resolve(new dev.nas.core.config.DataConfig(empty.toString())));
    assertNull(bare.setup().grader());
    assertTrue(bare.resolvedConfig().grading(), "grading stays on: there was just nothing to grade by");
  }

  @Test
  void aDamagedTableIsRefusedNamingTheWayOut() throws IOException {
    Path data = tmp.resolve("data");
    Files.createDirectories(data.resolve("nb201"));
    Files.writeString(data.resolve(Nb201Table.RELATIVE_PATH), "index,arch\n0,x\n");
    DataRoot root = DataRoot.resolve(new dev.nas.core.config.DataConfig(data.toString()));
    var e = assertThrows(InputException.class, () -> prepare(NB201, root));
    assertTrue(e.getMessage().contains("nb201_table.csv") && e.getMessage().contains("set grading: false"),
        e.getMessage());
    assertNull(prepare(NB201 + "grading: false\n", root).setup().grader());
  }
}
