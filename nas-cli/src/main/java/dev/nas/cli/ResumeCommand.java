package dev.nas.cli;

import dev.nas.core.config.ConfigLoader;
import dev.nas.core.experiment.Experiment;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code nas resume DIR}: continues a stopped or killed run exactly where it ended. */
@Command(name = "resume", mixinStandardHelpOptions = true,
    description = "Continue the run in DIR (stopped, killed or crashed) with its own config and seeds.")
final class ResumeCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "Run directory written by 'nas search'.")
  Path dir;

  @Mixin
  RunOptions options;

  @Override
  public Integer call() {
    Experiment experiment = Experiment.load(dir, ConfigLoader.withInstalledTypes());
    return options.run(experiment, dir, spec.commandLine().getOut(), spec.commandLine().getErr(),
        (progress, stop) -> experiment.resume(dir, progress, stop));
  }
}
