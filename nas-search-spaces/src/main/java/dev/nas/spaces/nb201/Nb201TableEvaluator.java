package dev.nas.spaces.nb201;

import dev.nas.core.arch.Architecture;
import dev.nas.core.eval.Fidelities;
import dev.nas.core.eval.MultiFidelityEvaluator;
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
 *
 * <p>Two fidelities, in training epochs: 12 and 200. Each evaluation records its simulated cost
 * as {@code epochs} (the table has no training times, so simulated time is counted in epochs).
 * At 200 epochs the signal is {@code test_acc_200}: the table has a 200-epoch validation accuracy
 * for 725 cells only. A search that evaluates at 200 epochs therefore selects on the reported
 * metric; schedulers compared on this table see the same signals, so comparisons between them are
 * fair, but their absolute figures are those of an oracle at full fidelity.
 */
public final class Nb201TableEvaluator implements MultiFidelityEvaluator {

  public static final String SIGNAL = "valid_acc_12";
  public static final String REPORTED = "test_acc_200";
  public static final String COST = "epochs";
  public static final int LOW = 12;
  public static final int HIGH = 200;
  public static final Fidelities FIDELITIES = Fidelities.grid(COST, List.of(LOW, HIGH));

  private final Nb201Table table;
  private final Nb201Dataset dataset;
  private final int fidelity;
  private final Nb201Space space = Nb201Space.instance();

  public Nb201TableEvaluator(Nb201Table table, Nb201Dataset dataset) {
    this(table, dataset, LOW);
  }

  /** Evaluates at {@code fidelity} (12 or 200 epochs) unless a scheduler asks for another. */
  public Nb201TableEvaluator(Nb201Table table, Nb201Dataset dataset, int fidelity) {
    if (!FIDELITIES.contains(fidelity)) {
      throw new IllegalArgumentException("NB201 table fidelity " + fidelity + " is not one of " + FIDELITIES);
    }
    this.table = table;
    this.dataset = dataset;
    this.fidelity = fidelity;
  }

  @Override
  public Metrics evaluate(Architecture architecture, long seed) {
    return evaluate(architecture, seed, fidelity);
  }

  @Override
  public Metrics evaluate(Architecture architecture, long seed, int epochs) {
    if (!FIDELITIES.contains(epochs)) {
      throw new IllegalArgumentException("NB201 table fidelity " + epochs + " is not one of " + FIDELITIES);
    }
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
    values.put(COST, (double) epochs);
    return new Metrics(epochs == LOW ? r.validAcc12() : r.testAcc200(), values);
  }

  @Override
  public Fidelities fidelities() {
    return FIDELITIES;
  }

  @Override
  public String signalMetric() {
    return signalMetric(fidelity);
  }

  @Override
  public String signalMetric(int epochs) {
    return epochs == LOW ? SIGNAL : REPORTED;
  }

  @Override
  public String costMetric() {
    return COST;
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
