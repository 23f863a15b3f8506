package dev.nas.spaces.darts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.config.ConfigException;
import dev.nas.core.config.ConfigLoader;
import dev.nas.core.config.SpaceConfig;
import dev.nas.spaces.SearchSpaceTypes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code space: {type: darts, legacy_sampling: ...}} and {@code space: {type: cell, distinct_inputs: ...}} from YAML. */
class DartsSpaceConfigTest {

  private final ConfigLoader loader = new ConfigLoader(new SearchSpaceTypes().configTypes());

  private SpaceConfig bind(String type, String... overrides) {
    return loader.bindSection("space", SpaceConfig.class, type, List.of(overrides));
  }

  @Test
  void theDefaultIsTheSamplingSpaceAndLegacySamplingTheOldOne() {
    DartsSpace space = (DartsSpace) bind("darts").create();
    assertTrue(space.distinctInputs());
    assertFalse(space.ops().contains(DartsOp.NONE));
    assertEquals("false", loader.sectionTree(SpaceConfig.class, bind("darts")).get("legacy_sampling").asText(),
        "the resolved config records the choice");
    DartsSpace legacy = (DartsSpace) bind("darts", "legacy_sampling=true").create();
    assertFalse(legacy.distinctInputs());
    assertTrue(legacy.ops().contains(DartsOp.NONE));
    assertEquals(DartsSpace.legacy(DartsMacro.SEARCH).genome(), legacy.genome());
    assertEquals(new DartsSpace(DartsMacro.SEARCH).genome(), bind("darts", "legacy_sampling=false").create().genome());
  }

  @Test
  void badValuesAndUnknownKeysNameWhatIsAccepted() {
    var value = assertThrows(ConfigException.class, () -> bind("darts", "legacy_sampling=maybe"));
    assertEquals("space.legacy_sampling", value.key());
    assertTrue(value.getMessage().contains("'maybe' is not accepted; accepted: true or false"), value.getMessage());
    var typo = assertThrows(ConfigException.class, () -> bind("darts", "legacy_samplng=true"));
    assertTrue(typo.getMessage().contains("did you mean 'legacy_sampling'?") && typo.getMessage().contains(
        "accepted keys here: auxiliary, channels, classes, input_size, layers, legacy_sampling"), typo.getMessage());
    var cell = assertThrows(ConfigException.class, () -> bind("cell", "ops=[none, skip_connect]", "distinct_inputs=2"));
    assertEquals("space.distinct_inputs", cell.key());
    assertTrue(cell.getMessage().contains("accepted: true or false"), cell.getMessage());
    var cellTypo = assertThrows(ConfigException.class, () -> bind("cell", "ops=[none, skip_connect]",
        "distinct_input=false"));
    assertTrue(cellTypo.getMessage().contains("did you mean 'distinct_inputs'?"), cellTypo.getMessage());
  }

  @Test
  void cellSpacesReadDistinctInputsUnlessToldOtherwise() {
    assertTrue(((DartsSpace) bind("cell", "ops=[none, skip_connect]").create()).distinctInputs());
    assertFalse(((DartsSpace) bind("cell", "ops=[none, skip_connect]", "distinct_inputs=false").create())
        .distinctInputs());
  }
}
