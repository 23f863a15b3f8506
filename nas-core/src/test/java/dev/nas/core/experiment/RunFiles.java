package dev.nas.core.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nas.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Running a search to its end and reading what two runs of one seed must agree on. */
final class RunFiles {

  private RunFiles() {}

  static RunSummary run(RunSetup setup, long seed, Path dir) {
    return new SearchRun(setup, seed, dir, RunListener.NONE, () -> false).run().orElseThrow();
  }

  /** The journal with the timestamps removed. */
  static List<String> timeless(Path dir) {
    return Journal.read(dir).stream().map(e -> {
      ObjectNode n = (ObjectNode) Json.tree(e.trial());
      n.remove("started");
      n.remove("finished");
      return n.toString();
    }).toList();
  }

  static String result(Path dir) throws IOException {
    return Files.readString(dir.resolve(RunSummary.FILE));
  }
}
