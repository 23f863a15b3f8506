package dev.nas.spaces.nb201;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.InputException;
import dev.nas.core.arch.Architecture;
import dev.nas.core.config.ConfigException;
import dev.nas.core.config.DataConfig;
import dev.nas.core.data.DataRoot;
import dev.nas.core.eval.Metrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Nb201TableTest {

  private final Nb201Space space = Nb201Space.instance();

  @Test
  void evaluatorReportsTheBenchmarkFiguresOfTheReadme() {
    var evaluator = new Nb201TableConfig("cifar10", null).create(space, SharedData.root());
    Metrics m = evaluator.evaluate(space.byIndex(6111), 0L);
    // nb201/README.md: cifar10 max test_acc_200 = 94.373333 at index 6111.
    assertEquals(94.373333, m.value("test_acc_200"), 1e-9);
    assertEquals(m.signal(), m.value("valid_acc_12"));
    assertEquals("valid_acc_12", evaluator.signalMetric());
    assertEquals("test_acc_200", evaluator.reportedMetric());
    // README: index 0 costs 15.64737 MFLOPs and 0.129306 M params on cifar10.
    Metrics first = evaluator.evaluate(space.byIndex(0), 0L);
    assertEquals(15.64737, first.value("flops_M"), 1e-9);
    assertEquals(0.129306, first.value("params_M"), 1e-9);
  }

  @Test
  void fidelitiesAreTheTwelveAndTwoHundredEpochColumnsWithTheirCostInEpochs() {
    var low = (Nb201TableEvaluator) new Nb201TableConfig("cifar10", null).create(space, SharedData.root());
    var high = (Nb201TableEvaluator) new Nb201TableConfig("cifar10", 200).create(space, SharedData.root());
    var arch = space.byIndex(1);
    // README row 1: valid_acc_12 82.834, test_acc_200 93.66.
    assertEquals(82.834, low.evaluate(arch, 0L).signal(), 1e-9);
    assertEquals(12.0, low.evaluate(arch, 0L).value("epochs"));
    assertEquals(93.66, high.evaluate(arch, 0L).signal(), 1e-9);
    assertEquals(200.0, high.evaluate(arch, 0L).value("epochs"));
    assertEquals("test_acc_200", high.signalMetric());
    assertEquals(high.evaluate(arch, 0L), low.evaluate(arch, 0L, 200));
    assertEquals("epochs", low.costMetric());
    assertEquals(java.util.List.of(12, 200), low.fidelities().grid());
    // A Hyperband rung of 200/9 or 200/3 epochs is evaluated at the largest column not above it.
    assertEquals(12, low.fidelities().atMost(200.0 / 9));
    assertEquals(12, low.fidelities().atMost(200.0 / 3));
    assertEquals(200, low.fidelities().atMost(200.0 / 3 * 3));
    assertThrows(IllegalArgumentException.class, () -> low.evaluate(arch, 0L, 50));
    var e = assertThrows(ConfigException.class, () -> new Nb201TableConfig("cifar10", 100));
    assertTrue(e.getMessage().contains("12 or 200"), e.getMessage());
  }

  @Test
  void tableMaximaMatchTheReadmeForEveryDataset() {
    Nb201Table table = Nb201Table.load(SharedData.root());
    assertEquals(6111, argmax(table, Nb201Dataset.CIFAR10));
    assertEquals(9930, argmax(table, Nb201Dataset.CIFAR100));
    assertEquals(857, argmax(table, Nb201Dataset.IMAGENET16_120));
  }

  private static int argmax(Nb201Table table, Nb201Dataset d) {
    int best = 0;
    for (int i = 1; i < Nb201Space.SIZE; i++) {
      if (table.record(i, d).testAcc200() > table.record(best, d).testAcc200()) {
        best = i;
      }
    }
    return best;
  }

  @Test
  void cellsWithOneCanonicalFormHaveCloseAccuracies() {
    // Functionally identical cells differ only by training noise; merging different functions
    // would mix accuracies tens of points apart. Compare the spread within classes to the table's.
    Nb201Table table = Nb201Table.load(SharedData.root());
    Map<String, List<Double>> byForm = new HashMap<>();
    List<Double> all = new ArrayList<>();
    space.enumerate().forEach(a -> {
      double acc = table.record(space.index(a), Nb201Dataset.CIFAR10).testAcc200();
      byForm.computeIfAbsent(a.canonical(), k -> new ArrayList<>()).add(acc);
      all.add(acc);
    });
    double within = byForm.values().stream().filter(v -> v.size() > 1)
        .mapToDouble(Nb201TableTest::meanAbsoluteDeviation).average().orElseThrow();
    double overall = meanAbsoluteDeviation(all);
    assertTrue(within < 0.5, "mean absolute deviation within canonical classes " + within);
    assertTrue(overall > 3.0, "mean absolute deviation over the table " + overall);
  }

  private static double meanAbsoluteDeviation(List<Double> v) {
    double mean = v.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    return v.stream().mapToDouble(x -> Math.abs(x - mean)).average().orElseThrow();
  }

  @Test
  void everyDatasetCanBeEvaluated() {
    Architecture a = space.byIndex(9930);
    for (String d : Nb201Dataset.ids()) {
      Metrics m = new Nb201TableConfig(d, null).create(space, SharedData.root()).evaluate(a, 1L);
      assertTrue(m.value("test_acc_200") > 40, d + ": " + m);
    }
  }

  @Test
  void unknownDatasetNamesTheAcceptedOnes() {
    var e = assertThrows(ConfigException.class, () -> new Nb201TableConfig("cifar11", null));
    assertEquals("dataset", e.key());
    assertTrue(e.getMessage().contains("cifar10, cifar100, imagenet16-120"), e.getMessage());
  }

  @Test
  void missingTableSaysWhereItLookedAndHowToPointAtIt(@TempDir Path empty) {
    DataRoot root = DataRoot.resolve(new DataConfig(empty.toString()));
    var e = assertThrows(InputException.class, () -> new Nb201TableConfig(null, null).create(space, root));
    assertTrue(e.getMessage().contains(empty.resolve("nb201/nb201_table.csv").toString()), e.getMessage());
    assertTrue(e.getMessage().contains("data.root") && e.getMessage().contains("NAS_DATA"), e.getMessage());
  }

  @Test
  void truncatedOrAlteredTablesAreRejected(@TempDir Path dir) throws IOException {
    List<String> lines = Files.readAllLines(SharedData.table());
    Path truncated = dir.resolve("truncated.csv");
    Files.write(truncated, lines.subList(0, 100));
    var e1 = assertThrows(InputException.class, () -> Nb201Table.load(truncated));
    assertTrue(e1.getMessage().contains("has 99 rows, expected 15625"), e1.getMessage());

    List<String> swapped = new ArrayList<>(lines);
    swapped.set(1, lines.get(2).replaceFirst("^1,", "0,"));
    Path altered = dir.resolve("altered.csv");
    Files.write(altered, swapped);
    var e2 = assertThrows(InputException.class, () -> Nb201Table.load(altered));
    assertTrue(e2.getMessage().contains("official index order"), e2.getMessage());

    Path noHeader = dir.resolve("header.csv");
    Files.write(noHeader, List.of("index,arch", "0,|none~0|+|none~0|none~1|+|none~0|none~1|none~2|"));
    var e3 = assertThrows(InputException.class, () -> Nb201Table.load(noHeader));
    assertTrue(e3.getMessage().contains("header lacks the columns"), e3.getMessage());
  }

  @Test
  void evaluatorRefusesOtherSpaces() {
    var other = new dev.nas.core.arch.GenomeSearchSpace("toy",
        new dev.nas.core.arch.GenomeSpec(List.of(new dev.nas.core.arch.Gene("g", List.of("a", "b"))))) {
      @Override
      protected String canonical(int[] genes) {
        return "" + genes[0];
      }

      @Override
      public Architecture parse(String text) {
        throw new UnsupportedOperationException();
      }

      @Override
      public String format(Architecture a) {
        return a.canonical();
      }
    };
    var e = assertThrows(ConfigException.class, () -> new Nb201TableConfig(null, null).create(other, SharedData.root()));
    assertTrue(e.getMessage().contains("nb201-table evaluates only space.type nb201"), e.getMessage());
  }
}
