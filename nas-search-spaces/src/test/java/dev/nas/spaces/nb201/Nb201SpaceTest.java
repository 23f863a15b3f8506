package dev.nas.spaces.nb201;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.arch.Architecture;
import dev.nas.core.arch.InvalidArchitectureException;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.arch.SearchSpaceContract;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class Nb201SpaceTest extends SearchSpaceContract {

  private final Nb201Space space = Nb201Space.instance();

  @Override
  protected SearchSpace space() {
    return space;
  }

  /** The arch column of the shared table, read without our table loader. */
  private static List<String> tableArchStrings() throws IOException {
    return Files.readAllLines(SharedData.table()).stream().skip(1)
        .map(line -> line.split(",", 3)[1]).toList();
  }

  @Test
  void officialIndexOrderMatchesTheTableForEveryRow() throws IOException {
    List<String> archs = tableArchStrings();
    assertEquals(Nb201Space.SIZE, archs.size());
    for (int i = 0; i < archs.size(); i++) {
      Architecture a = space.byIndex(i);
      assertEquals(archs.get(i), space.format(a), "index " + i);
      assertEquals(i, space.index(space.parse(archs.get(i))), "index of " + archs.get(i));
    }
  }

  @Test
  void enumerationIsTheOfficialOrderAndCoversTheSpaceOnce() {
    List<Architecture> all = space.enumerate().toList();
    assertEquals(BigInteger.valueOf(15_625), space.size());
    assertEquals(15_625, all.size());
    Set<List<Integer>> distinct = all.stream().map(a -> List.copyOf(a.choices().values())).collect(Collectors.toSet());
    assertEquals(15_625, distinct.size());
    assertEquals(space.byIndex(6111), all.get(6111));
  }

  @Test
  void parsesTheBestCifar10CellOfTheBenchmarkReadme() {
    Architecture a = space.parse(
        "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_1x1~2|");
    assertEquals(6111, space.index(a));
    assertEquals(List.of(3, 3, 3, 1, 3, 2), List.copyOf(a.choices().values()));
    assertEquals(List.of("1<-0", "2<-0", "2<-1", "3<-0", "3<-1", "3<-2"), List.copyOf(a.choices().keySet()));
  }

  @Test
  void edgesWithinANodeMayComeInAnyOrder() {
    Architecture ordered = space.parse("|nor_conv_3x3~0|+|none~0|avg_pool_3x3~1|+|skip_connect~0|none~1|nor_conv_1x1~2|");
    Architecture shuffled = space.parse("|nor_conv_3x3~0|+|avg_pool_3x3~1|none~0|+|nor_conv_1x1~2|skip_connect~0|none~1|");
    assertEquals(ordered, shuffled);
  }

  @Test
  void malformedArchStringsAreRejectedWithTheReason() {
    assertMalformed("", "node group");
    assertMalformed("|nor_conv_3x3~0|+|none~0|none~1|", "node group");
    assertMalformed("|conv~0|+|none~0|none~1|+|none~0|none~1|none~2|", "unknown op 'conv'");
    assertMalformed("|none~0|+|none~0|+|none~0|none~1|none~2|", "node 2 has 1 edge");
    assertMalformed("|none~0|+|none~0|none~0|+|none~0|none~1|none~2|", "twice");
    assertMalformed("|none~0|+|none~0|none~2|+|none~0|none~1|none~2|", "out of range");
    assertMalformed("|none~x|+|none~0|none~1|+|none~0|none~1|none~2|", "expected a node number");
    assertMalformed("none~0|+|none~0|none~1|+|none~0|none~1|none~2|", "must start and end with '|'");
    assertMalformed("|none0|+|none~0|none~1|+|none~0|none~1|none~2|", "op~input");
  }

  private void assertMalformed(String text, String reason) {
    var e = assertThrows(InvalidArchitectureException.class, () -> space.parse(text));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
    assertTrue(e.getMessage().contains("none, skip_connect, nor_conv_1x1, nor_conv_3x3, avg_pool_3x3"), e.getMessage());
  }

  @Test
  void indexOutOfRangeIsRejected() {
    var e = assertThrows(InvalidArchitectureException.class, () -> space.byIndex(15_625));
    assertTrue(e.getMessage().contains("0..15624"), e.getMessage());
  }

  // --- canonical form ---

  private String canonical(String arch) {
    return space.parse(arch).canonical();
  }

  @Test
  void deadEdgesDoNotChangeTheCanonicalForm() {
    // Node 1's conv never reaches the output (its only outgoing edges are none).
    String withDeadConv = "|nor_conv_3x3~0|+|none~0|none~1|+|nor_conv_1x1~0|none~1|none~2|";
    String withDeadPool = "|avg_pool_3x3~0|+|none~0|none~1|+|nor_conv_1x1~0|none~1|none~2|";
    assertEquals(canonical(withDeadConv), canonical(withDeadPool));
    assertEquals("conv1(x)", canonical(withDeadConv));
  }

  @Test
  void skipConnectionsAreIdentitiesAndSumsAreUnordered() {
    // output = conv3(x) + conv1(x), routed through different intermediate nodes.
    String a = "|nor_conv_3x3~0|+|none~0|none~1|+|nor_conv_1x1~0|skip_connect~1|none~2|";
    String b = "|none~0|+|nor_conv_1x1~0|none~1|+|nor_conv_3x3~0|none~1|skip_connect~2|";
    assertEquals(canonical(a), canonical(b));
    assertEquals("conv1(x)+conv3(x)", canonical(a));
  }

  @Test
  void multiplicityAndOperationsAreKept() {
    String one = "|none~0|+|none~0|none~1|+|nor_conv_3x3~0|none~1|none~2|";
    String two = "|nor_conv_3x3~0|+|none~0|none~1|+|nor_conv_3x3~0|skip_connect~1|none~2|";
    String other = "|none~0|+|none~0|none~1|+|nor_conv_1x1~0|none~1|none~2|";
    assertEquals("conv3(x)+conv3(x)", canonical(two));
    assertTrue(Set.of(canonical(one), canonical(two), canonical(other)).size() == 3);
  }

  @Test
  void averagePoolingIsLinear() {
    // avg(x) + avg(conv3(x)) computes avg(x + conv3(x)): one pooling of the sum.
    String separate = "|nor_conv_3x3~0|+|none~0|none~1|+|avg_pool_3x3~0|avg_pool_3x3~1|none~2|";
    String merged = "|nor_conv_3x3~0|+|skip_connect~0|skip_connect~1|+|none~0|none~1|avg_pool_3x3~2|";
    assertEquals("avg(conv3(x))", canonical("|nor_conv_3x3~0|+|none~0|none~1|+|none~0|avg_pool_3x3~1|none~2|"));
    assertEquals("avg(conv3(x)+x)", canonical(merged));
    assertEquals(canonical(separate), canonical(merged));
  }

  @Test
  void opsOnAZeroNodeAreZero() {
    // Node 2 receives nothing, so the conv out of it carries nothing.
    String a = "|none~0|+|none~0|none~1|+|skip_connect~0|none~1|nor_conv_3x3~2|";
    assertEquals("x", canonical(a));
  }

  @Test
  void disconnectedCellsAllShareTheZeroForm() throws IOException {
    // The table's README: 341 cells have no path from input to output.
    long zero = space.enumerate().filter(a -> a.canonical().equals("0")).count();
    assertEquals(341, zero);
  }

  @Test
  void distinctCanonicalCells() {
    Set<String> forms = new HashSet<>();
    Set<String> natsForms = new HashSet<>();
    space.enumerate().forEach(a -> {
      forms.add(a.canonical());
      natsForms.add(NatsUniqueString.of(space.format(a)));
    });
    // NATS-Bench's UniqueString (zeros kept as '#' terms, skip as identity) gives 6,466 classes,
    // as the table's README states; reproducing it checks our reading of the cells.
    assertEquals(6_466, natsForms.size());
    // Our form also drops zero terms and merges linear average poolings: coarser, never finer.
    assertEquals(EXPECTED_DISTINCT_CANONICAL, forms.size());
  }

  /** Counted by {@link #distinctCanonicalCells}; each identity it applies has its own test above. */
  static final int EXPECTED_DISTINCT_CANONICAL = 4_660;

  @Test
  void canonicalFormIsCoarserThanNatsUniqueStrings() {
    // Every NATS class lies inside one of our classes.
    java.util.Map<String, String> natsToOurs = new java.util.HashMap<>();
    space.enumerate().forEach(a -> {
      String nats = NatsUniqueString.of(space.format(a));
      String ours = a.canonical();
      String before = natsToOurs.putIfAbsent(nats, ours);
      assertTrue(before == null || before.equals(ours), "NATS class " + nats + " split into " + before + " and " + ours);
    });
  }

  @Test
  void fuzzFoundLongInputsAreQuotedCutShort() {
    // Found by ParserFuzzTest: a 1 MB arch string was echoed whole, and parts of it a second time.
    String valid = "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|";
    String huge = valid.replace("none~2", "none~2" + "x".repeat(1 << 20));
    var e = assertThrows(InvalidArchitectureException.class, () -> space.parse(huge));
    assertTrue(e.getMessage().length() < 500, e.getMessage().length() + " characters");
    assertTrue(e.getMessage().startsWith("malformed NB201 arch string '" + valid.substring(0, 41)), e.getMessage());
    assertTrue(e.getMessage().contains("...' (1048623 characters): edge 'none~2xxxx"), e.getMessage());
    // Inputs are ASCII digits only: Integer.parseInt took U+0660 (ARABIC-INDIC DIGIT ZERO) for 0.
    assertMalformed(valid.replace("none~1|+", "none~\u0660|+"), "expected a node number");
  }
}
