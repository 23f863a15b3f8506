package dev.nas.supernet.morph;

import dev.nas.spaces.network.Network;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A change of a network's architecture that carries its trained weights over so that the new
 * network computes the same function (Net2Net, Chen et al. 2016; network morphism, Wei et al.
 * 2016): the child starts where the parent is instead of from scratch.
 *
 * <p>"The same function" means: in evaluation mode (batch norm with running statistics), for any
 * input, equal outputs up to floating-point rounding ({@code MorphismTest} checks 1e-9 in double).
 * A morphism with symmetry-breaking noise trades that exactness for faster divergence of copies.
 */
public interface Morphism {

  /**
   * The morphed network and its weights. {@code weights} must hold every array of {@code net}
   * named as {@link dev.nas.supernet.ParameterStore} names them (it may hold more, e.g. a shared
   * store; those are ignored); it is not modified. The result holds exactly the new network's
   * arrays, all fresh copies. Throws {@link IllegalArgumentException} naming the node when the
   * morphism does not apply.
   */
  Morphed apply(Network net, Map<String, INDArray> weights);

  /** This morphism, then {@code next} on its result. */
  default Morphism andThen(Morphism next) {
    return new Then(this, next);
  }

  /** Two morphisms one after the other (a record, so it prints as what it does). */
  record Then(Morphism first, Morphism next) implements Morphism {

    @Override
    public Morphed apply(Network net, Map<String, INDArray> weights) {
      Morphed m = first.apply(net, weights);
      return next.apply(m.network(), m.weights());
    }
  }
}
