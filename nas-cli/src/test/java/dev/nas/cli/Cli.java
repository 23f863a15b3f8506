package dev.nas.cli;

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

  static Cli run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = NasCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Cli(exit, out.toString(), err.toString());
  }
}
