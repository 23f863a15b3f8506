package dev.nas.spaces.chain;

import dev.nas.core.config.ConfigException;
import dev.nas.spaces.SizeLimits;
import java.util.List;

/**
 * Everything about a chain space but the per-stage choices: the stem's channels, the stages, the
 * values each stage may choose from, the head's channels, classes and input size. The defaults
 * are a CIFAR-sized MobileNetV2-like schedule with the OFA/ProxylessNAS choices (kernel 3/5/7,
 * expansion 3/6, depth 2/3/4). Sizes are bounded by {@link SizeLimits}.
 */
public record ChainMacro(int stem, List<ChainStage> stages, List<Integer> kernels, List<Integer> expansions,
    List<Integer> depths, int head, int classes, int inputSize) {

  public static final ChainMacro DEFAULT = new ChainMacro(32,
      List.of(new ChainStage(24, 1), new ChainStage(40, 2), new ChainStage(80, 2), new ChainStage(96, 1),
          new ChainStage(192, 2)),
      List.of(3, 5, 7), List.of(3, 6), List.of(2, 3, 4), 1280, 10, 32);

  public ChainMacro {
    // YAML "stages: [~]" or "kernels: [3, ~]" gives null elements, on which List.copyOf would throw
    // a NullPointerException: refuse them as config errors first.
    noNulls("stages", stages, "a stage {channels: C, stride: 1|2}");
    noNulls("kernels", kernels, "an odd integer >= 1 and <= " + SizeLimits.KERNEL);
    noNulls("expansions", expansions, "an integer >= 1 and <= " + SizeLimits.EXPANSION);
    noNulls("depths", depths, "an integer >= 1 and <= " + SizeLimits.DEPTH);
    stages = List.copyOf(stages);
    kernels = List.copyOf(kernels);
    expansions = List.copyOf(expansions);
    depths = List.copyOf(depths);
    SizeLimits.check("stem", stem, 1, SizeLimits.CHANNELS);
    if (stages.isEmpty() || stages.size() > SizeLimits.STAGES) {
      // A list of thousands of stages is not echoed: its size says what is wrong.
      throw ConfigException.badValue("stages", stages.isEmpty() ? "[]" : stages.size() + " stages",
          "1 to " + SizeLimits.STAGES + " stages {channels: C, stride: 1|2}");
    }
    // "integers >= 1 and <= N": the lower bound's wording predates the upper one and scripts match it.
    choices("kernels", kernels, "odd integers >= 1 and <= " + SizeLimits.KERNEL,
        k -> k >= 1 && k <= SizeLimits.KERNEL && k % 2 == 1);
    choices("expansions", expansions, "integers >= 1 and <= " + SizeLimits.EXPANSION,
        e -> e >= 1 && e <= SizeLimits.EXPANSION);
    choices("depths", depths, "integers >= 1 and <= " + SizeLimits.DEPTH, d -> d >= 1 && d <= SizeLimits.DEPTH);
    SizeLimits.check("head", head, 1, SizeLimits.CHANNELS);
    SizeLimits.check("classes", classes, 2, SizeLimits.CLASSES);
    SizeLimits.check("input_size", inputSize, 1, SizeLimits.INPUT_SIZE);
  }

  /** A loop, not indexOf(null): List.of lists throw a NullPointerException when asked for null. */
  private static void noNulls(String key, List<?> values, String accepted) {
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) == null) {
        throw ConfigException.badValue(key + "[" + i + "]", null, accepted);
      }
    }
  }

  private static void choices(String key, List<Integer> values, String what, java.util.function.IntPredicate ok) {
    if (values.size() < 2) {
      throw ConfigException.badValue(key, values, "at least 2 distinct " + what + " (one value is not a choice)");
    }
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) == null || !ok.test(values.get(i))) {
        throw ConfigException.badValue(key + "[" + i + "]", values.get(i), what);
      }
      if (values.indexOf(values.get(i)) != i) {
        throw ConfigException.badValue(key + "[" + i + "]", values.get(i), "each value once; it is already listed");
      }
    }
  }
}
