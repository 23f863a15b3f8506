package dev.nas.spaces.chain;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.config.SpaceConfig;
import java.util.List;

/**
 * {@code space: {type: chain, ...}}: a MobileNet-like chain; every setting is optional and
 * defaults to {@link ChainMacro#DEFAULT}. A user space is this section with its own stages and
 * choice lists, e.g. {@code stages: [{channels: 16, stride: 1}, {channels: 32, stride: 2}]}.
 */
@JsonTypeName(ChainSpace.ID)
public record ChainSpaceConfig(Integer stem, List<ChainStage> stages, List<Integer> kernels, List<Integer> expansions,
    List<Integer> depths, Integer head, Integer classes, Integer inputSize) implements SpaceConfig {

  public ChainSpaceConfig {
    ChainMacro d = ChainMacro.DEFAULT;
    stem = stem == null ? d.stem() : stem;
    stages = stages == null ? d.stages() : stages;
    kernels = kernels == null ? d.kernels() : kernels;
    expansions = expansions == null ? d.expansions() : expansions;
    depths = depths == null ? d.depths() : depths;
    head = head == null ? d.head() : head;
    classes = classes == null ? d.classes() : classes;
    inputSize = inputSize == null ? d.inputSize() : inputSize;
    macro(stem, stages, kernels, expansions, depths, head, classes, inputSize);
  }

  private static ChainMacro macro(int stem, List<ChainStage> stages, List<Integer> kernels, List<Integer> expansions,
      List<Integer> depths, int head, int classes, int inputSize) {
    return new ChainMacro(stem, stages, kernels, expansions, depths, head, classes, inputSize);
  }

  @Override
  public SearchSpace create() {
    return new ChainSpace(macro(stem, stages, kernels, expansions, depths, head, classes, inputSize));
  }
}
