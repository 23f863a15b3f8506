package dev.nas.core.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nas.core.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigIdentityTest {

  private static JsonNode tree(String json) throws Exception {
    return Json.json().readTree(json);
  }

  @Test
  void changedKeysAreNamedWithBothValues() throws Exception {
    JsonNode before = tree("{\"seed\":0,\"evaluator\":{\"dataset\":\"cifar10\"},\"budget\":{\"trials\":300}}");
    JsonNode after = tree("{\"seed\":0,\"evaluator\":{\"dataset\":\"cifar100\"},\"budget\":{\"trials\":50},\"x\":[1]}");
    assertEquals(List.of("budget.trials: 300 -> 50", "evaluator.dataset: cifar10 -> cifar100", "x[0]: (absent) -> 1"),
        ConfigIdentity.changes(before, after));
  }

  @Test
  void theHashIgnoresKeyOrderAndNumberTypesButNotValues() throws Exception {
    JsonNode a = tree("{\"seed\":0,\"budget\":{\"trials\":300,\"cost\":1.50}}");
    JsonNode b = Json.json().createObjectNode();
    ((com.fasterxml.jackson.databind.node.ObjectNode) b).putObject("budget").put("cost", 1.5).put("trials", 300L);
    ((com.fasterxml.jackson.databind.node.ObjectNode) b).put("seed", 0L);
    assertEquals(ConfigIdentity.hash(a), ConfigIdentity.hash(b));
    assertEquals(List.of(), ConfigIdentity.changes(a, b));
    assertNotEquals(ConfigIdentity.hash(a), ConfigIdentity.hash(tree("{\"seed\":1,\"budget\":{\"trials\":300,\"cost\":1.5}}")));
  }
}
