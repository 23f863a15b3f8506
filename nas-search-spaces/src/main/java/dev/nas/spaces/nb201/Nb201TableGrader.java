package dev.nas.spaces.nb201;

import dev.nas.core.InputException;
import dev.nas.core.arch.Architecture;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.data.DataRoot;
import dev.nas.core.grade.Grader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Grades NB201 cells by the NAS-Bench-201 table, as NASLib and NATS-Bench grade one-shot methods:
 * whatever the search's signal (supernet scores, stand-alone training on the CIFAR-10 sample, the
 * table's 12-epoch figure), every trial records the table's figures for its cell on the run's
 * dataset, and the run is graded by {@code test_acc_200}.
 *
 * <p>The grades are the cell's figures in the benchmark's own network (C=16, N=5), whatever network
 * the space builds around the cell for the search: a one-shot search on a small supernet finds a
 * cell, and the cell is what the benchmark grades.
 */
public final class Nb201TableGrader implements Grader {

  public static final String NAME = "nb201-table";

  private final Nb201Table table;
  private final Nb201Dataset dataset;
  private final Nb201Space space = Nb201Space.instance();

  public Nb201TableGrader(Nb201Table table, Nb201Dataset dataset) {
    this.table = table;
    this.dataset = dataset;
  }

  /**
   * The grader of a search of {@code space} whose evaluator measures on {@code datasetId}, when it
   * can grade one: the space is NB201, the dataset is one of the table's (an evaluator that does not
   * name one is taken to be on CIFAR-10, the benchmark's default and the space's), and the table is
   * under the data root. A search on other images (Fashion-MNIST) has no figures in the table and
   * is not graded. A table that is there but damaged is refused, as the table evaluator refuses it.
   */
  public static Optional<Grader> forSearch(SearchSpace space, String datasetId, DataRoot data) {
    Nb201Dataset dataset = datasetId == null ? Nb201Dataset.CIFAR10 : Nb201Dataset.byId(datasetId);
    if (!(space instanceof Nb201Space) || dataset == null || data == null
        || !Files.isRegularFile(data.path().resolve(Nb201Table.RELATIVE_PATH))) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Nb201TableGrader(Nb201Table.load(data), dataset));
    } catch (InputException e) {
      throw new InputException(e.getMessage() + " (The table grades every trial of an nb201 search; to run"
          + " without it, set grading: false.)", e);
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String dataset() {
    return dataset.id();
  }

  @Override
  public String metric() {
    return Nb201TableEvaluator.REPORTED;
  }

  /**
   * The cell's accuracies: 200- and 12-epoch test and validation (the 200-epoch validation only
   * where the table has it, as the table evaluator reports it).
   */
  @Override
  public Map<String, Double> grade(Architecture architecture) {
    Nb201Record r = table.record(space.index(architecture), dataset);
    Map<String, Double> grades = new LinkedHashMap<>();
    grades.put(Nb201TableEvaluator.REPORTED, r.testAcc200());
    if (!Double.isNaN(r.validAcc200())) {
      grades.put("valid_acc_200", r.validAcc200());
    }
    grades.put("test_acc_12", r.testAcc12());
    grades.put(Nb201TableEvaluator.SIGNAL, r.validAcc12());
    return grades;
  }

  @Override
  public List<Path> dataFiles() {
    return List.of(table.file());
  }
}
