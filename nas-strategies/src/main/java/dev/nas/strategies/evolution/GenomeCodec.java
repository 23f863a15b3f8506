package dev.nas.strategies.evolution;

import dev.nas.core.arch.Architecture;
import dev.nas.core.arch.GenomeSpec;
import dev.nas.core.arch.SearchSpace;
import io.jenetics.Genotype;
import io.jenetics.IntegerChromosome;
import io.jenetics.IntegerGene;
import io.jenetics.engine.Codec;
import java.util.ArrayList;
import java.util.List;

/**
 * A space's genome as a Jenetics genotype: one single-gene {@link IntegerChromosome} per decision,
 * so that every decision keeps its own range.
 */
public final class GenomeCodec {

  private final SearchSpace space;
  private final Codec<Architecture, IntegerGene> codec;

  public GenomeCodec(SearchSpace space) {
    this.space = space;
    GenomeSpec genome = space.genome();
    List<IntegerChromosome> chromosomes = new ArrayList<>();
    for (int g = 0; g < genome.length(); g++) {
      chromosomes.add(IntegerChromosome.of(0, genome.gene(g).cardinality() - 1, 1));
    }
    this.codec = Codec.of(Genotype.of(chromosomes), gt -> space.decode(genes(gt)));
  }

  public Codec<Architecture, IntegerGene> codec() {
    return codec;
  }

  public Architecture decode(Genotype<IntegerGene> genotype) {
    return codec.decode(genotype);
  }

  public Genotype<IntegerGene> encode(Architecture architecture) {
    return encode(space.encode(architecture));
  }

  public Genotype<IntegerGene> encode(int[] genes) {
    GenomeSpec genome = space.genome();
    List<IntegerChromosome> chromosomes = new ArrayList<>();
    for (int g = 0; g < genes.length; g++) {
      chromosomes.add(IntegerChromosome.of(IntegerGene.of(genes[g], 0, genome.gene(g).cardinality() - 1)));
    }
    return Genotype.of(chromosomes);
  }

  public static int[] genes(Genotype<IntegerGene> genotype) {
    int[] genes = new int[genotype.length()];
    for (int c = 0; c < genes.length; c++) {
      genes[c] = genotype.get(c).get(0).allele();
    }
    return genes;
  }
}
