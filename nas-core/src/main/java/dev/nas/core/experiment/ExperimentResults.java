package dev.nas.core.experiment;

import dev.nas.core.InputException;
import dev.nas.core.json.Json;
import dev.nas.core.trial.Trial;
import dev.nas.core.trial.TrialStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a finished experiment directory found, read back from its files ({@code summary.json},
 * each run's journal and {@code retrain.jsonl}) for export and reports. Reading never writes.
 */
public final class ExperimentResults {

  /** A trial of one run, with its retraining when the run retrained it. */
  public record RankedTrial(int rank, long seed, String runDir, Trial trial, RetrainedTrial retrained) {}

  private ExperimentResults() {}

  /** The summary of a finished experiment in {@code dir}, or an {@link InputException} saying why there is none. */
  public static ExperimentSummary summary(Path dir) {
    Path file = dir.resolve(ExperimentSummary.FILE);
    if (!Files.isDirectory(dir)) {
      throw new InputException("not a run directory: " + dir + (Files.exists(dir) ? " is a file" : " does not exist"));
    }
    if (!Files.isRegularFile(file)) {
      throw new InputException("not a finished run directory: " + dir.toAbsolutePath() + " has no "
          + ExperimentSummary.FILE + (Files.exists(dir.resolve(Experiment.CONFIG_FILE)) ? (RunDirectoryLock.isHeld(dir)
              ? "; its search is still running: wait for it to finish"
              : "; finish the search first with 'nas resume " + dir + "'") : ""));
    }
    ExperimentSummary summary;
    try {
      summary = Json.json().readValue(file.toFile(), ExperimentSummary.class);
    } catch (IOException | RuntimeException e) {
      throw new InputException(file + " is damaged (" + dev.nas.core.Messages.problem(e) + "); the engine writes it at"
          + " the end of a search: run 'nas resume " + dir + "' after deleting it to write it again");
    }
    if (summary == null || summary.runs() == null || summary.name() == null) {
      throw new InputException(file + " is damaged (it lacks its runs); the engine writes it at the end of a search:"
          + " run 'nas resume " + dir + "' after deleting it to write it again");
    }
    return summary;
  }

  /**
   * The {@code k} best distinct architectures over all runs: the order of a run's own best (the
   * highest fidelity, then the highest signal), then the earlier seed and trial on a tie; one entry
   * per canonical architecture.
   */
  public static List<RankedTrial> top(Path dir, int k) {
    ExperimentSummary summary = summary(dir);
    List<RankedTrial> all = new ArrayList<>();
    for (ExperimentSummary.RunOutcome run : summary.runs()) {
      Path runDir = dir.resolve(run.dir()).normalize();
      Map<Integer, RetrainedTrial> retrained = retrained(runDir);
      if (!Files.isRegularFile(runDir.resolve(Journal.FILE))) {
        throw new InputException("the run directory is damaged: " + runDir.resolve(Journal.FILE) + " is missing,"
            + " though " + ExperimentSummary.FILE + " lists the run of seed " + run.seed());
      }
      for (Journal.Entry e : Journal.read(runDir)) {
        if (e.trial().status() == TrialStatus.SUCCEEDED) {
          all.add(new RankedTrial(0, run.seed(), run.dir(), e.trial(), retrained.get(e.trial().id())));
        }
      }
    }
    all.sort(Comparator.comparing(RankedTrial::trial, RunState.BETTER.reversed())
        .thenComparingLong(RankedTrial::seed).thenComparingInt(r -> r.trial().id()));
    Set<String> seen = new HashSet<>();
    List<RankedTrial> top = new ArrayList<>();
    for (RankedTrial r : all) {
      if (top.size() < k && seen.add(r.trial().arch().hash())) {
        top.add(new RankedTrial(top.size() + 1, r.seed(), r.runDir(), r.trial(), r.retrained()));
      }
    }
    return top;
  }

  private static Map<Integer, RetrainedTrial> retrained(Path runDir) {
    Map<Integer, RetrainedTrial> byTrial = new HashMap<>();
    Path file = runDir.resolve(SearchRun.RETRAIN_FILE);
    if (!Files.exists(file)) {
      return byTrial;
    }
    try {
      for (String line : Files.readAllLines(file)) {
        RetrainedTrial r = Json.json().readValue(line, RetrainedTrial.class);
        byTrial.put(r.trial(), r);
      }
    } catch (IOException | RuntimeException e) {
      throw new InputException(file + " is damaged (" + dev.nas.core.Messages.problem(e) + ")");
    }
    return byTrial;
  }
}
