package dev.nas.spaces.enas;

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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The ENAS macro space. Genes, layer by layer: the layer's op (see {@link EnasOp}), then one skip
 * bit per earlier layer. Text notation: the reference code's {@code fixed_arc}, the same integers
 * separated by spaces (layer l contributes {@code op s_0 .. s_{l-1}}).
 *
 * <p>Canonical form: the genome itself. Every layer carries its own weights and every skip set
 * changes the sum, so no two genomes compute the same function family.
 */
public final class EnasSpace extends GenomeSearchSpace implements NetworkSpace {

  public static final String ID = "enas-macro";

  private final EnasMacro macro;

  public EnasSpace(EnasMacro macro) {
    super(ID, layerGenome(macro.layers()));
    this.macro = macro;
  }

  public EnasMacro macro() {
    return macro;
  }

  private static GenomeSpec layerGenome(int layers) {
    List<Gene> genes = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      genes.add(new Gene("layer" + l + ".op", EnasOp.labels()));
      for (int j = 0; j < l; j++) {
        genes.add(new Gene("layer" + l + ".skip" + j, List.of("off", "on")));
      }
    }
    return new GenomeSpec(genes);
  }

  /** A genome read layer by layer. */
  record Layers(int[] genes) {
    private static int start(int layer) {
      return layer + layer * (layer - 1) / 2;
    }

    EnasOp op(int layer) {
      return EnasOp.values()[genes[start(layer)]];
    }

    boolean skip(int layer, int from) {
      return genes[start(layer) + 1 + from] == 1;
    }
  }

  @Override
  protected String canonical(int[] genes) {
    return Arrays.stream(genes).mapToObj(Integer::toString).collect(Collectors.joining(" "));
  }

  @Override
  public String format(Architecture architecture) {
    return canonical(encode(architecture));
  }

  /** Parses a {@code fixed_arc} string; errors name the token and the layer it belongs to. */
  @Override
  public Architecture parse(String text) {
    String[] tokens = text == null || text.isBlank() ? new String[0] : text.trim().split("[\\s,]+");
    int expected = genome().length();
    if (tokens.length != expected) {
      throw new InvalidArchitectureException("ENAS macro arc " + InputEcho.quote(text) + " has " + tokens.length
          + " numbers; " + macro.layers() + " layers need " + expected + " (layer l: its op 0..5, then l skip bits)");
    }
    int[] genes = new int[expected];
    for (int i = 0; i < expected; i++) {
      Gene gene = genome().gene(i);
      // -1 for anything but plain digits: a sign, a fraction or a number past int range.
      genes[i] = NaturalNumber.parse(tokens[i]);
      if (genes[i] < 0 || genes[i] >= gene.cardinality()) {
        throw new InvalidArchitectureException("ENAS macro arc: number " + (i + 1) + " ("
            + InputEcho.quotePart(tokens[i]) + ") is " + gene.name() + "; accepted 0.." + (gene.cardinality() - 1)
            + " " + gene.values());
      }
    }
    return decode(genes);
  }

  @Override
  public Stream<Architecture> enumerate() {
    throw new UnsupportedOperationException("the enas-macro space has " + size() + " architectures; too many to enumerate");
  }

  @Override
  public Network network(Architecture architecture) {
    return EnasNetwork.build(new Layers(encode(architecture)), macro);
  }

  @Override
  public Map<String, Object> describe(Architecture architecture) {
    return NetworkSpace.super.describe(architecture);
  }
}
