package dev.nas.cli;

import dev.nas.core.InputException;
import dev.nas.core.experiment.Provenance;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code nas}: the entry point of {@code nas.jar}. */
@Command(
    name = "nas",
    mixinStandardHelpOptions = true,
    versionProvider = NasCommand.Version.class,
    description = "Neural architecture search on the JVM.",
    subcommands = {SearchCommand.class, ResumeCommand.class, ExportCommand.class, TrainCommand.class,
        PredictCommand.class, ReportCommand.class, DescribeCommand.class, DataCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "1:runtime failure (the message says what and where)",
        "2:bad input: usage, config, data or architecture (the message names it and what is accepted)",
        "130:interrupted (Ctrl-C); the run directory can be resumed"})
public final class NasCommand implements Runnable {

  public static final int INTERRUPTED = 130;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: search, resume, export, train, predict, report, describe or data");
  }

  public static void main(String[] args) {
    System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line; returns the exit code. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    // Charts are drawn off screen; no display is needed or wanted.
    System.setProperty("java.awt.headless", "true");
    CommandLine cli = new CommandLine(new NasCommand());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof InputException) {
        err.println("nas: error: " + e.getMessage());
        return CommandLine.ExitCode.USAGE;
      }
      err.println("nas: failed: " + e);
      for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
        err.println("  caused by: " + c);
      }
      StackTraceElement[] where = e.getStackTrace();
      if (where.length > 0) {
        err.println("  at " + where[0]);
      }
      return CommandLine.ExitCode.SOFTWARE;
    });
    return cli.execute(args);
  }

  /** The version from the build. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"nas " + Provenance.version(),
          "Java " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
  }
}
