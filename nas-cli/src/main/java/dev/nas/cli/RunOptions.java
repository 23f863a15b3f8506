package dev.nas.cli;

import picocli.CommandLine.Option;

/** Options shared by the commands that run an experiment. */
final class RunOptions {

  @Option(names = {"-q", "--quiet"}, description = "No progress bar; only the final summary.")
  boolean quiet;
}
