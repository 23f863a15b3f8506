package dev.nas.spaces;

/**
 * Upper bounds on the sizes a space config may set. Without them {@code channels: 100000000}
 * overflowed the FLOP count into a negative number, {@code channels: 2000000000} overflowed an
 * int inside the network builder, and {@code layers: 100000} made {@code nas describe} write
 * 649 MB. Each bound is several times the largest published network of its kind, so no real
 * experiment meets it, and at all bounds together every space's parameter and FLOP counts stay
 * far below {@link Long#MAX_VALUE} (SizeLimitsTest builds those networks).
 */
public final class SizeLimits {

  /**
   * First-stage channels of the cell networks (nb201 {@code channels}, darts/cell {@code channels},
   * enas-macro {@code filters}); they double at each of two reductions, so the last stage has 4x.
   * DARTS evaluates at 36 (CIFAR) and 48 (ImageNet), ENAS's final model at 96: 1024 leaves 10x.
   */
  public static final int CELL_CHANNELS = 1024;

  /**
   * Channels of any chain layer (stem, stage, head). MobileNetV2's widest layer is its 1280-channel
   * head, EfficientNet-B7's 2560.
   */
  public static final int CHANNELS = 4096;

  /**
   * Cells of a DARTS network and layers of an ENAS network: DARTS evaluates 20 cells, ENAS's final
   * model has 24 layers. 100 keeps a describe listing under a megabyte and, for ENAS, the genome
   * (layers * (layers + 1) / 2 genes) at 5,050 genes.
   */
  public static final int LAYERS = 100;

  /** NB201 cells per stage (3 stages): the benchmark uses 5; 32 gives 96 cells, DARTS's 100. */
  public static final int CELLS_PER_STAGE = 32;

  /** Chain stages: MobileNetV2 has 7, OFA 5. */
  public static final int STAGES = 32;

  /** Blocks per chain stage: MobileNetV2 has at most 4, ResNet-152's deepest stage 36. */
  public static final int DEPTH = 64;

  /** Chain kernel sizes: OFA uses up to 7, RepLKNet's large-kernel depthwise convs 31. */
  public static final int KERNEL = 31;

  /** Chain expansion ratios: MobileNetV2 uses 6, some searches 8. */
  public static final int EXPANSION = 16;

  /** Classifier outputs: ImageNet-21k has 21,841 classes. */
  public static final int CLASSES = 100_000;

  /** Input height and width: ImageNet models use 224, EfficientNet-B7 600. */
  public static final int INPUT_SIZE = 1024;

  private SizeLimits() {}

  /** Refuses {@code value} of the config key {@code key} outside {@code [min, max]}, naming the range. */
  public static void check(String key, int value, int min, int max) {
    if (value < min || value > max) {
      throw dev.nas.core.config.ConfigException.badValue(key, value, "an integer from " + min + " to " + max);
    }
  }
}
