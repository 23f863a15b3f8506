package dev.nas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Darts searches journal the space's genes; a run directory of the space before issue 18 (its
 * config.yaml without legacy_sampling, its architectures in the old genes) is refused naming the
 * setting that reads it.
 */
class LegacyDartsRunTest {

  @TempDir
  Path tmp;

  private Path search(String name, String space) throws IOException {
    Path config = tmp.resolve(name + ".yaml");
    Files.writeString(config, "name: " + name + "\nseed: 3\nspace: {type: darts, channels: 4, layers: 3, auxiliary: false"
        + space + "}\nevaluator: {type: supernet, train_images: 128, batch_size: 32, steps: 1, valid_batches: 1}\n"
        + "strategy: {type: random}\nbudget: {trials: 3}\n");
    Path run = tmp.resolve(name);
    Cli r = Cli.run("search", config.toString(), "--out", run.toString(), "-q");
    assertEquals(0, r.exit(), r.err());
    return run;
  }

  @Test
  void aRunOfTheOldSpaceIsReadWithLegacySamplingAndRefusedWithoutIt() throws IOException {
    Path fresh = search("fresh", "");
    for (JsonNode t : JournalFiles.finished(fresh)) {
      assertEquals(22, t.path("arch").path("choices").size(), t.toString());
      assertFalse(t.path("notation").asText().contains("'none'"), t.toString());
    }
    Path old = search("old", ", legacy_sampling: true");
    for (JsonNode t : JournalFiles.finished(old)) {
      assertEquals(32, t.path("arch").path("choices").size(), t.toString());
    }
    Path config = old.resolve("config.yaml");
    String resolved = Files.readString(config);
    assertTrue(resolved.contains("legacy_sampling: true"), resolved);
    Cli export = Cli.run("export", old.toString(), "--out", tmp.resolve("export-old").toString(), "--no-svg");
    assertEquals(0, export.exit(), export.err());
    // What a run directory written before issue 18 looks like: the same genes, no legacy_sampling key.
    Files.writeString(config, List.of(resolved.split("\n")).stream().filter(l -> !l.contains("legacy_sampling"))
        .reduce("", (a, b) -> a + b + "\n"));
    Cli refused = Cli.run("export", old.toString(), "--out", tmp.resolve("export-refused").toString(), "--no-svg");
    assertEquals(2, refused.exit(), refused.err());
    assertTrue(refused.err().contains("has the genes of the space with legacy_sampling: true")
        && refused.err().contains("read it with legacy_sampling: true in the space section"), refused.err());
    assertFalse(Files.exists(tmp.resolve("export-refused")));
    Cli report = Cli.run("report", old.toString(), "--out", tmp.resolve("report.html").toString());
    assertEquals(2, report.exit(), report.err());
    assertTrue(report.err().contains("has the genes of the space with legacy_sampling: true"), report.err());
    // Such a run, stopped before it finished, is not resumed by the new code: its config resolves differently.
    Files.delete(old.resolve("result.json"));
    Files.delete(old.resolve("summary.json"));
    Cli resume = Cli.run("resume", old.toString(), "-q");
    assertEquals(2, resume.exit(), resume.err());
    assertTrue(resume.err().contains("cannot resume"), resume.err());
  }
}
