package dev.nas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nas.core.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs the command line in-process and captures what it prints. */
record Cli(int exit, String out, String err) {

  /** The repository root (tests run in nas-cli/). */
  static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  static Path config(String name) {
    return ROOT.resolve("configs").resolve(name);
  }

  /** Runs {@code nas search} of a shipped config into {@code out}, checks it succeeded, returns its summary.json. */
  static JsonNode search(String config, Path out, String... extra) throws IOException {
    String[] args = new String[4 + extra.length];
    args[0] = "search";
    args[1] = config(config).toString();
    args[2] = "--out";
    args[3] = out.toString();
    System.arraycopy(extra, 0, args, 4, extra.length);
    Cli r = run(args);
    assertEquals(0, r.exit(), r.err());
    return Json.json().readTree(out.resolve("summary.json").toFile());
  }

  static Cli run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = NasCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Cli(exit, out.toString(), err.toString());
  }
}
