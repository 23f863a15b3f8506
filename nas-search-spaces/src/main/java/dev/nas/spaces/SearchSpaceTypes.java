package dev.nas.spaces;

import dev.nas.core.config.ComponentTypes;
import dev.nas.spaces.chain.ChainSpaceConfig;
import dev.nas.spaces.darts.CellSpaceConfig;
import dev.nas.spaces.darts.DartsSpaceConfig;
import dev.nas.spaces.enas.EnasSpaceConfig;
import dev.nas.spaces.nb201.Nb201SpaceConfig;
import dev.nas.spaces.nb201.Nb201TableConfig;
import java.util.List;

/** Registers this module's space and evaluator config types, its measures and its grader. */
public final class SearchSpaceTypes implements ComponentTypes {

  @Override
  public List<Class<?>> configTypes() {
    return List.of(Nb201SpaceConfig.class, Nb201TableConfig.class, DartsSpaceConfig.class,
        EnasSpaceConfig.class, ChainSpaceConfig.class, CellSpaceConfig.class);
  }

  /** {@code params} and {@code flops} (multiply-adds per image) of the network description. */
  @Override
  public java.util.Map<String, dev.nas.core.objective.ArchitectureMeasure> measures(dev.nas.core.arch.SearchSpace space) {
    if (!(space instanceof dev.nas.spaces.network.NetworkSpace networks)) {
      return java.util.Map.of();
    }
    return java.util.Map.of(
        "params", new dev.nas.spaces.network.NetworkMeasure("params", networks, n -> n.params()),
        "flops", new dev.nas.spaces.network.NetworkMeasure("flops", networks, n -> n.flops()));
  }

  /** NB201 searches are graded by the NAS-Bench-201 table when it is under the data root. */
  @Override
  public java.util.Optional<dev.nas.core.grade.Grader> grader(dev.nas.core.arch.SearchSpace space, String dataset,
      dev.nas.core.data.DataRoot data) {
    return dev.nas.spaces.nb201.Nb201TableGrader.forSearch(space, dataset, data);
  }
}
