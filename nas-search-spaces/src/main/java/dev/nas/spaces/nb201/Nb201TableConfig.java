package dev.nas.spaces.nb201;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.config.ConfigException;
import dev.nas.core.config.EvaluatorConfig;
import dev.nas.core.data.DataRoot;
import dev.nas.core.eval.Evaluator;

/**
 * {@code evaluator: {type: nb201-table, dataset: cifar10}}: lookup in the NB201 table.
 *
 * @param dataset cifar10 (default), cifar100 or imagenet16-120
 * @param fidelity training epochs whose figures a lookup returns: 12 (default, the NATS-Bench
 *     protocol: signal valid_acc_12) or 200 (signal test_acc_200, see {@link Nb201TableEvaluator});
 *     Hyperband and successive halving choose per trial
 */
@JsonTypeName("nb201-table")
public record Nb201TableConfig(String dataset, Integer fidelity) implements EvaluatorConfig {

  public Nb201TableConfig {
    if (dataset == null) {
      dataset = Nb201Dataset.CIFAR10.id();
    }
    if (fidelity == null) {
      fidelity = Nb201TableEvaluator.LOW;
    }
    if (!Nb201TableEvaluator.FIDELITIES.contains(fidelity)) {
      throw ConfigException.badValue("fidelity", fidelity, Nb201TableEvaluator.LOW + " or " + Nb201TableEvaluator.HIGH
          + " (training epochs of the table's columns)");
    }
    if (Nb201Dataset.byId(dataset) == null) {
      throw ConfigException.badValue("dataset", dataset, String.join(", ", Nb201Dataset.ids()));
    }
  }

  @Override
  public Evaluator create(SearchSpace space, DataRoot data) {
    if (!(space instanceof Nb201Space)) {
      throw ConfigException.badValue("type", "nb201-table",
          "an evaluator for space '" + space.id() + "'; nb201-table evaluates only space.type nb201");
    }
    Nb201Macro macro = ((Nb201Space) space).macro();
    if (macro.channels() != Nb201Macro.CIFAR10.channels() || macro.cells() != Nb201Macro.CIFAR10.cells()) {
      throw ConfigException.badValue("type", "nb201-table", "an evaluator for the benchmark's own network"
          + " (space.channels 16, space.cells 5); the table has no figures for channels "
          + macro.channels() + ", cells " + macro.cells());
    }
    return new Nb201TableEvaluator(Nb201Table.load(data), Nb201Dataset.byId(dataset), fidelity);
  }
}
