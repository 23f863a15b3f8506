package dev.nas.supernet.morph;

import dev.nas.core.arch.Architecture;

/**
 * One gene increase of a chain architecture: stage {@code stage}'s {@code gene} goes from value
 * {@code from} to the next larger choice {@code to}, giving {@code child}. {@code whyNot} is null
 * when {@link ChainMorphisms} can carry the parent's function over to the child, else the reason
 * it cannot.
 */
public record ChainStep(Architecture child, int stage, Gene gene, int from, int to, String whyNot) {

  /** What a stage chooses. */
  public enum Gene {
    KERNEL, EXPANSION, DEPTH;

    /** The gene's name suffix in the chain space's genome, e.g. {@code stage1.kernel}. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Whether the child can start with the parent's function (then {@code ChainMorphisms.apply} accepts it). */
  public boolean preserving() {
    return whyNot == null;
  }

  /** E.g. {@code stage1.kernel 3 -> 5}. */
  @Override
  public String toString() {
    return "stage" + stage + "." + gene.label() + " " + from + " -> " + to + (whyNot == null ? "" : " (not preserving)");
  }
}
