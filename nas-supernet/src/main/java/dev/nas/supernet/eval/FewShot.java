package dev.nas.supernet.eval;

import dev.nas.core.arch.GenomeSpec;
import dev.nas.core.config.ConfigException;
import java.util.stream.Collectors;

/**
 * {@code few_shot: {gene: "3<-0", steps: 300}}: after the one-shot warm-up, the supernet is split on
 * one decision of the space (Zhao et al. 2021, "Few-shot Neural Architecture Search"): one copy of
 * the warmed-up weights per value of {@code gene} (for an NB201 edge, one per op), each trained
 * {@code steps} more steps on uniformly sampled children that take that value, and each child is
 * scored on the copy of its own value. Splitting removes the co-adaptation between the ops of that
 * decision, which one set of shared weights cannot avoid.
 *
 * @param gene the decision to split on, by name (the space's genome: {@code nas describe} lists them)
 * @param steps training steps of each sub-supernet after the split (>= 1)
 */
public record FewShot(String gene, Integer steps) {

  public FewShot {
    if (gene == null || gene.isBlank()) {
      throw ConfigException.missing("few_shot.gene", "the name of one of the space's decisions");
    }
    if (steps == null || steps < 1) {
      throw ConfigException.badValue("few_shot.steps", steps, "an integer >= 1");
    }
  }

  /** The gene's index in {@code genome}; a {@link ConfigException} listing the names otherwise. */
  int index(GenomeSpec genome) {
    for (int i = 0; i < genome.length(); i++) {
      if (genome.gene(i).name().equals(gene)) {
        return i;
      }
    }
    String names = genome.genes().stream().map(g -> g.name()).limit(40).collect(Collectors.joining(", "));
    throw ConfigException.badValue("few_shot.gene", gene, "one of the space's decisions: " + names
        + (genome.length() > 40 ? ", ..." : ""));
  }
}
