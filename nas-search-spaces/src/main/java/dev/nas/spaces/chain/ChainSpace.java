package dev.nas.spaces.chain;

import dev.nas.core.arch.Architecture;
import dev.nas.core.arch.Gene;
import dev.nas.core.arch.GenomeSearchSpace;
import dev.nas.core.arch.GenomeSpec;
import dev.nas.core.arch.InvalidArchitectureException;
import dev.nas.spaces.InputEcho;
import dev.nas.spaces.NaturalNumber;
import dev.nas.spaces.network.Network;
import dev.nas.spaces.network.NetworkSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The chain space. Genes, per stage: {@code kernel}, {@code expansion}, {@code depth} (values
 * index the macro's choice lists). Text notation: one {@code k<kernel>e<expansion>d<depth>} per
 * stage, joined by '-', e.g. {@code k3e6d2-k5e3d4-...}. Canonical form: the notation; every
 * genome is a different network.
 */
public final class ChainSpace extends GenomeSearchSpace implements NetworkSpace {

  public static final String ID = "chain";

  /** One stage's notation; {@code \\d} is ASCII digits only (no UNICODE_CHARACTER_CLASS). */
  private static final Pattern STAGE = Pattern.compile("k(\\d+)e(\\d+)d(\\d+)");

  private final ChainMacro macro;

  public ChainSpace(ChainMacro macro) {
    super(ID, stageGenome(macro));
    this.macro = macro;
  }

  private static GenomeSpec stageGenome(ChainMacro m) {
    List<Gene> genes = new ArrayList<>();
    for (int s = 0; s < m.stages().size(); s++) {
      genes.add(new Gene("stage" + s + ".kernel", labels(m.kernels())));
      genes.add(new Gene("stage" + s + ".expansion", labels(m.expansions())));
      genes.add(new Gene("stage" + s + ".depth", labels(m.depths())));
    }
    return new GenomeSpec(genes);
  }

  private static List<String> labels(List<Integer> values) {
    return values.stream().map(String::valueOf).toList();
  }

  @Override
  protected String canonical(int[] genes) {
    return IntStream.range(0, genes.length / 3)
        .mapToObj(s -> "k" + macro.kernels().get(genes[3 * s]) + "e" + macro.expansions().get(genes[3 * s + 1])
            + "d" + macro.depths().get(genes[3 * s + 2]))
        .collect(Collectors.joining("-"));
  }

  @Override
  public String format(Architecture architecture) {
    return canonical(encode(architecture));
  }

  @Override
  public Architecture parse(String text) {
    // Limit -1 keeps empty stages, so a stray '-' at the end is refused rather than ignored.
    String[] stages = text == null || text.isBlank() ? new String[0] : text.trim().split("-", -1);
    if (stages.length != macro.stages().size()) {
      throw new InvalidArchitectureException("chain arch " + InputEcho.quote(text) + " has " + stages.length
          + " stage(s), the space " + macro.stages().size()
          + "; write one k<kernel>e<expansion>d<depth> per stage, joined by '-'");
    }
    int[] genes = new int[3 * stages.length];
    for (int s = 0; s < stages.length; s++) {
      var m = STAGE.matcher(stages[s]);
      if (!m.matches()) {
        throw new InvalidArchitectureException("chain arch stage " + s + " " + InputEcho.quote(stages[s])
            + " is not of the form k<kernel>e<expansion>d<depth>, e.g. k3e6d2");
      }
      genes[3 * s] = index(s, "kernel", macro.kernels(), m.group(1));
      genes[3 * s + 1] = index(s, "expansion", macro.expansions(), m.group(2));
      genes[3 * s + 2] = index(s, "depth", macro.depths(), m.group(3));
    }
    return decode(genes);
  }

  private static int index(int stage, String what, List<Integer> choices, String value) {
    // A number of 10+ digits (-1 here) is no choice either; Integer.parseInt would throw on it.
    int number = NaturalNumber.parse(value);
    int i = choices.indexOf(number);
    if (i < 0) {
      throw new InvalidArchitectureException("chain arch stage " + stage + " has " + what + " "
          + (number >= 0 ? value : InputEcho.quotePart(value)) + "; accepted " + choices);
    }
    return i;
  }

  @Override
  public Network network(Architecture architecture) {
    int[] genes = encode(architecture);
    int[][] choices = new int[genes.length / 3][];
    for (int s = 0; s < choices.length; s++) {
      choices[s] = new int[] {genes[3 * s], genes[3 * s + 1], genes[3 * s + 2]};
    }
    return ChainNetwork.build(choices, macro);
  }
}
