package dev.nas.core.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nas.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a run directory stands, read from its files without changing them: finished (it has
 * {@code summary.json}), running (a process holds its lock) or stopped (resumable), with its
 * finished trials so far and, once finished, its reported result.
 *
 * @param trials finished trials journaled over all repeats
 * @param budget the trial budget over all repeats, or null when only cost or time limits the runs
 * @param reported the mean reported metric over the repeats, once finished
 */
public record RunStatus(Path dir, String name, State state, long trials, Long budget, int repeats,
    String reportedMetric, Double reported, Instant started) {

  public enum State { finished, running, stopped }

  /** The status of {@code dir}, or empty when it is not a run directory (no provenance.json). */
  public static Optional<RunStatus> of(Path dir) {
    Path file = dir.resolve(Provenance.FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    JsonNode provenance;
    try {
      provenance = Json.json().readTree(file.toFile());
    } catch (IOException e) {
      return Optional.empty();
    }
    JsonNode config = provenance.path("config");
    int repeats = config.path("repeats").asInt(1);
    long perRun = config.path("budget").path("trials").asLong(0);
    Long budget = perRun <= 0 || perRun == Integer.MAX_VALUE ? null : perRun * repeats;
    State state = Files.isRegularFile(dir.resolve(ExperimentSummary.FILE)) ? State.finished
        : RunDirectoryLock.isHeld(dir) ? State.running : State.stopped;
    String metric = null;
    Double reported = null;
    if (state == State.finished) {
      try {
        JsonNode summary = Json.json().readTree(dir.resolve(ExperimentSummary.FILE).toFile());
        metric = summary.path("reported_metric").asText(null);
        JsonNode stat = summary.path("reported").elements().hasNext() ? summary.path("reported").elements().next()
            : null;
        reported = stat == null || !stat.path("mean").isNumber() ? null : stat.path("mean").asDouble();
      } catch (IOException e) {
        // A damaged summary: the status shows no result.
      }
    }
    Instant started = null;
    try {
      started = provenance.hasNonNull("started") ? Instant.parse(provenance.get("started").asText()) : null;
    } catch (RuntimeException e) {
      // An unreadable time stamp is left out.
    }
    return Optional.of(new RunStatus(dir, provenance.path("name").asText(dir.getFileName().toString()), state,
        finishedTrials(dir, repeats), budget, repeats, metric, reported, started));
  }

  private static long finishedTrials(Path dir, int repeats) {
    if (repeats == 1) {
      return count(dir);
    }
    try (Stream<Path> runs = Files.list(dir)) {
      return runs.filter(p -> p.getFileName().toString().startsWith("seed-") && Files.isDirectory(p))
          .mapToLong(RunStatus::count).sum();
    } catch (IOException e) {
      return 0;
    }
  }

  private static long count(Path runDir) {
    try {
      return Journal.read(runDir).stream().filter(e -> e.trial().status().isFinished()).count();
    } catch (RuntimeException e) {
      return 0;
    }
  }
}
