package dev.nas.core.arch;

import java.math.BigInteger;
import java.util.List;

/** The fixed-length integer genome of a space: one {@link Gene} per decision, in a fixed order. */
public record GenomeSpec(List<Gene> genes) {

  public GenomeSpec {
    genes = List.copyOf(genes);
    if (genes.isEmpty()) {
      throw new IllegalArgumentException("a genome needs at least one gene");
    }
  }

  public int length() {
    return genes.size();
  }

  public Gene gene(int index) {
    return genes.get(index);
  }

  /** Number of distinct genomes: the product of the gene cardinalities. */
  public BigInteger count() {
    BigInteger n = BigInteger.ONE;
    for (Gene g : genes) {
      n = n.multiply(BigInteger.valueOf(g.cardinality()));
    }
    return n;
  }
}
