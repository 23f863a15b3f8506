package dev.nas.spaces.enas;

import dev.nas.core.config.ConfigException;
import dev.nas.spaces.SizeLimits;

/**
 * The ENAS macro network's size: {@code layers} searched layers with {@code filters} channels
 * (doubled at each of the two reductions, after layers {@code layers/3 - 1} and
 * {@code 2*layers/3 - 1}), {@code classes} outputs, {@code inputSize} x {@code inputSize} input.
 * ENAS searched 12 layers of 36 filters on CIFAR-10. Sizes are bounded by {@link SizeLimits}.
 */
public record EnasMacro(int layers, int filters, int classes, int inputSize) {

  public static final EnasMacro SEARCH = new EnasMacro(12, 36, 10, 32);

  public EnasMacro {
    if (layers < 3 || layers > SizeLimits.LAYERS) {
      throw ConfigException.badValue("layers", layers, "an integer from 3 (reductions sit at layers/3 and"
          + " 2*layers/3) to " + SizeLimits.LAYERS);
    }
    if (filters < 2 || filters > SizeLimits.CELL_CHANNELS || filters % 2 != 0) {
      throw ConfigException.badValue("filters", filters, "an even integer from 2 to " + SizeLimits.CELL_CHANNELS
          + " (factorized reduction halves it)");
    }
    SizeLimits.check("classes", classes, 2, SizeLimits.CLASSES);
    if (inputSize < 4 || inputSize > SizeLimits.INPUT_SIZE || inputSize % 4 != 0) {
      throw ConfigException.badValue("input_size", inputSize, "a multiple of 4 from 4 (two stride-2 reductions) to "
          + SizeLimits.INPUT_SIZE);
    }
  }

  /** Layers after which every stored output is reduced (the reference code's pool_layers). */
  boolean reducesAfter(int layer) {
    int distance = layers / 3;
    return layer == distance - 1 || layer == 2 * distance - 1;
  }
}
