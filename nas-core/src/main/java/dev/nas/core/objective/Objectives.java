package dev.nas.core.objective;

import dev.nas.core.arch.Architecture;
import dev.nas.core.config.ConfigException;
import dev.nas.core.eval.Metrics;
import dev.nas.core.trial.Trial;
import dev.nas.core.trial.TrialStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code objectives:} and {@code constraints:} of an experiment, with the measures they need:
 * what a run measures before training a candidate, whether it may be trained, and the Pareto
 * front of the trials.
 */
public final class Objectives {

  public static final Objectives NONE = new Objectives(List.of(), List.of(), Map.of(), null);

  private final List<Objective> objectives;
  private final List<Constraint> constraints;
  private final Map<String, ArchitectureMeasure> measures;
  private final String signalMetric;

  private Objectives(List<Objective> objectives, List<Constraint> constraints, Map<String, ArchitectureMeasure> used,
      String signalMetric) {
    this.objectives = List.copyOf(objectives);
    this.constraints = List.copyOf(constraints);
    this.measures = used;
    this.signalMetric = signalMetric;
  }

  /**
   * Checks every name against what exists: an objective names a measure of the space or the
   * evaluator's signal; a constraint names a measure (it is checked before training).
   */
  public static Objectives of(List<Objective> objectives, List<Constraint> constraints,
      Map<String, ArchitectureMeasure> available, String signalMetric) {
    Map<String, ArchitectureMeasure> used = new LinkedHashMap<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < objectives.size(); i++) {
      String m = objectives.get(i).metric();
      if (!names.add(m)) {
        throw ConfigException.badValue("objectives[" + i + "].metric", m, "each metric once");
      }
      if (available.containsKey(m)) {
        used.put(m, available.get(m));
      } else if (!m.equals(signalMetric)) {
        throw ConfigException.badValue("objectives[" + i + "].metric", m, accepted(available, signalMetric));
      }
    }
    if (objectives.size() == 1) {
      throw ConfigException.badValue("objectives", objectives.size() + " objective",
          "at least 2 objectives (one objective is the evaluator's signal: no objectives section needed)");
    }
    for (int i = 0; i < constraints.size(); i++) {
      String m = constraints.get(i).metric();
      if (!available.containsKey(m)) {
        throw ConfigException.badValue("constraints[" + i + "]", constraints.get(i).toString(),
            "a constraint on a measure known before training: " + String.join(", ", available.keySet()));
      }
      used.put(m, available.get(m));
    }
    return new Objectives(objectives, constraints, used, signalMetric);
  }

  private static String accepted(Map<String, ArchitectureMeasure> available, String signalMetric) {
    List<String> names = new ArrayList<>(available.keySet());
    names.add(signalMetric);
    return "one of " + String.join(", ", names);
  }

  public List<Objective> objectives() {
    return objectives;
  }

  public boolean isMultiObjective() {
    return !objectives.isEmpty();
  }

  /** The measures the objectives and constraints use, for this architecture. */
  public Map<String, Double> measure(Architecture architecture) {
    Map<String, Double> values = new LinkedHashMap<>();
    measures.forEach((name, m) -> values.put(name, m.measure(architecture)));
    return values;
  }

  /** Why these measures break a constraint, or null if they keep all. */
  public String violation(Map<String, Double> measured) {
    for (Constraint c : constraints) {
      double v = measured.get(c.metric());
      if (!c.holds(v)) {
        return "constraint " + c + " broken: " + c.metric() + " = " + v;
      }
    }
    return null;
  }

  /** An evaluation's values with the measures added. */
  public static Metrics withMeasures(Metrics metrics, Map<String, Double> measured) {
    if (measured.isEmpty()) {
      return metrics;
    }
    Map<String, Double> values = new LinkedHashMap<>(metrics.values());
    values.putAll(measured);
    return new Metrics(metrics.signal(), values);
  }

  /** The objective vector of an evaluation, "larger is better" in every coordinate. */
  public double[] point(Metrics metrics) {
    double[] p = new double[objectives.size()];
    for (int i = 0; i < p.length; i++) {
      Objective o = objectives.get(i);
      p[i] = o.goal().better(value(metrics, o.metric()));
    }
    return p;
  }

  /** A named value; the signal is taken as such (at another fidelity it is recorded under another name). */
  private double value(Metrics metrics, String metric) {
    return metric.equals(signalMetric) ? metrics.signal() : metrics.value(metric);
  }

  /** The non-dominated succeeded trials, one per canonical architecture (its first evaluation), in trial order. */
  public List<ParetoPoint> front(List<Trial> trials) {
    List<Trial> candidates = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Trial t : trials) {
      if (t.status() == TrialStatus.SUCCEEDED && seen.add(t.arch().hash())) {
        candidates.add(t);
      }
    }
    List<double[]> points = candidates.stream().map(t -> point(t.metrics())).toList();
    List<ParetoPoint> front = new ArrayList<>();
    for (int i : ParetoFront.nonDominated(points)) {
      Trial t = candidates.get(i);
      Map<String, Double> values = new LinkedHashMap<>();
      for (Objective o : objectives) {
        values.put(o.metric(), value(t.metrics(), o.metric()));
      }
      front.add(new ParetoPoint(t.id(), t.notation(), t.arch().hash(), values));
    }
    return front;
  }

  /** The hypervolume of {@code front} against the objectives' references, or null if one has none. */
  public Double hypervolume(List<ParetoPoint> front) {
    double[] reference = new double[objectives.size()];
    for (int i = 0; i < reference.length; i++) {
      Objective o = objectives.get(i);
      if (o.reference() == null) {
        return null;
      }
      reference[i] = o.goal().better(o.reference());
    }
    return ParetoFront.hypervolume(front.stream().map(this::vector).toList(), reference);
  }

  /** A front member's objective vector, "larger is better" in every coordinate. */
  public double[] vector(ParetoPoint point) {
    return objectives.stream().mapToDouble(o -> o.goal().better(point.objectives().get(o.metric()))).toArray();
  }
}
