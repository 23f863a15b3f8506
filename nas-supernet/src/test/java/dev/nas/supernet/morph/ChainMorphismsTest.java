package dev.nas.supernet.morph;

import static dev.nas.supernet.morph.MorphFixtures.EXACT;
import static dev.nas.supernet.morph.MorphFixtures.input;
import static dev.nas.supernet.morph.MorphFixtures.logits;
import static dev.nas.supernet.morph.MorphFixtures.maxAbs;
import static dev.nas.supernet.morph.MorphFixtures.randomWeights;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.arch.Architecture;
import dev.nas.spaces.chain.ChainMacro;
import dev.nas.spaces.chain.ChainSpace;
import dev.nas.spaces.chain.ChainStage;
import dev.nas.spaces.network.Network;
import dev.nas.supernet.ParameterStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Every function-preserving one-gene step of a tiny chain space gives the child network exactly
 * as the space builds it, with weights under its node names, and the parent's logits (within
 * 1e-9 in double, in evaluation and in training mode).
 */
class ChainMorphismsTest {

  /** Stem 4; stages of 4 (stride 1) and 8 (stride 2) channels; kernels 3/5/7, expansions 2/4, depths 1/2/3. */
  private static final ChainSpace SPACE = new ChainSpace(new ChainMacro(4,
      List.of(new ChainStage(4, 1), new ChainStage(8, 2)), List.of(3, 5, 7), List.of(2, 4), List.of(1, 2, 3), 8, 10, 8));
  private static final ChainMorphisms MORPHISMS = new ChainMorphisms(SPACE);

  @Test
  void everyStepKeepsTheFunctionAndBuildsTheSpacesChild() {
    Map<String, Integer> expectedSteps = Map.of("k3e2d1-k3e2d1", 6, "k5e2d2-k3e4d2", 5, "k3e4d3-k7e2d1", 3,
        "k7e4d3-k7e4d3", 0);
    for (var parentSteps : expectedSteps.entrySet()) {
      Architecture parent = SPACE.parse(parentSteps.getKey());
      Network parentNet = SPACE.network(parent);
      Map<String, INDArray> weights = randomWeights(parentNet, 11);
      INDArray x = input(12, 3, 8);
      INDArray expected = logits(parentNet, weights, x);
      INDArray expectedTraining = logits(parentNet, weights, x, true);
      List<ChainStep> steps = MORPHISMS.steps(parent);
      assertEquals(parentSteps.getValue(), steps.size(), parent.canonical() + ": " + steps);
      for (ChainStep step : steps) {
        Morphed child = MORPHISMS.apply(parent, weights, step.child(), 13);
        Network childNet = SPACE.network(step.child());
        assertEquals(childNet, child.network(), step + ": the space's own network for the child");
        Map<String, INDArray> store = new HashMap<>();
        ParameterStore.initialise(childNet, store, 1, DataType.DOUBLE);
        assertEquals(store.keySet(), child.weights().keySet(), step + ": the child's store names");
        assertEquals(store.keySet(), MORPHISMS.weightNames(step.child()), step + ": weightNames lists them");
        double d = maxAbs(expected, logits(childNet, child.weights(), x));
        assertTrue(d < EXACT, parent.canonical() + " " + step + " changes the logits by " + d);
        // Copied units share their batch statistics, and zero taps and zero BN add nothing, so the
        // steps keep the function under batch statistics too: supernet training starts at the parent.
        double t = maxAbs(expectedTraining, logits(childNet, child.weights(), x, true));
        assertTrue(t < EXACT, parent.canonical() + " " + step + " changes the training-mode logits by " + t);
      }
    }
  }

  @Test
  void eachGeneChangesOnlyItsStage() {
    Architecture parent = SPACE.parse("k3e2d1-k3e2d1");
    Map<String, INDArray> weights = randomWeights(SPACE.network(parent), 3);
    Map<String, INDArray> kernel = MORPHISMS.apply(parent, weights, SPACE.parse("k3e2d1-k5e2d1"), 1).weights();
    // Unchanged nodes keep their names and values; the stage's blocks are renamed, the depthwise kernels padded.
    assertEquals(weights.get("stem.0.conv.W"), kernel.get("stem.0.conv.W"));
    assertEquals(weights.get("stage0.block0.k3e2.project.0.conv.W"), kernel.get("stage0.block0.k3e2.project.0.conv.W"));
    assertEquals(weights.get("stage1.block0.k3e2.project.0.conv.W"), kernel.get("stage1.block0.k5e2.project.0.conv.W"));
    assertEquals(List.of(5L, 5L, 8L, 1L), List.of(kernel.get("stage1.block0.k5e2.depthwise.0.conv_grouped.W").shape()[0],
        kernel.get("stage1.block0.k5e2.depthwise.0.conv_grouped.W").shape()[1],
        kernel.get("stage1.block0.k5e2.depthwise.0.conv_grouped.W").shape()[2],
        kernel.get("stage1.block0.k5e2.depthwise.0.conv_grouped.W").shape()[3]));
    Map<String, INDArray> expansion = MORPHISMS.apply(parent, weights, SPACE.parse("k3e4d1-k3e2d1"), 1).weights();
    assertEquals(16, expansion.get("stage0.block0.k3e4.expand.0.conv.W").size(3));
    Map<String, INDArray> depth = MORPHISMS.apply(parent, weights, SPACE.parse("k3e2d2-k3e2d1"), 1).weights();
    assertEquals(0.0, depth.get("stage0.block1.k3e2.project.1.bn.gamma").norm2Number().doubleValue());
    assertEquals(0.0, depth.get("stage0.block1.k3e2.project.1.bn.beta").norm2Number().doubleValue());
    assertTrue(depth.get("stage0.block1.k3e2.expand.0.conv.W").norm2Number().doubleValue() > 0,
        "the new block's other layers start as the store initialises them");
    // Depths 1 -> 3 would be two steps; choices 1/3 jump by two blocks in one.
    ChainSpace sparse = new ChainSpace(new ChainMacro(4, List.of(new ChainStage(4, 1), new ChainStage(8, 2)),
        List.of(3, 5), List.of(2, 4), List.of(3, 1), 8, 10, 8));
    Architecture shallow = sparse.parse("k3e2d1-k3e2d1");
    Network shallowNet = sparse.network(shallow);
    Map<String, INDArray> w = randomWeights(shallowNet, 4);
    Morphed deep = new ChainMorphisms(sparse).apply(shallow, w, sparse.parse("k3e2d3-k3e2d1"), 2);
    INDArray x = input(5, 3, 8);
    assertTrue(maxAbs(logits(shallowNet, w, x), logits(deep.network(), deep.weights(), x)) < EXACT);
  }

  @Test
  void raisingAnExpansionOfOneIsListedButRefused() {
    ChainSpace space = new ChainSpace(new ChainMacro(4, List.of(new ChainStage(4, 1), new ChainStage(8, 2)),
        List.of(3, 5), List.of(1, 3), List.of(1, 2), 8, 10, 8));
    ChainMorphisms morphisms = new ChainMorphisms(space);
    Architecture parent = space.parse("k3e1d1-k3e3d1");
    List<ChainStep> increases = morphisms.increases(parent);
    assertEquals(5, increases.size(), increases.toString());
    ChainStep expansion = increases.stream().filter(s -> s.gene() == ChainStep.Gene.EXPANSION).findFirst().orElseThrow();
    assertFalse(expansion.preserving());
    assertEquals("stage0.expansion 1 -> 3 (not preserving)", expansion.toString());
    assertEquals(4, morphisms.steps(parent).size());
    var e = assertThrows(IllegalArgumentException.class, () -> morphisms.apply(parent,
        randomWeights(space.network(parent), 1), space.parse("k3e3d1-k3e3d1"), 1));
    assertTrue(e.getMessage().contains("chain child k3e3d1-k3e3d1 (stage0.expansion 1 -> 3 (not preserving)) cannot"
        + " start with the parent's function: an expansion of 1 has no expand layer"), e.getMessage());
  }

  @Test
  void childrenThatAreNotOneStepAreRefused() {
    Architecture parent = SPACE.parse("k5e2d2-k3e4d2");
    Map<String, INDArray> weights = randomWeights(SPACE.network(parent), 1);
    for (String child : List.of("k7e4d2-k3e4d2", "k3e2d2-k3e4d2", "k5e2d2-k7e4d2", "k5e2d2-k3e4d2")) {
      var e = assertThrows(IllegalArgumentException.class,
          () -> MORPHISMS.apply(parent, weights, SPACE.parse(child), 1));
      assertTrue(e.getMessage().startsWith("chain child " + child + " is not one gene of k5e2d2-k3e4d2 raised to its"
          + " next larger choice; accepted children: [k7e2d2-k3e4d2 (stage0.kernel 5 -> 7)"), e.getMessage());
    }
    Map<String, INDArray> missing = new HashMap<>(weights);
    missing.remove("head.4.linear.b");
    var e = assertThrows(IllegalArgumentException.class,
        () -> MORPHISMS.apply(parent, missing, SPACE.parse("k5e2d3-k3e4d2"), 1));
    assertTrue(e.getMessage().contains("lack head.4.linear.b"), e.getMessage());
  }
}
