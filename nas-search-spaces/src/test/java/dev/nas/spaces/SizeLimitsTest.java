package dev.nas.spaces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.arch.Architecture;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.config.ConfigException;
import dev.nas.spaces.chain.ChainSpaceConfig;
import dev.nas.spaces.chain.ChainStage;
import dev.nas.spaces.darts.CellSpaceConfig;
import dev.nas.spaces.darts.DartsOp;
import dev.nas.spaces.darts.DartsSpaceConfig;
import dev.nas.spaces.enas.EnasSpaceConfig;
import dev.nas.spaces.nb201.Nb201SpaceConfig;
import dev.nas.spaces.network.Network;
import dev.nas.spaces.network.NetworkSpace;
import dev.nas.spaces.network.RelaxableSpace;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every size a space config sets has an upper bound, refused with the key and the accepted range;
 * at all bounds together every space still counts positive parameters and FLOPs. (Measured:
 * the largest is the chain's 1.29e18 FLOPs, 7x below Long.MAX_VALUE; the 10-node cell
 * supernet has 1.6e17.)
 */
class SizeLimitsTest {

  private static Arguments refused(String what, Supplier<Object> config, String message) {
    return Arguments.of(what, config, message);
  }

  static Stream<Arguments> oversizedSettings() {
    List<ChainStage> tooMany = Collections.nCopies(SizeLimits.STAGES + 1, new ChainStage(16, 1));
    return Stream.of(
        refused("nb201 channels", () -> new Nb201SpaceConfig(1025, null, null, null),
            "channels: '1025' is not accepted; accepted: an integer from 1 to 1024"),
        refused("nb201 cells", () -> new Nb201SpaceConfig(null, 33, null, null),
            "cells: '33' is not accepted; accepted: an integer from 1 to 32"),
        refused("nb201 classes", () -> new Nb201SpaceConfig(null, null, 100_001, null),
            "classes: '100001' is not accepted; accepted: an integer from 2 to 100000"),
        refused("nb201 input_size", () -> new Nb201SpaceConfig(null, null, null, 1025),
            "input_size: '1025' is not accepted; accepted: an integer from 4 (two stride-2 reductions) to 1024"),
        refused("darts channels (D15)", () -> new DartsSpaceConfig(100_000_000, null, null, null, null, null),
            "channels: '100000000' is not accepted; accepted: an even integer from 2 to 1024"
                + " (factorized reduce halves it)"),
        refused("darts channels (D15, int overflow)", () -> new DartsSpaceConfig(2_000_000_000, null, null, null, null, null),
            "channels: '2000000000' is not accepted; accepted: an even integer from 2 to 1024"
                + " (factorized reduce halves it)"),
        refused("darts layers (D21)", () -> new DartsSpaceConfig(null, 100_000, null, null, null, null),
            "layers: '100000' is not accepted; accepted: an integer from 3 (two of them are reduction cells) to 100"),
        refused("darts classes", () -> new DartsSpaceConfig(null, null, 100_001, null, null, null),
            "classes: '100001' is not accepted; accepted: an integer from 2 to 100000"),
        refused("darts input_size", () -> new DartsSpaceConfig(null, null, null, 1028, null, null),
            "input_size: '1028' is not accepted; accepted: a multiple of 4 from 8 (two stride-2 reductions) to 1024"),
        refused("cell channels", () -> cell(10, 1026, null, null, null),
            "channels: '1026' is not accepted; accepted: an even integer from 2 to 1024"
                + " (factorized reduce halves it)"),
        refused("cell layers", () -> cell(10, null, 101, null, null),
            "layers: '101' is not accepted; accepted: an integer from 3 (two of them are reduction cells) to 100"),
        refused("cell nodes", () -> cell(11, null, null, null, null),
            "nodes: '11' is not accepted; accepted: an integer from 1 to 10"),
        refused("enas layers", () -> new EnasSpaceConfig(101, null, null, null),
            "layers: '101' is not accepted; accepted: an integer from 3 (reductions sit at layers/3 and 2*layers/3)"
                + " to 100"),
        refused("enas filters", () -> new EnasSpaceConfig(null, 1026, null, null),
            "filters: '1026' is not accepted; accepted: an even integer from 2 to 1024"
                + " (factorized reduction halves it)"),
        refused("enas classes", () -> new EnasSpaceConfig(null, null, 100_001, null),
            "classes: '100001' is not accepted; accepted: an integer from 2 to 100000"),
        refused("enas input_size", () -> new EnasSpaceConfig(null, null, null, 1028),
            "input_size: '1028' is not accepted; accepted: a multiple of 4 from 4 (two stride-2 reductions) to 1024"),
        refused("chain stem", () -> chain(4097, null, null, null, null, null, null, null),
            "stem: '4097' is not accepted; accepted: an integer from 1 to 4096"),
        refused("chain stage channels", () -> new ChainStage(4097, 1),
            "channels: '4097' is not accepted; accepted: an integer from 1 to 4096"),
        refused("chain stages", () -> chain(null, tooMany, null, null, null, null, null, null),
            "stages: '33 stages' is not accepted; accepted: 1 to 32 stages {channels: C, stride: 1|2}"),
        refused("chain kernels", () -> chain(null, null, List.of(3, 33), null, null, null, null, null),
            "kernels[1]: '33' is not accepted; accepted: odd integers >= 1 and <= 31"),
        refused("chain expansions", () -> chain(null, null, null, List.of(17, 6), null, null, null, null),
            "expansions[0]: '17' is not accepted; accepted: integers >= 1 and <= 16"),
        refused("chain depths", () -> chain(null, null, null, null, List.of(2, 65), null, null, null),
            "depths[1]: '65' is not accepted; accepted: integers >= 1 and <= 64"),
        refused("chain head", () -> chain(null, null, null, null, null, 4097, null, null),
            "head: '4097' is not accepted; accepted: an integer from 1 to 4096"),
        refused("chain classes", () -> chain(null, null, null, null, null, null, 100_001, null),
            "classes: '100001' is not accepted; accepted: an integer from 2 to 100000"),
        refused("chain input_size", () -> chain(null, null, null, null, null, null, null, 1025),
            "input_size: '1025' is not accepted; accepted: an integer from 1 to 1024"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("oversizedSettings")
  void everySizeHasAnUpperBoundNamedInTheMessage(String what, Supplier<Object> config, String message) {
    var e = assertThrows(ConfigException.class, config::get);
    assertEquals(message, e.getMessage());
    assertEquals(message.substring(0, message.indexOf(':')), e.key());
  }

  private static CellSpaceConfig cell(int nodes, Integer channels, Integer layers, Integer classes, Integer inputSize) {
    return new CellSpaceConfig(DartsOp.allLabels(), nodes, null, channels, layers, classes, inputSize, null);
  }

  private static ChainSpaceConfig chain(Integer stem, List<ChainStage> stages, List<Integer> kernels,
      List<Integer> expansions, List<Integer> depths, Integer head, Integer classes, Integer inputSize) {
    return new ChainSpaceConfig(stem, stages, kernels, expansions, depths, head, classes, inputSize);
  }

  // --- the largest accepted settings ---

  /** The architecture whose genes all take their last value: the heaviest op or choice of each space here. */
  private static Architecture lastValues(SearchSpace space) {
    int[] genes = new int[space.genome().length()];
    for (int i = 0; i < genes.length; i++) {
      genes[i] = space.genome().gene(i).cardinality() - 1;
    }
    return space.decode(genes);
  }

  private static void assertPositiveExactCounts(String what, Network n) {
    // Recount in BigInteger: the long totals must be the exact sums, not wrapped ones.
    BigInteger params = BigInteger.ZERO;
    BigInteger flops = BigInteger.ZERO;
    for (var node : n.nodes()) {
      if (!node.auxiliary()) {
        params = params.add(BigInteger.valueOf(n.params(node)));
        flops = flops.add(BigInteger.valueOf(n.flops(node)));
      }
    }
    assertTrue(n.params() > 0 && n.flops() > 0, what + ": params " + n.params() + ", flops " + n.flops());
    assertEquals(params, BigInteger.valueOf(n.params()), what);
    assertEquals(flops, BigInteger.valueOf(n.flops()), what);
  }

  private static void assertDescribes(String what, SearchSpace space, Architecture a) {
    Map<String, Object> facts = space.describe(a);
    assertTrue((Long) facts.get("params") > 0, what + " " + facts.get("params"));
    assertTrue((Long) facts.get("flops") > 0, what + " " + facts.get("flops"));
    assertPositiveExactCounts(what, ((NetworkSpace) space).network(a));
  }

  /** The supernet (every candidate op on every edge) is the same for all architectures: check it once. */
  private static void assertSupernetCounts(String what, SearchSpace space) {
    assertPositiveExactCounts(what + " supernet", ((RelaxableSpace) space).relaxedNetwork());
  }

  @Test
  void nb201AtItsBoundsCountsPositively() {
    SearchSpace s = new Nb201SpaceConfig(1024, 32, 100_000, 1024).create();
    // Every edge with the same op, for each op: the heaviest is among them.
    for (int op = 0; op < s.genome().gene(0).cardinality(); op++) {
      int[] genes = new int[s.genome().length()];
      java.util.Arrays.fill(genes, op);
      assertDescribes("nb201 op " + op, s, s.decode(genes));
    }
    assertSupernetCounts("nb201", s);
  }

  @Test
  void dartsAndCellSpacesAtTheirBoundsCountPositively() {
    SearchSpace s = new DartsSpaceConfig(1024, 100, 100_000, 1024, true, null).create();
    assertSupernetCounts("darts", s);
    for (int op = 0; op < DartsOp.SEARCHABLE - 1; op++) {
      assertDescribes("darts op " + op, s, everyEdge(s, op));
    }
    SearchSpace cell = cell(CellSpaceConfig.MAX_NODES, 1024, 100, 100_000, 1024).create();
    assertSupernetCounts("cell", cell);
    for (int op = 0; op < DartsOp.values().length; op++) {
      assertDescribes("cell op " + DartsOp.values()[op], cell, everyEdge(cell, op));
    }
  }

  /** Every edge with op {@code op} (an op gene's value), every node reading the latest inputs its genes allow. */
  private static Architecture everyEdge(SearchSpace space, int op) {
    int[] genes = lastValues(space).genes();
    for (int i = 0; i < genes.length; i++) {
      if (space.genome().gene(i).name().matches(".*\\.op\\d")) {
        genes[i] = op;
      }
    }
    return space.decode(genes);
  }

  @Test
  void enasAtItsBoundsCountsPositively() {
    SearchSpace s = new EnasSpaceConfig(100, 1024, 100_000, 1024).create();
    for (int op = 0; op < 6; op++) {
      int[] genes = new int[s.genome().length()];
      java.util.Arrays.fill(genes, 1);
      for (int l = 0, at = 0; l < 100; at += l + 1, l++) {
        genes[at] = op;
      }
      assertDescribes("enas op " + op, s, s.decode(genes));
    }
  }

  @Test
  void chainAtItsBoundsCountsPositively() {
    // Stride 1 everywhere keeps every stage at the full 1024 x 1024 input: the most FLOPs.
    List<ChainStage> stages = new ArrayList<>(Collections.nCopies(SizeLimits.STAGES, new ChainStage(4096, 1)));
    SearchSpace s = chain(4096, stages, List.of(1, 31), List.of(1, 16), List.of(1, 64), 4096, 100_000, 1024).create();
    assertDescribes("chain", s, lastValues(s));
  }
}
