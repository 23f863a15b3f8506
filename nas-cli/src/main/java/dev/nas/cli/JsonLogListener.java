package dev.nas.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nas.core.experiment.BestTrial;
import dev.nas.core.experiment.RetrainedTrial;
import dev.nas.core.experiment.RunListener;
import dev.nas.core.experiment.RunSummary;
import dev.nas.core.json.Json;
import dev.nas.core.trial.Trial;
import java.io.PrintWriter;

/**
 * {@code --log-format json}: one JSON object per line on stderr for every event of a run
 * (experiment started, trial finished, retraining started/finished, run finished), for scripts
 * and log collectors; no progress bars. Each line has {@code event} and {@code time}.
 */
final class JsonLogListener implements RunListener {

  private final JsonEvents events;

  JsonLogListener(PrintWriter err) {
    this.events = new JsonEvents(err);
  }

  private ObjectNode event(String name) {
    return events.event(name);
  }

  private void emit(ObjectNode n) {
    events.emit(n);
  }

  @Override
  public void resumed(long seed, String what) {
    ObjectNode n = event("run_resumed");
    n.put("seed", seed);
    n.put("recovered", what);
    emit(n);
  }

  @Override
  public void experimentStarted(String name, int repeats, long totalTrials) {
    ObjectNode n = event("experiment_started");
    n.put("name", name);
    n.put("repeats", repeats);
    if (totalTrials >= 0) {
      n.put("total_trials", totalTrials);
    }
    emit(n);
  }

  @Override
  public void trialFinished(long seed, Trial trial, BestTrial best, int counted) {
    ObjectNode n = event("trial_finished");
    n.put("seed", seed);
    n.put("trial", trial.id());
    n.put("notation", trial.notation());
    n.put("status", trial.status().name());
    if (trial.fidelity() != null) {
      n.put("fidelity", trial.fidelity());
    }
    if (trial.metrics() != null) {
      n.put("signal", trial.metrics().signal());
    }
    if (trial.error() != null) {
      n.put("error", trial.error());
    }
    if (best != null) {
      n.put("best_trial", best.trial());
      n.put("best_signal", best.signal());
    }
    n.put("counted", counted);
    emit(n);
  }

  @Override
  public void retrainStarted(long seed, int rank, int of, Trial trial) {
    ObjectNode n = event("retrain_started");
    n.put("seed", seed);
    n.put("rank", rank);
    n.put("of", of);
    n.put("trial", trial.id());
    n.put("notation", trial.notation());
    emit(n);
  }

  @Override
  public void retrainFinished(long seed, RetrainedTrial result, int of) {
    ObjectNode n = event("retrain_finished");
    n.put("seed", seed);
    n.set("result", Json.tree(result));
    emit(n);
  }

  @Override
  public void runFinished(RunSummary summary) {
    ObjectNode n = event("run_finished");
    n.put("seed", summary.seed());
    n.put("trials", summary.trials());
    n.put("stop_reason", summary.stopReason());
    if (summary.reported() != null) {
      n.put("reported", summary.reported());
    }
    emit(n);
  }
}
