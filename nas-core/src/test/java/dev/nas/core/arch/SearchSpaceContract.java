package dev.nas.core.arch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SearchSpace} must do. A space's test class extends this and gives the space.
 */
public abstract class SearchSpaceContract {

  protected abstract SearchSpace space();

  private static final int SAMPLES = 500;

  @Test
  void samplesAreValidAndRoundTripThroughTheGenome() {
    RandomGenerator rng = new SplittableRandom(1);
    for (int i = 0; i < SAMPLES; i++) {
      Architecture a = space().sample(rng);
      space().validate(a);
      Architecture back = space().decode(space().encode(a));
      assertEquals(a, back);
      assertEquals(a.hash(), back.hash());
    }
  }

  @Test
  void samplingIsDeterministicGivenTheSeed() {
    RandomGenerator a = new SplittableRandom(42);
    RandomGenerator b = new SplittableRandom(42);
    for (int i = 0; i < 50; i++) {
      assertEquals(space().sample(a), space().sample(b));
    }
  }

  @Test
  void samplingCoversEveryValueOfEveryGene() {
    RandomGenerator rng = new SplittableRandom(3);
    GenomeSpec genome = space().genome();
    boolean[][] seen = new boolean[genome.length()][];
    for (int g = 0; g < genome.length(); g++) {
      seen[g] = new boolean[genome.gene(g).cardinality()];
    }
    for (int i = 0; i < 2000; i++) {
      int[] genes = space().sample(rng).genes();
      for (int g = 0; g < genes.length; g++) {
        seen[g][genes[g]] = true;
      }
    }
    for (int g = 0; g < genome.length(); g++) {
      for (int v = 0; v < seen[g].length; v++) {
        assertTrue(seen[g][v], "gene " + genome.gene(g).name() + " never took value " + v);
      }
    }
  }

  @Test
  void mutationChangesExactlyOneGene() {
    RandomGenerator rng = new SplittableRandom(7);
    for (int i = 0; i < SAMPLES; i++) {
      Architecture parent = space().sample(rng);
      Architecture child = space().mutate(parent, rng);
      space().validate(child);
      int[] p = parent.genes();
      int[] c = child.genes();
      int changed = 0;
      for (int g = 0; g < p.length; g++) {
        changed += p[g] != c[g] ? 1 : 0;
      }
      assertEquals(1, changed, "mutation of " + space().format(parent) + " gave " + space().format(child));
    }
  }

  @Test
  void textNotationRoundTrips() {
    RandomGenerator rng = new SplittableRandom(11);
    for (int i = 0; i < SAMPLES; i++) {
      Architecture a = space().sample(rng);
      assertEquals(a, space().parse(space().format(a)));
    }
  }

  @Test
  void architectureRoundTripsThroughJson() throws Exception {
    Architecture a = space().sample(new SplittableRandom(5));
    String json = Json.line(a);
    assertTrue(json.contains("\"hash\":\"" + a.hash() + "\""), json);
    Architecture back = Json.json().readValue(json, Architecture.class);
    assertEquals(a, back);
    assertEquals(a.hash(), back.hash());
    assertEquals(a.choices().keySet().stream().toList(), back.choices().keySet().stream().toList());
  }

  @Test
  void validateRejectsForeignOrTamperedArchitectures() {
    Architecture a = space().sample(new SplittableRandom(9));
    assertThrows(InvalidArchitectureException.class,
        () -> space().validate(new Architecture("other-space", a.choices(), a.canonical())));
    assertThrows(InvalidArchitectureException.class,
        () -> space().validate(new Architecture(a.space(), a.choices(), a.canonical() + "x")));
    Map<String, Integer> outOfRange = new LinkedHashMap<>(a.choices());
    String first = outOfRange.keySet().iterator().next();
    outOfRange.put(first, space().genome().gene(0).cardinality());
    assertThrows(InvalidArchitectureException.class,
        () -> space().validate(new Architecture(a.space(), outOfRange, a.canonical())));
    int[] tooShort = new int[space().genome().length() - 1];
    assertThrows(InvalidArchitectureException.class, () -> space().decode(tooShort));
  }

  @Test
  void hashIsAFunctionOfSpaceAndCanonicalForm() {
    Architecture a = space().sample(new SplittableRandom(13));
    Architecture same = new Architecture(a.space(), a.choices(), a.canonical());
    assertEquals(a.hash(), same.hash());
    assertNotEquals(a.hash(), new Architecture(a.space() + "2", a.choices(), a.canonical()).hash());
    assertEquals(16, a.hash().length());
    assertArrayEquals(a.genes(), same.genes());
  }

  @Test
  void sizeIsTheProductOfGeneCardinalities() {
    assertEquals(space().genome().count(), space().size());
  }
}
