package dev.nas.cli;

import dev.nas.core.config.ConfigLoader;
import dev.nas.core.config.ExperimentConfig;
import dev.nas.core.data.DataRoot;
import dev.nas.core.experiment.Experiment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nas search CONFIG.yaml}: runs an experiment in a new run directory. */
@Command(name = "search", mixinStandardHelpOptions = true,
    description = "Run the experiment described by CONFIG in a new run directory.")
final class SearchCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "CONFIG", description = "Experiment config (YAML).")
  Path config;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Run directory (must not exist or be empty). Default: runs/<name>-<date>-<time>.")
  Path out;

  @Option(names = "--seed", paramLabel = "N", description = "Master seed (overrides 'seed').")
  Long seed;

  @Option(names = "--repeats", paramLabel = "N",
      description = "Independent runs, with seeds S, S+1, ..., S+N-1 for the master seed S (overrides 'repeats').")
  Integer repeats;

  @Option(names = "--set", paramLabel = "KEY.PATH=VALUE",
      description = "Override a config value, e.g. --set strategy.population=20 (repeatable).")
  List<String> sets = new ArrayList<>();

  @Option(names = "--dry-run",
      description = "Check the config and the data, print the resolved config (every default filled in) and stop.")
  boolean dryRun;

  @Mixin
  RunOptions options;

  @Override
  public Integer call() {
    List<String> overrides = new ArrayList<>(sets);
    if (seed != null) {
      overrides.add("seed=" + seed);
    }
    if (repeats != null) {
      overrides.add("repeats=" + repeats);
    }
    ConfigLoader loader = ConfigLoader.withInstalledTypes();
    ExperimentConfig cfg = loader.load(config, overrides);
    // Everything (sections, data files) is checked before the directory is created.
    Experiment experiment = Experiment.prepare(cfg, loader, DataRoot.resolve(cfg.data()));
    Path dir = out != null ? OutputPath.directory(out, "--out") : defaultDirectory(cfg.name());
    options.warn(experiment.warnings(), spec.commandLine().getErr());
    if (dryRun) {
      spec.commandLine().getOut().print(loader.toYaml(experiment.resolvedConfig()));
      spec.commandLine().getOut().flush();
      spec.commandLine().getErr().println("config " + config + " is valid; nothing was run (--dry-run)");
      return 0;
    }
    return options.run(experiment, dir, spec.commandLine().getOut(), spec.commandLine().getErr(),
        (progress, stop) -> experiment.start(dir, progress, stop));
  }

  private static Path defaultDirectory(String name) {
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path dir = Path.of("runs", name + "-" + stamp);
    for (int i = 2; Files.exists(dir); i++) {
      dir = Path.of("runs", name + "-" + stamp + "-" + i);
    }
    return dir;
  }
}
