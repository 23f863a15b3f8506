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
        PredictCommand.class, ReportCommand.class, DescribeCommand.class, DataCommand.class, RunsCommand.class,
        CommandLine.HelpCommand.class},
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
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: search, resume, runs, export, train, predict, report, describe, data or help");
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
    boolean json = jsonLog(args);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      boolean bad = e instanceof InputException;
      String message = bad ? e.getMessage() : FailureMessage.of(e);
      if (json) {
        JsonEvents events = new JsonEvents(err);
        var n = events.event("error");
        n.put("exit", bad ? CommandLine.ExitCode.USAGE : CommandLine.ExitCode.SOFTWARE);
        n.put("kind", bad ? "bad input" : "failure");
        n.put("message", message);
        events.emit(n);
      } else {
        err.println((bad ? "nas: error: " : "nas: failed: ") + message);
      }
      if (System.getenv("NAS_DEBUG") != null) {
        e.printStackTrace(err);
      }
      return bad ? CommandLine.ExitCode.USAGE : CommandLine.ExitCode.SOFTWARE;
    });
    try {
      return cli.execute(args);
    } catch (OutOfMemoryError | StackOverflowError e) {
      // Errors are not handed to the execution handler; they still get a message, not a trace.
      err.println("nas: failed: " + (e instanceof OutOfMemoryError ? FailureMessage.of(e)
          : "the input is nested too deeply to process"));
      return CommandLine.ExitCode.SOFTWARE;
    }
  }

  /** Whether the command line asks for JSON events ({@code --log-format json}), errors included. */
  private static boolean jsonLog(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--log-format=json") || (args[i].equals("--log-format") && i + 1 < args.length
          && args[i + 1].equals("json"))) {
        return true;
      }
    }
    return false;
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
