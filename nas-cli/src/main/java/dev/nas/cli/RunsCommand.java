package dev.nas.cli;

import dev.nas.core.InputException;
import dev.nas.core.experiment.RunStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nas runs [FOLDER]}: the run directories in a folder and where each stands. */
@Command(name = "runs", mixinStandardHelpOptions = true,
    description = "List the run directories in FOLDER (default: runs) with their state (finished, running,"
        + " stopped), trials and result.")
final class RunsCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FOLDER", description = "Folder of run directories (default: runs).")
  Path folder = Path.of("runs");

  @Override
  public Integer call() throws IOException {
    if (!Files.isDirectory(folder)) {
      throw new InputException("FOLDER " + folder + (Files.exists(folder) ? " is not a directory" : " does not exist")
          + "; give the folder that holds your run directories (nas search writes them under runs/)");
    }
    List<RunStatus> runs = new ArrayList<>();
    RunStatus.of(folder).ifPresent(runs::add);
    try (Stream<Path> entries = Files.list(folder)) {
      entries.filter(Files::isDirectory).sorted().forEach(d -> RunStatus.of(d).ifPresent(runs::add));
    }
    PrintWriter out = spec.commandLine().getOut();
    if (runs.isEmpty()) {
      out.println("no run directories in " + folder);
      return 0;
    }
    runs.sort(Comparator.comparing((RunStatus r) -> r.started() == null ? "" : r.started().toString())
        .thenComparing(r -> r.dir().toString()));
    out.printf(Locale.ROOT, "%-40s %-9s %15s  %s%n", "DIR", "STATE", "TRIALS", "RESULT");
    for (RunStatus r : runs) {
      String trials = r.trials() + (r.budget() == null ? "" : "/" + r.budget());
      String result = r.reported() == null ? (r.state() == RunStatus.State.stopped ? "nas resume " + r.dir() : "")
          : String.format(Locale.ROOT, "%s %.3f (mean of %d)", r.reportedMetric(), r.reported(), r.repeats());
      out.printf(Locale.ROOT, "%-40s %-9s %15s  %s%n", r.dir(), r.state(), trials, result);
    }
    return 0;
  }
}
