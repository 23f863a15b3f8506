package dev.nas.spaces.nb201;

import dev.nas.core.arch.Architecture;
import dev.nas.core.eval.Evaluator;
import dev.nas.core.eval.Metrics;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores a cell by looking it up in the NB201 table, following the NATS-Bench protocol: the
 * search sees the 12-epoch validation accuracy ({@code valid_acc_12}); the reported metric is the
 * 200-epoch test accuracy ({@code test_acc_200}). The table holds one (seed-averaged) value per
 * cell, so a lookup is deterministic and ignores the trial seed.
 */
public final class Nb201TableEvaluator implements Evaluator {

  public static final String SIGNAL = "valid_acc_12";
  public static final String REPORTED = "test_acc_200";

  private final Nb201Table table;
  private final Nb201Dataset dataset;
  private final Nb201Space space = Nb201Space.instance();

  public Nb201TableEvaluator(Nb201Table table, Nb201Dataset dataset) {
    this.table = table;
    this.dataset = dataset;
  }

  @Override
  public Metrics evaluate(Architecture architecture, long seed) {
    Nb201Record r = table.record(space.index(architecture), dataset);
    Map<String, Double> values = new LinkedHashMap<>();
    values.put(SIGNAL, r.validAcc12());
    values.put("test_acc_12", r.testAcc12());
    values.put(REPORTED, r.testAcc200());
    if (!Double.isNaN(r.validAcc200())) {
      values.put("valid_acc_200", r.validAcc200());
    }
    values.put("params_M", r.paramsM());
    values.put("flops_M", r.flopsM());
    return new Metrics(r.validAcc12(), values);
  }

  @Override
  public String signalMetric() {
    return SIGNAL;
  }

  @Override
  public String reportedMetric() {
    return REPORTED;
  }

  @Override
  public List<Path> dataFiles() {
    return List.of(table.file());
  }

  public Nb201Dataset dataset() {
    return dataset;
  }
}
