package dev.nas.spaces.enas;

import dev.nas.core.config.ConfigException;

/**
 * The ENAS macro network's size: {@code layers} searched layers with {@code filters} channels
 * (doubled at each of the two reductions, after layers {@code layers/3 - 1} and
 * {@code 2*layers/3 - 1}), {@code classes} outputs, {@code inputSize} x {@code inputSize} input.
 * ENAS searched 12 layers of 36 filters on CIFAR-10.
 */
public record EnasMacro(int layers, int filters, int classes, int inputSize) {

  public static final EnasMacro SEARCH = new EnasMacro(12, 36, 10, 32);

  public EnasMacro {
    if (layers < 3) {
      throw ConfigException.badValue("layers", layers, "an integer >= 3 (reductions sit at layers/3 and 2*layers/3)");
    }
    if (filters < 2 || filters % 2 != 0) {
      throw ConfigException.badValue("filters", filters, "an even integer >= 2 (factorized reduction halves it)");
    }
    if (classes < 2) {
      throw ConfigException.badValue("classes", classes, "an integer >= 2");
    }
    if (inputSize < 4 || inputSize % 4 != 0) {
      throw ConfigException.badValue("input_size", inputSize, "a multiple of 4, at least 4 (two stride-2 reductions)");
    }
  }

  /** Layers after which every stored output is reduced (the reference code's pool_layers). */
  boolean reducesAfter(int layer) {
    int distance = layers / 3;
    return layer == distance - 1 || layer == 2 * distance - 1;
  }
}
