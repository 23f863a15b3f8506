package dev.nas.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.InputException;
import dev.nas.core.toy.ToyComponents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  private static final String VALID = """
      name: toy-run
      seed: 3
      space: {type: toy}
      evaluator: {type: toy-eval}
      strategy:
        type: toy-climb
        restarts: 2
      budget:
        trials: 40
        time: 30m
      """;

  @TempDir
  Path dir;

  private final ConfigLoader loader = new ConfigLoader(ToyComponents.types());

  private ExperimentConfig load(String yaml, String... sets) throws IOException {
    Path file = dir.resolve("exp.yaml");
    Files.writeString(file, yaml);
    return loader.load(file, List.of(sets));
  }

  private ConfigException error(String yaml, String... sets) {
    return assertThrows(ConfigException.class, () -> load(yaml, sets));
  }

  @Test
  void bindsAValidConfigWithDefaults() throws IOException {
    ExperimentConfig c = load(VALID);
    assertEquals("toy-run", c.name());
    assertEquals(3L, c.seed());
    assertEquals(1, c.repeats());
    assertEquals(new ToyComponents.Climber(2), c.strategy());
    assertEquals(40, c.budget().trials());
    assertEquals(Duration.ofMinutes(30), c.budget().time());
    assertTrue(c.budget().countDuplicates());
    assertEquals(new DataConfig(null), c.data());
  }

  @Test
  void nameDefaultsToTheFileName() throws IOException {
    assertEquals("exp", load(VALID.replace("name: toy-run\n", "")).name());
  }

  @Test
  void resolvedYamlRoundTrips() throws IOException {
    ExperimentConfig c = load(VALID);
    String yaml = loader.toYaml(c);
    assertTrue(yaml.contains("type: toy-climb"), yaml);
    assertTrue(yaml.contains("time: 30m"), yaml);
    assertEquals(c, load(yaml));
  }

  @Test
  void setOverridesValuesAndCreatesSections() throws IOException {
    ExperimentConfig c = load(VALID, "strategy.restarts=7", "budget.count_duplicates=false",
        "data.root=/tmp/x", "seed=11", "budget.time=");
    assertEquals(new ToyComponents.Climber(7), c.strategy());
    assertEquals(false, c.budget().countDuplicates());
    assertEquals("/tmp/x", c.data().root());
    assertEquals(11L, c.seed());
    assertEquals(null, c.budget().time());
  }

  @Test
  void unknownTopLevelKeySuggestsTheNearest() {
    var e = error(VALID + "seeed: 4\n");
    assertEquals("seeed", e.key());
    assertTrue(e.getMessage().contains("did you mean 'seed'?"), e.getMessage());
    assertTrue(e.getMessage().contains("budget, constraints, data, evaluator, grading, name, objectives, repeats, retrain, seed, space, strategy"), e.getMessage());
  }

  @Test
  void unknownKeyInsideASectionNamesItsPath() {
    var e = error(VALID.replace("restarts: 2", "restart: 2"));
    assertEquals("strategy.restart", e.key());
    assertTrue(e.getMessage().contains("did you mean 'restarts'?"), e.getMessage());
  }

  @Test
  void unknownKeyFromSetIsReportedToo() {
    var e = error(VALID, "budget.trails=5");
    assertEquals("budget.trails", e.key());
    assertTrue(e.getMessage().contains("did you mean 'trials'?"), e.getMessage());
  }

  @Test
  void unknownTypeListsTheAcceptedOnes() {
    var e = error(VALID.replace("type: toy-climb", "type: toy-clmb"));
    assertEquals("strategy.type", e.key());
    assertTrue(e.getMessage().contains("'toy-clmb' is not accepted; accepted: toy-climb (did you mean 'toy-climb'?)"), e.getMessage());
  }

  @Test
  void missingTypeListsTheAcceptedOnes() {
    var e = error(VALID.replace("evaluator: {type: toy-eval}", "evaluator: {fail_on: x}"));
    assertEquals("evaluator.type", e.key());
    assertTrue(e.getMessage().contains("is required; accepted: toy-eval"), e.getMessage());
  }

  @Test
  void missingSectionIsNamed() {
    var e = error(VALID.replace("space: {type: toy}\n", ""));
    assertEquals("space", e.key());
  }

  @Test
  void wrongTypeNamesTheValueAndTheExpectedKind() {
    var e = error(VALID.replace("trials: 40", "trials: forty"));
    assertEquals("budget.trials", e.key());
    assertTrue(e.getMessage().contains("'forty' is not accepted; accepted: an integer"), e.getMessage());
    var d = error(VALID.replace("time: 30m", "time: soon"));
    assertEquals("budget.time", d.key());
    assertTrue(d.getMessage().contains("90s, 30m, 2h"), d.getMessage());
    var s = error(VALID.replace("space: {type: toy}", "space: toy"));
    assertEquals("space.type", s.key());
    assertTrue(s.getMessage().contains("is required; accepted: toy"), s.getMessage());
  }

  @Test
  void outOfRangeValuesNameKeyValueAndRange() {
    var e = error(VALID.replace("trials: 40", "trials: -5"));
    assertEquals("budget.trials", e.key());
    assertTrue(e.getMessage().contains("'-5' is not accepted; accepted: an integer from 1 to 1000000"), e.getMessage());
    var r = error(VALID, "strategy.restarts=-1");
    assertEquals("strategy.restarts", r.key());
    var p = error(VALID, "repeats=0");
    assertEquals("repeats", p.key());
    var t = error(VALID, "budget.time=0s");
    assertEquals("budget.time", t.key());
  }

  @Test
  void malformedSetAndSetIntoAValueAreRejected() {
    assertTrue(error(VALID, "seed").getMessage().contains("key.path=value"));
    var e = error(VALID, "seed.value=3");
    assertEquals("seed", e.key());
    assertTrue(e.getMessage().contains("not a section"), e.getMessage());
  }

  @Test
  void yamlSyntaxErrorsGiveTheLine() {
    var e = error("space: {type: toy\nseed: 1\n");
    assertTrue(e.getMessage().contains("not valid YAML (line"), e.getMessage());
    assertTrue(error("").getMessage().contains("must be a YAML mapping"));
  }

  @Test
  void missingFileIsAnInputError() {
    var e = assertThrows(InputException.class, () -> loader.load(dir.resolve("nope.yaml"), List.of()));
    assertTrue(e.getMessage().contains("config file not found"), e.getMessage());
  }

  @Test
  void suggestionsNeedACloseMatch() {
    assertEquals("population", Suggestions.nearest("populaton", List.of("population", "sample")).orElseThrow());
    assertTrue(Suggestions.nearest("xyz", List.of("population", "sample")).isEmpty());
    assertEquals(3, Suggestions.distance("kitten", "sitting"));
  }

  @Test
  void durationsInEveryForm() {
    assertEquals(Duration.ofSeconds(90), DurationText.parse("90s"));
    assertEquals(Duration.ofHours(2), DurationText.parse("2h"));
    assertEquals(Duration.ofDays(1), DurationText.parse("1d"));
    assertEquals(Duration.ofMinutes(90), DurationText.parse("PT1H30M"));
    assertEquals("90m", DurationText.format(Duration.ofMinutes(90)));
    assertThrows(IllegalArgumentException.class, () -> DurationText.parse("2 weeks"));
  }

  // The bad-input campaign's config defects (issue 17), each refused with the key and the reason.

  @Test
  void aliasesAndTagsAreRefusedNotReadAsTheAnchorsName() {
    var alias = error("x: &r nb\n" + VALID.replace("name: toy-run", "name: *r"));
    assertTrue(alias.getMessage().contains("YAML alias '*r'"), alias.getMessage());
    assertEquals("name", alias.key());
    var tag = error(VALID.replace("name: toy-run", "name: !!str toy-run"));
    assertTrue(tag.getMessage().contains("YAML tag"), tag.getMessage());
  }

  @Test
  void duplicateKeysFractionalIntegersAndNonFiniteNumbersAreRefused() {
    var dup = error(VALID + "seed: 4\n");
    assertTrue(dup.getMessage().contains("the key 'seed' is written twice"), dup.getMessage());
    var fraction = error(VALID.replace("trials: 40", "trials: 50.5"));
    assertEquals("budget.trials", fraction.key());
    assertTrue(fraction.getMessage().contains("'50.5' is not accepted; accepted: an integer"), fraction.getMessage());
    var seed = error(VALID, "seed=0.5");
    assertEquals("seed", seed.key());
    var nan = error(VALID, "budget.cost=.nan");
    assertTrue(nan.getMessage().contains("budget.cost: '.nan' is not accepted"), nan.getMessage());
    var bool = error(VALID, "budget.count_duplicates=2");
    assertEquals("budget.count_duplicates", bool.key());
  }

  @Test
  void theFileIsCheckedBeforeItIsParsed() throws IOException {
    Path big = dir.resolve("big.yaml");
    Files.writeString(big, VALID + "# " + "x".repeat(ConfigText.MAX_BYTES) + "\n");
    var size = assertThrows(InputException.class, () -> loader.load(big, List.of()));
    assertTrue(size.getMessage().contains("at most 1048576 bytes"), size.getMessage());
    var device = assertThrows(InputException.class, () -> loader.load(Path.of("/dev/zero"), List.of()));
    assertTrue(device.getMessage().contains("not a regular file"), device.getMessage());
    Path binary = dir.resolve("bin.yaml");
    Files.write(binary, new byte[] {(byte) 0xc3, (byte) 0x28, 'a'});
    var text = assertThrows(InputException.class, () -> loader.load(binary, List.of()));
    assertTrue(text.getMessage().contains("is not UTF-8 text"), text.getMessage());
  }

  @Test
  void anOverrideThatIsNotAYamlValueIsText() throws IOException {
    // "#" alone is a YAML comment: the parser used to fail with an internal error (found by ConfigFuzzTest).
    var e = error(VALID, "budget.trials=#");
    assertTrue(e.getMessage().contains("budget.trials: '#' is not accepted"), e.getMessage());
    var long_ = error(VALID, "name=" + "x".repeat(20_000));
    assertTrue(long_.getMessage().contains("characters long"), long_.getMessage());
  }
}
