package dev.nas.core.trial;

import java.util.EnumSet;
import java.util.Set;

/** Lifecycle of a trial: QUEUED -> RUNNING -> SUCCEEDED | FAILED | PRUNED; QUEUED -> PRUNED. */
public enum TrialStatus {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  PRUNED;

  public boolean isFinished() {
    return this == SUCCEEDED || this == FAILED || this == PRUNED;
  }

  public Set<TrialStatus> successors() {
    return switch (this) {
      case QUEUED -> EnumSet.of(RUNNING, PRUNED);
      case RUNNING -> EnumSet.of(SUCCEEDED, FAILED, PRUNED);
      case SUCCEEDED, FAILED, PRUNED -> EnumSet.noneOf(TrialStatus.class);
    };
  }
}
