package dev.nas.supernet.morph;

import dev.nas.core.arch.Architecture;
import dev.nas.spaces.chain.ChainSpace;
import dev.nas.spaces.network.Add;
import dev.nas.spaces.network.Network;
import dev.nas.spaces.network.Node;
import dev.nas.supernet.ParameterStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Function-preserving one-gene steps in the {@link ChainSpace}: from a parent architecture and its
 * trained weights, the weights of a child with one stage gene raised to its next larger choice,
 * keyed by the child's node names exactly as {@code space.network(child)} names them, so they can
 * go into the shared store and be trained by the ordinary supernet code.
 * <ul>
 *   <li>kernel: every depthwise conv of the stage gets its kernel zero-padded ({@link WidenKernel});</li>
 *   <li>expansion: every block's expand conv is widened to the new hidden width, its depthwise conv
 *       along with it, and the projection divides ({@link Widen}, exact: no noise);</li>
 *   <li>depth: new last blocks of the stage, freshly initialised as the store would, except their
 *       projection BN's gamma and beta, which are 0: the block adds 0 to its residual input. Blocks
 *       after the stage's first have stride 1 and equal in and out channels, so they always have the
 *       residual.</li>
 * </ul>
 * Not preserving, hence excluded: raising an expansion of 1. Such a block has no expand layer; the
 * child's new 1x1 expand conv + BN + ReLU would read the block's input, the output of a projection
 * BN or of a residual sum, which can be negative, and no ReLU passes negative values on. Node names
 * carry the block's kernel and expansion, so kernel and expansion steps rename the stage's blocks.
 */
public final class ChainMorphisms {

  private final ChainSpace space;

  public ChainMorphisms(ChainSpace space) {
    this.space = space;
  }

  /** Every one-gene increase of {@code parent} to the next larger choice, preserving or not, in gene order. */
  public List<ChainStep> increases(Architecture parent) {
    int[] genes = space.encode(parent);
    List<ChainStep> steps = new ArrayList<>();
    for (int i = 0; i < genes.length; i++) {
      List<Integer> values = values(i);
      int from = values.get(genes[i]);
      int next = values.stream().filter(v -> v > from).min(Integer::compare).orElse(-1);
      if (next < 0) {
        continue;
      }
      int[] child = genes.clone();
      child[i] = values.indexOf(next);
      // Gene names are stage<s>.kernel, stage<s>.expansion, stage<s>.depth.
      String[] name = space.genome().gene(i).name().split("\\.");
      ChainStep.Gene gene = ChainStep.Gene.valueOf(name[1].toUpperCase(java.util.Locale.ROOT));
      int stage = Integer.parseInt(name[0].substring("stage".length()));
      String whyNot = gene == ChainStep.Gene.EXPANSION && from == 1
          ? "an expansion of 1 has no expand layer: the new expand conv + BN + ReLU would read the block's input,"
              + " which can be negative, and a ReLU does not pass negative values on"
          : null;
      steps.add(new ChainStep(space.decode(child), stage, gene, from, next, whyNot));
    }
    return List.copyOf(steps);
  }

  /** The increases of {@code parent} whose child can start with the parent's function: what {@link #apply} accepts. */
  public List<ChainStep> steps(Architecture parent) {
    return increases(parent).stream().filter(ChainStep::preserving).toList();
  }

  /**
   * Every store name of {@code architecture}'s arrays (weights, biases, BN scales, shifts and
   * running statistics), as {@link #apply} keys a child's and expects a parent's.
   */
  public Set<String> weightNames(Architecture architecture) {
    return Weights.names(space.network(architecture));
  }

  /**
   * The child's network and weights, computing the same function as {@code parent} with
   * {@code weights} (which may be a whole shared store; it is not modified). {@code seed} picks the
   * copied units of an expansion step and initialises the new blocks of a depth step. The result
   * holds the child's arrays only; merging them into a shared store (where a renamed or new node's
   * name may already hold another child's weights) is the caller's decision.
   */
  public Morphed apply(Architecture parent, Map<String, INDArray> weights, Architecture child, long seed) {
    List<ChainStep> increases = increases(parent);
    ChainStep step = increases.stream().filter(s -> s.child().sameChoices(child)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("chain child " + space.format(child) + " is not one gene of "
            + space.format(parent) + " raised to its next larger choice; accepted children: "
            + steps(parent).stream().map(s -> space.format(s.child()) + " (" + s + ")").toList()));
    if (!step.preserving()) {
      throw new IllegalArgumentException("chain child " + space.format(child) + " (" + step + ") cannot start with the"
          + " parent's function: " + step.whyNot());
    }
    Network parentNet = space.network(parent);
    Network childNet = space.network(child);
    String stage = "stage" + step.stage() + ".";
    return switch (step.gene()) {
      case KERNEL -> aligned(blocks(parentNet, stage, ".depthwise.0.conv_grouped", n -> new WidenKernel(n.name(),
          step.to())).apply(parentNet, weights), childNet);
      case EXPANSION -> {
        SplittableRandom rng = new SplittableRandom(seed);
        yield aligned(blocks(parentNet, stage, ".expand.0.conv", n -> new Widen(n.name(),
            parentNet.inputShapes(n).get(0).channels() * step.to(), rng.nextLong())).apply(parentNet, weights), childNet);
      }
      case DEPTH -> deeper(parentNet, Weights.of(parentNet, weights), childNet, stage, seed);
    };
  }

  /** One morphism per node of the stage whose name ends with {@code suffix}, applied in order. */
  private static Morphism blocks(Network net, String stage, String suffix,
      java.util.function.Function<Node, Morphism> each) {
    Morphism all = null;
    for (Node n : net.nodes()) {
      if (n.name().startsWith(stage) && n.name().endsWith(suffix)) {
        Morphism m = each.apply(n);
        all = all == null ? m : all.andThen(m);
      }
    }
    if (all == null) {
      throw new IllegalStateException("chain network has no node " + stage + "*" + suffix + ": its naming changed");
    }
    return all;
  }

  /**
   * The morphed network under the child's node names. The morphisms change ops but not names, and
   * the chain's names carry the kernel and expansion, so nodes are matched by position, after
   * checking that the two networks agree in every op, wiring and shape.
   */
  private static Morphed aligned(Morphed morphed, Network child) {
    Network got = morphed.network();
    if (got.nodes().size() != child.nodes().size() || got.output() != child.output()) {
      throw new IllegalStateException("morphed chain network has " + got.nodes().size() + " nodes, the child "
          + child.nodes().size());
    }
    Map<String, INDArray> w = new HashMap<>();
    for (int i = 0; i < got.nodes().size(); i++) {
      Node a = got.node(i);
      Node b = child.node(i);
      if (!a.op().equals(b.op()) || !a.inputs().equals(b.inputs()) || !a.shape().equals(b.shape())
          || a.auxiliary() != b.auxiliary()) {
        throw new IllegalStateException("morphed chain node " + a.name() + " " + a.op() + " " + a.shape()
            + " differs from the child's node " + b.name() + " " + b.op() + " " + b.shape());
      }
      for (String s : Weights.suffixes(got, a)) {
        w.put(b.name() + s, morphed.weights().get(a.name() + s));
      }
    }
    return new Morphed(child, w);
  }

  /**
   * The child with more blocks in the stage: the parent's nodes keep their names and weights; the
   * new blocks start as the store initialises them, but with a zero projection BN (gamma and beta
   * 0), so each adds 0 to its residual input.
   */
  private static Morphed deeper(Network parent, Map<String, INDArray> w, Network child, String stage, long seed) {
    Set<String> parentNames = new HashSet<>();
    parent.nodes().forEach(n -> parentNames.add(n.name()));
    Set<String> lost = new HashSet<>(parentNames);
    child.nodes().forEach(n -> lost.remove(n.name()));
    if (!lost.isEmpty()) {
      throw new IllegalStateException("deeper chain child lacks parent nodes " + lost + ": the chain's naming changed");
    }
    return Weights.detached(() -> {
      ParameterStore.initialise(child, w, seed, Weights.dataType(w));
      for (Node n : child.nodes()) {
        if (parentNames.contains(n.name()) || !n.name().endsWith(".project.1.bn")) {
          continue;
        }
        List<Node> readers = NetworkEdit.consumers(child, n);
        if (!n.name().startsWith(stage) || readers.size() != 1 || !(readers.get(0).op() instanceof Add)) {
          throw new IllegalStateException("new chain block " + n.name() + " has no residual sum after it");
        }
        w.get(n.name() + Weights.GAMMA).assign(0);
        w.get(n.name() + Weights.BETA).assign(0);
      }
      return new Morphed(child, Weights.of(child, w));
    });
  }

  private List<Integer> values(int gene) {
    return space.genome().gene(gene).values().stream().map(Integer::valueOf).toList();
  }
}
