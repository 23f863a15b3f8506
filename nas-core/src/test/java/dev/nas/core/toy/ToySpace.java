package dev.nas.core.toy;

import dev.nas.core.arch.Architecture;
import dev.nas.core.arch.Gene;
import dev.nas.core.arch.GenomeSearchSpace;
import dev.nas.core.arch.GenomeSpec;
import dev.nas.core.arch.InvalidArchitectureException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A 4-gene test space: genes a, b, c with 3 values, d with 2. Canonical form: the sorted genes
 * (so permutations of a, b, c are "the same network"), and d ignored when a is 0.
 */
public final class ToySpace extends GenomeSearchSpace {

  public ToySpace() {
    super("toy", new GenomeSpec(List.of(
        new Gene("a", List.of("0", "1", "2")), new Gene("b", List.of("0", "1", "2")),
        new Gene("c", List.of("0", "1", "2")), new Gene("d", List.of("off", "on")))));
  }

  @Override
  protected String canonical(int[] genes) {
    int[] abc = Arrays.copyOf(genes, 3);
    Arrays.sort(abc);
    return Arrays.toString(abc) + (genes[0] == 0 ? "" : "/d" + genes[3]);
  }

  @Override
  public Architecture parse(String text) {
    String[] parts = text.split("-");
    if (parts.length != 4) {
      throw new InvalidArchitectureException("toy arch '" + text + "' must be four genes joined by '-'");
    }
    try {
      return decode(Arrays.stream(parts).mapToInt(Integer::parseInt).toArray());
    } catch (NumberFormatException e) {
      throw new InvalidArchitectureException("toy arch '" + text + "' has a non-number gene");
    }
  }

  @Override
  public String format(Architecture a) {
    return Arrays.stream(encode(a)).mapToObj(Integer::toString).collect(Collectors.joining("-"));
  }
}
