package dev.nas.core.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nas.core.InputException;
import dev.nas.core.arch.Architecture;
import dev.nas.core.eval.Evaluator;
import dev.nas.core.eval.Metrics;
import dev.nas.core.eval.MultiFidelityEvaluator;
import dev.nas.core.eval.StatefulEvaluator;
import dev.nas.core.json.Json;
import dev.nas.core.objective.Objectives;
import dev.nas.core.strategy.Strategy;
import dev.nas.core.trial.Trial;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * One run of one seed in one directory. A run always starts from what its directory holds: an
 * empty directory starts afresh; a directory of a killed run continues exactly as the
 * uninterrupted run would have (the strategy is restored from its latest checkpoint and the
 * journal's later trials are replayed into it, checking that it asks the same architectures).
 *
 * <p>A {@link StatefulEvaluator} (a supernet) is checkpointed with the strategy after every
 * trial, and a resumed run restores both and evaluates again the trials journaled after that
 * checkpoint (at most the one that was running), since only evaluation can rebuild its state.
 *
 * <p>After the search, if the setup has {@link RunSetup.Retraining}, the top-k architectures are
 * retrained one by one ({@code retrain.jsonl}); a resumed run skips those already done.
 *
 * <p>Files: {@code journal.jsonl}, {@code state/strategy.json} (checkpoint),
 * {@code state/evaluator-N.bin} (the stateful evaluator after N trials), {@code retrain.jsonl},
 * and {@code result.json} once the run completes.
 */
public final class SearchRun {

  static final String STATE_DIR = "state";
  static final String CHECKPOINT = STATE_DIR + "/strategy.json";
  static final String EVALUATOR_STATE = "evaluator_state";
  static final String STOP_REASON = "search_ended";
  static final String RETRAIN_FILE = "retrain.jsonl";
  static final int CHECKPOINT_EVERY = 50;
  static final int MAX_CONSECUTIVE_DUPLICATES = 10_000;
  static final String JOURNAL_SHA256 = "journal_sha256";

  private final RunSetup setup;
  private final long seed;
  private final Path dir;
  private final RunListener listener;
  private final BooleanSupplier stopRequested;
  private final Clock clock;
  /** Of the finished trials' journal lines so far; every checkpoint records it. */
  private final LineDigest journalSha256 = new LineDigest();

  public SearchRun(RunSetup setup, long seed, Path dir, RunListener listener, BooleanSupplier stopRequested) {
    this(setup, seed, dir, listener, stopRequested, Clock.systemUTC());
  }

  SearchRun(RunSetup setup, long seed, Path dir, RunListener listener, BooleanSupplier stopRequested, Clock clock) {
    this.setup = setup;
    this.seed = seed;
    this.dir = dir;
    this.listener = listener;
    this.stopRequested = stopRequested;
    this.clock = clock;
  }

  /** The result of a completed run in {@code dir}, if it completed. */
  public static Optional<RunSummary> completed(Path dir) {
    Path file = dir.resolve(RunSummary.FILE);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.json().readValue(file.toFile(), RunSummary.class));
    } catch (IOException | RuntimeException e) {
      throw new InputException(file + " is damaged (" + dev.nas.core.Messages.problem(e) + "); the engine writes it"
          + " when the run completes: delete it and run 'nas resume' to write it again", e);
    }
  }

  /**
   * Runs (or continues) until the budget is spent, then writes {@code result.json} and returns
   * it. Returns empty if {@code stopRequested} became true first; the directory can be resumed.
   */
  public Optional<RunSummary> run() {
    checkLayout();
    Optional<RunSummary> done = completed(dir);
    if (done.isPresent()) {
      return done;
    }
    RunSeeds seeds = RunSeeds.of(seed);
    Evaluator evaluator = setup.evaluator().forRun(seeds.evaluator());
    Strategy strategy = setup.strategy().create(setup.space(), seeds.strategy(), evaluator, setup.objectives());
    StatefulEvaluator stateful = evaluator instanceof StatefulEvaluator s ? s : null;
    int checkpointEvery = stateful == null ? CHECKPOINT_EVERY : 1;
    boolean countDuplicates = setup.budget().countDuplicates();
    RunState state = new RunState(evaluator, countDuplicates);
    Recovered recovered = recover(strategy, stateful, state, seeds);
    long elapsedBefore = recovered.elapsedMs();

    long segmentStart = System.nanoTime();
    int sinceCheckpoint = 0;
    int duplicatesInARow = 0;
    // A search that ended before a stop or crash in retraining stays ended.
    String stopReason = recovered.stopReason();
    try (Journal journal = Journal.open(dir)) {
      while (stopReason == null) {
        long elapsedMs = elapsedBefore + (System.nanoTime() - segmentStart) / 1_000_000;
        if (state.counted() >= setup.budget().trials()) {
          stopReason = "budget.trials";
        } else if (setup.budget().cost() != null && state.cost() >= setup.budget().cost()) {
          stopReason = "budget.cost";
        } else if (setup.budget().time() != null && elapsedMs >= setup.budget().time().toMillis()) {
          stopReason = "budget.time";
        } else if (strategy.isDone()) {
          stopReason = "strategy done";
        } else if (duplicatesInARow >= MAX_CONSECUTIVE_DUPLICATES) {
          stopReason = "space exhausted: " + duplicatesInARow + " duplicates in a row";
        } else if (stopRequested.getAsBoolean()) {
          checkpoint(strategy, stateful, state.size(), elapsedMs, null);
          return Optional.empty();
        }
        if (stopReason != null) {
          checkpoint(strategy, stateful, state.size(), elapsedMs, stopReason);
          break;
        }

        Architecture asked = strategy.ask();
        Trial trial = graded(runTrial(evaluator, asked, strategy.fidelity(), strategy.proposalNotes(), state, seeds,
            journal));
        journalSha256.add(journal.append(trial));
        strategy.tell(trial.ungraded());
        state.record(trial);
        duplicatesInARow = state.isCharged(trial) ? 0 : duplicatesInARow + 1;
        listener.trialFinished(seed, trial, state.best(), state.counted());
        if (++sinceCheckpoint >= checkpointEvery) {
          checkpoint(strategy, stateful, state.size(), elapsedBefore + (System.nanoTime() - segmentStart) / 1_000_000,
              null);
          sinceCheckpoint = 0;
        }
      }
    }
    RetrainResult retrained = null;
    if (setup.retraining() != null) {
      Optional<RetrainResult> r = retrain(state, seeds);
      if (r.isEmpty()) {
        return Optional.empty();
      }
      retrained = r.get();
    }
    RunSummary summary = state.summary(seed, setup, stopReason, retrained);
    Json.writeAtomically(dir.resolve(RunSummary.FILE), summary);
    listener.runFinished(summary);
    return Optional.of(summary);
  }

  private Trial runTrial(Evaluator evaluator, Architecture arch, Integer fidelity, JsonNode notes, RunState state,
      RunSeeds seeds, Journal journal) {
    int id = state.size();
    Trial trial = Trial.queued(id, arch, setup.space().format(arch), seeds.trial(id)).withProposal(notes)
        .atFidelity(fidelity);
    Integer earlier = state.firstEvaluation(arch.hash(), fidelity);
    if (earlier != null) {
      trial = trial.duplicateOf(earlier);
      if (!state.isCharged(trial)) {
        // Answered from the earlier evaluation: same canonical form, same network.
        Trial first = state.trial(earlier);
        if (first.status() == dev.nas.core.trial.TrialStatus.PRUNED) {
          return trial.prune(first.error(), clock.instant());
        }
        Trial started = trial.start(clock.instant());
        return first.metrics() != null
            ? started.succeed(first.metrics(), clock.instant())
            : started.fail("duplicate of failed trial " + earlier + ": " + first.error(), clock.instant());
      }
    }
    Map<String, Double> measured;
    try {
      measured = setup.objectives().measure(arch);
    } catch (RuntimeException e) {
      return trial.start(clock.instant()).fail("measuring: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
          clock.instant());
    }
    String violation = setup.objectives().violation(measured);
    if (violation != null) {
      return trial.prune(violation, clock.instant());
    }
    trial = trial.start(clock.instant());
    journal.append(trial);
    try {
      Metrics metrics = fidelity == null ? evaluator.evaluate(arch, trial.seed())
          : ((MultiFidelityEvaluator) evaluator).evaluate(arch, trial.seed(), fidelity);
      return trial.succeed(Objectives.withMeasures(metrics, measured), clock.instant());
    } catch (RuntimeException e) {
      return trial.fail(e.getClass().getSimpleName() + ": " + e.getMessage(), clock.instant());
    }
  }

  /**
   * The finished trial with the grader's figures for its architecture (every trial: a failed,
   * pruned or duplicate trial still has a cell), or as it is when the run is not graded.
   */
  private Trial graded(Trial finished) {
    return setup.grader() == null ? finished : finished.withGrades(setup.grader().grade(finished.arch()));
  }

  /**
   * Retrains the top-k of the search, continuing {@code retrain.jsonl} where an earlier segment
   * stopped. Empty if a stop was requested before the last one.
   */
  private Optional<RetrainResult> retrain(RunState state, RunSeeds seeds) {
    RunSetup.Retraining retraining = setup.retraining();
    List<Trial> top = retraining.latest() ? state.latestDistinct(retraining.topK())
        : state.topDistinct(retraining.topK());
    List<RetrainedTrial> done = readRetrained(top);
    Evaluator evaluator = retraining.evaluator().forRun(seeds.retrainEvaluator());
    Path file = dir.resolve(RETRAIN_FILE);
    for (int rank = done.size(); rank < top.size(); rank++) {
      if (stopRequested.getAsBoolean()) {
        return Optional.empty();
      }
      Trial t = top.get(rank);
      long trialSeed = seeds.retrain(rank);
      listener.retrainStarted(seed, rank, top.size(), t);
      RetrainedTrial result;
      try {
        Metrics m = evaluator.evaluate(t.arch(), trialSeed);
        result = RetrainedTrial.succeeded(rank, t, trialSeed, m.signal(), m.values());
      } catch (RuntimeException e) {
        result = RetrainedTrial.failed(rank, t, trialSeed, e.getClass().getSimpleName() + ": " + e.getMessage());
      }
      try {
        Files.writeString(file, Json.json().writeValueAsString(result) + "\n", StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + file, e);
      }
      done.add(result);
      listener.retrainFinished(seed, result, top.size());
    }
    return Optional.of(RetrainResult.of(retraining.evaluatorName(), evaluator.signalMetric(),
        evaluator.reportedMetric(), done));
  }

  /** The retrainings an earlier segment finished, checked against the top-k; a torn last line is dropped. */
  private List<RetrainedTrial> readRetrained(List<Trial> top) {
    Path file = dir.resolve(RETRAIN_FILE);
    List<RetrainedTrial> done = new ArrayList<>();
    if (!Files.exists(file)) {
      return done;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new InputException("cannot read " + file + ": " + e.getMessage(), e);
    }
    List<String> kept = new ArrayList<>();
    for (String line : lines) {
      RetrainedTrial r;
      try {
        r = Json.json().readValue(line, RetrainedTrial.class);
      } catch (IOException e) {
        break; // the line a killed run was writing
      }
      int rank = done.size();
      if (rank >= top.size() || r.rank() != rank || r.trial() != top.get(rank).id()) {
        throw new InputException("cannot resume " + dir + ": line " + (rank + 1) + " of " + RETRAIN_FILE
            + " retrains trial " + r.trial() + " but the search's top-" + top.size() + " has "
            + (rank < top.size() ? "trial " + top.get(rank).id() : "no more entries") + " there."
            + " The config, the seed or the code changed since the run started; start a new run instead.");
      }
      done.add(r);
      kept.add(line);
    }
    if (kept.size() != lines.size() || hasTornTail(file)) {
      Json.writeAtomically(file, kept.isEmpty() ? "" : String.join("\n", kept) + "\n");
    }
    return done;
  }

  /**
   * Brings a fresh strategy and state to where the journal ends: restores the latest checkpoint,
   * replays the finished trials after it, and drops journal lines of a trial that never finished.
   * With a stateful evaluator, restores it too and drops the finished trials after the checkpoint
   * instead of replaying them. Returns the elapsed time of earlier segments and, if the search
   * had ended, why.
   */
  private Recovered recover(Strategy strategy, StatefulEvaluator stateful, RunState state, RunSeeds seeds) {
    Journal.Reading reading = Journal.readChecked(dir);
    List<Journal.Entry> entries = reading.entries();
    if (entries.isEmpty() && reading.damagedTail() == 0) {
      return new Recovered(0, null);
    }
    List<Journal.Entry> finishedLines = finishedLines(entries);
    List<Trial> finished = new ArrayList<>(finishedLines.stream().map(Journal.Entry::trial).toList());
    List<String> notes = new ArrayList<>();
    int told = 0;
    long elapsed = 0;
    String stopReason = null;
    JsonNode checkpoint = readCheckpoint(notes);
    checkFingerprint(checkpoint);
    boolean usable = checkpoint != null && checkpoint.get("told").asInt() <= finished.size()
        && (stateful == null || checkpoint.hasNonNull(EVALUATOR_STATE));
    if (checkpoint != null && !usable) {
      notes.add("the checkpoint covers " + checkpoint.get("told").asInt() + " trials but the journal holds "
          + finished.size() + "; replaying the journal from its start");
    }
    if (usable) {
      told = checkpoint.get("told").asInt();
      verifyJournal(checkpoint, finishedLines.subList(0, told));
      try {
        strategy.restore(checkpoint.get("strategy"));
      } catch (RuntimeException e) {
        throw new InputException("cannot resume " + dir + ": the strategy checkpoint " + CHECKPOINT + " is damaged ("
            + dev.nas.core.Messages.problem(e) + "); delete it to replay the journal from its start", e);
      }
      elapsed = checkpoint.path("elapsed_ms").asLong(0);
      stopReason = told == finished.size() && checkpoint.hasNonNull(STOP_REASON)
          ? checkpoint.get(STOP_REASON).asText() : null;
      if (stateful != null) {
        restoreEvaluator(stateful, checkpoint.get(EVALUATOR_STATE).asText());
      }
    }
    int journaled = finished.size();
    if (stateful != null && finished.size() > told) {
      // Their effect on the evaluator's state is not in the checkpoint: evaluate them again.
      finished = new ArrayList<>(finished.subList(0, told));
    }
    for (int i = 0; i < finished.size(); i++) {
      Trial t = finished.get(i);
      journalSha256.add(finishedLines.get(i).line());
      if (t.seed() != seeds.trial(t.id())) {
        throw mismatch(t, "its seed " + t.seed() + " is not the one seed " + seed + " gives");
      }
      if (i >= told) {
        Architecture asked = strategy.ask();
        if (!asked.sameChoices(t.arch()) || !java.util.Objects.equals(strategy.fidelity(), t.fidelity())) {
          throw mismatch(t, "the strategy now asks " + setup.space().format(asked) + " at fidelity "
              + strategy.fidelity() + " instead of " + t.notation() + " at fidelity " + t.fidelity());
        }
        strategy.tell(t.ungraded());
      }
      state.record(t);
    }
    Set<Integer> kept = new HashSet<>();
    finished.forEach(t -> kept.add(t.id()));
    List<String> lines = entries.stream().filter(e -> kept.contains(e.trial().id())).map(Journal.Entry::line).toList();
    notes.add(0, finished.size() + " finished trial(s) kept (" + told + " from the checkpoint, "
        + (finished.size() - told) + " replayed)");
    if (journaled > finished.size()) {
      notes.add((journaled - finished.size()) + " trial(s) after the evaluator's checkpoint will be evaluated again");
    }
    if (entries.size() > lines.size()) {
      notes.add((entries.size() - lines.size()) + " journal line(s) of unfinished or re-evaluated trials dropped");
    }
    if (reading.damagedTail() > 0) {
      notes.add(reading.damagedTail() + " torn or damaged line(s) at the end of " + Journal.FILE + " were dropped");
    }
    if (lines.size() != entries.size() || reading.damagedTail() > 0 || hasTornTail(dir.resolve(Journal.FILE))) {
      Journal.rewrite(dir, lines);
    }
    listener.resumed(seed, String.join("; ", notes));
    return new Recovered(elapsed, stopReason);
  }

  /**
   * Checks, writing nothing, what a resume of this run would refuse: a damaged layout, result,
   * journal or checkpoint, or a checkpoint of another config. A resume checks every run of an
   * experiment first, so that a refused resume leaves the directory exactly as it was.
   */
  public void verify() {
    checkLayout();
    if (completed(dir).isPresent()) {
      return;
    }
    List<Journal.Entry> finishedLines = finishedLines(Journal.readChecked(dir).entries());
    JsonNode checkpoint = readCheckpoint(new ArrayList<>());
    checkFingerprint(checkpoint);
    if (checkpoint != null && checkpoint.get("told").asInt() <= finishedLines.size()) {
      verifyJournal(checkpoint, finishedLines.subList(0, checkpoint.get("told").asInt()));
    }
  }

  /** The journal lines of finished trials 0, 1, 2, ... in order (a trial's last line). */
  private static List<Journal.Entry> finishedLines(List<Journal.Entry> entries) {
    List<Journal.Entry> finishedLines = new ArrayList<>();
    for (Journal.Entry e : entries) {
      Trial t = e.trial();
      if (t.status().isFinished() && t.id() == finishedLines.size()) {
        finishedLines.add(e);
      }
    }
    return finishedLines;
  }

  private void checkFingerprint(JsonNode checkpoint) {
    if (checkpoint != null && !fingerprint().toString().equals(String.valueOf(checkpoint.get("fingerprint")))) {
      throw new InputException("cannot resume " + dir + ": its checkpoint (" + CHECKPOINT + ") was written for "
          + describe(checkpoint.get("fingerprint")) + ", and the config now gives " + describe(fingerprint())
          + ". The config, the seed or the code changed since the run started; start a new run instead.");
    }
  }

  /** Refuses a journal whose lines up to the checkpoint are not those the checkpoint was taken after. */
  private void verifyJournal(JsonNode checkpoint, List<Journal.Entry> covered) {
    JsonNode expected = checkpoint.get(JOURNAL_SHA256);
    if (expected == null) {
      return; // written before checkpoints carried the checksum
    }
    if (!expected.asText().equals(journalDigest(covered))) {
      throw new InputException("cannot resume " + dir + ": the first " + covered.size() + " finished trials of "
          + Journal.FILE + " are not those the checkpoint was taken after (their SHA-256 differs): the journal was"
          + " edited or damaged. Restore it from a copy, or start a new run.");
    }
  }

  /** The SHA-256 of the journal lines of the given trials, in order. */
  private static String journalDigest(List<Journal.Entry> lines) {
    LineDigest digest = new LineDigest();
    lines.forEach(e -> digest.add(e.line()));
    return digest.current();
  }

  private static String describe(JsonNode fingerprint) {
    if (fingerprint == null) {
      return "an unknown run";
    }
    return "seed " + fingerprint.path("seed").asText() + ", strategy " + fingerprint.path("strategy").asText()
        + " " + fingerprint.path("settings")
        + (fingerprint.has("config") ? ", config " + dev.nas.core.Messages.start(fingerprint.get("config").asText(), 12)
            : "");
  }

  /** Refuses a run directory whose entries are of the wrong kind (a {@code state} that is a file, ...). */
  private void checkLayout() {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw damaged(dir, "a directory");
    }
    for (String file : List.of(Journal.FILE, RunSummary.FILE, RETRAIN_FILE, CHECKPOINT)) {
      Path p = dir.resolve(file);
      if (Files.exists(p) && !Files.isRegularFile(p)) {
        throw damaged(p, "a regular file");
      }
    }
    if (Files.exists(dir.resolve(STATE_DIR)) && !Files.isDirectory(dir.resolve(STATE_DIR))) {
      throw damaged(dir.resolve(STATE_DIR), "a directory");
    }
  }

  private static InputException damaged(Path p, String kind) {
    return new InputException("the run directory is damaged: " + p + " should be " + kind + " and is not;"
        + " restore it from a copy or start a new run");
  }

  private record Recovered(long elapsedMs, String stopReason) {}

  private void restoreEvaluator(StatefulEvaluator evaluator, String name) {
    Path file = dir.resolve(STATE_DIR).resolve(name);
    try (var in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
      evaluator.restoreState(in);
    } catch (IOException | RuntimeException e) {
      throw new InputException("cannot resume " + dir + ": the evaluator state " + file + " is missing or"
          + " unreadable (" + e + "). Start a new run instead.", e);
    }
  }

  private InputException mismatch(Trial t, String what) {
    return new InputException("cannot resume " + dir + ": trial " + t.id() + " of its journal does not"
        + " match the config (" + what + "). The config, the seed or the code changed since the run"
        + " started; start a new run instead.");
  }

  private static boolean hasTornTail(Path file) {
    try {
      long size = Files.size(file);
      if (size == 0) {
        return false;
      }
      try (var ch = java.nio.channels.FileChannel.open(file)) {
        var last = java.nio.ByteBuffer.allocate(1);
        ch.read(last, size - 1);
        return last.get(0) != '\n';
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The checkpoint, or null when there is none or it is damaged (an empty or truncated file, a
   * disk that filled up): a checkpoint is an optimisation, and without it the journal is replayed
   * from its start. A damaged one is noted in {@code notes}.
   */
  private JsonNode readCheckpoint(List<String> notes) {
    Path file = dir.resolve(CHECKPOINT);
    if (!Files.exists(file)) {
      return null;
    }
    JsonNode node;
    try {
      node = Json.json().readTree(file.toFile());
    } catch (IOException e) {
      node = null;
    }
    if (node == null || !node.isObject() || !node.hasNonNull("fingerprint") || !node.path("told").canConvertToInt()
        || !node.path("told").isIntegralNumber() || node.get("told").asInt() < 0 || !node.hasNonNull("strategy")) {
      notes.add(CHECKPOINT + " is empty or damaged and was ignored; replaying the journal from its start");
      return null;
    }
    return node;
  }

  /** What the checkpoint was made for: the run's seed, its strategy's settings and the whole resolved config. */
  private JsonNode fingerprint() {
    var node = Json.json().createObjectNode();
    node.put("seed", seed);
    node.put("strategy", setup.strategyName());
    node.set("settings", Json.tree(setup.strategy()));
    if (!setup.configHash().isEmpty()) {
      node.put("config", setup.configHash());
    }
    return node;
  }

  /**
   * Writes the strategy (and the stateful evaluator) as of {@code told} trials. The evaluator's
   * file is complete before the checkpoint names it, and older ones go only after, so a kill at
   * any moment leaves a checkpoint and the state it names.
   */
  private void checkpoint(Strategy strategy, StatefulEvaluator evaluator, int told, long elapsedMs, String stopReason) {
    var node = Json.json().createObjectNode();
    node.set("fingerprint", fingerprint());
    node.put("told", told);
    node.put(JOURNAL_SHA256, journalSha256.current());
    node.put("elapsed_ms", elapsedMs);
    if (stopReason != null) {
      node.put(STOP_REASON, stopReason);
    }
    node.set("strategy", strategy.snapshot());
    String stateName = evaluator == null ? null : "evaluator-" + told + ".bin";
    if (evaluator != null) {
      node.put(EVALUATOR_STATE, stateName);
      Json.writeAtomically(dir.resolve(STATE_DIR).resolve(stateName), evaluator::saveState);
    }
    Json.writeAtomically(dir.resolve(CHECKPOINT), node);
    if (evaluator != null) {
      deleteOtherEvaluatorStates(stateName);
    }
  }

  private void deleteOtherEvaluatorStates(String keep) {
    try (var files = Files.list(dir.resolve(STATE_DIR))) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String name = f.getFileName().toString();
        if (name.startsWith("evaluator-") && name.endsWith(".bin") && !name.equals(keep)) {
          Files.deleteIfExists(f);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean " + dir.resolve(STATE_DIR), e);
    }
  }
}
