package dev.nas.core.arch;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A search space in which every genome within the gene ranges is a valid architecture. Subclasses
 * give the genome and the canonical form; sampling, one-gene mutation, validation and enumeration
 * follow from that.
 */
public abstract class GenomeSearchSpace implements SearchSpace {

  private final String id;
  private final GenomeSpec genome;

  protected GenomeSearchSpace(String id, GenomeSpec genome) {
    this.id = id;
    this.genome = genome;
  }

  /** The canonical form of a genome already checked to be in range. */
  protected abstract String canonical(int[] genes);

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final GenomeSpec genome() {
    return genome;
  }

  @Override
  public Architecture decode(int[] genes) {
    checkGenes(genes);
    Map<String, Integer> choices = new LinkedHashMap<>();
    for (int i = 0; i < genes.length; i++) {
      choices.put(genome.gene(i).name(), genes[i]);
    }
    return new Architecture(id, choices, canonical(genes));
  }

  @Override
  public Architecture sample(RandomGenerator rng) {
    int[] genes = new int[genome.length()];
    for (int i = 0; i < genes.length; i++) {
      genes[i] = rng.nextInt(genome.gene(i).cardinality());
    }
    return decode(genes);
  }

  /** One-gene mutation: a gene drawn uniformly takes a new value from {@link #mutateGene}. */
  @Override
  public final Architecture mutate(Architecture parent, RandomGenerator rng) {
    int[] genes = encode(parent);
    int position = rng.nextInt(genes.length);
    genes[position] = mutateGene(genes, position, rng);
    return decode(genes);
  }

  /**
   * The new value of the gene at {@code position}, always different from its current one. The
   * default draws uniformly among the gene's other values; a space whose genes are not plain
   * choices (a pair of inputs, say) overrides this for those genes.
   */
  protected int mutateGene(int[] genes, int position, RandomGenerator rng) {
    int cardinality = genome.gene(position).cardinality();
    int shift = 1 + rng.nextInt(cardinality - 1);
    return (genes[position] + shift) % cardinality;
  }

  @Override
  public void validate(Architecture architecture) {
    if (!architecture.space().equals(id)) {
      throw new InvalidArchitectureException(
          "architecture belongs to space '" + architecture.space() + "', expected '" + id + "'");
    }
    var expectedNames = genome.genes().stream().map(Gene::name).toList();
    var names = architecture.choices().keySet().stream().toList();
    if (!names.equals(expectedNames)) {
      throw new InvalidArchitectureException(
          "architecture of space '" + id + "' has choices " + names + ", expected " + expectedNames);
    }
    int[] genes = architecture.genes();
    checkGenes(genes);
    String expected = canonical(genes);
    if (!expected.equals(architecture.canonical())) {
      throw new InvalidArchitectureException(
          "architecture's canonical form '" + architecture.canonical() + "' does not match its"
              + " choices; space '" + id + "' computes '" + expected + "'");
    }
  }

  @Override
  public BigInteger size() {
    return genome.count();
  }

  /** Genomes in odometer order (last gene fastest); spaces with an official order override this. */
  @Override
  public Stream<Architecture> enumerate() {
    long total = size().longValueExact();
    return Stream.iterate(new int[genome.length()], g -> successor(g))
        .limit(total)
        .map(this::decode);
  }

  private int[] successor(int[] genes) {
    int[] next = genes.clone();
    for (int i = next.length - 1; i >= 0; i--) {
      if (++next[i] < genome.gene(i).cardinality()) {
        break;
      }
      next[i] = 0;
    }
    return next;
  }

  private void checkGenes(int[] genes) {
    if (genes.length != genome.length()) {
      throw new InvalidArchitectureException(
          "genome of space '" + id + "' has " + genes.length + " genes, expected " + genome.length());
    }
    for (int i = 0; i < genes.length; i++) {
      Gene gene = genome.gene(i);
      if (genes[i] < 0 || genes[i] >= gene.cardinality()) {
        throw new InvalidArchitectureException(
            "gene '" + gene.name() + "' of space '" + id + "' is " + genes[i] + ", accepted 0.."
                + (gene.cardinality() - 1) + " " + gene.values());
      }
    }
  }

  @Override
  public String toString() {
    return id + Arrays.toString(IntStream.range(0, genome.length())
        .map(i -> genome.gene(i).cardinality()).toArray());
  }
}
