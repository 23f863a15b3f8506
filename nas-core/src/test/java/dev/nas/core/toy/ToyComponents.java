package dev.nas.core.toy;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nas.core.arch.Architecture;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.config.ConfigException;
import dev.nas.core.config.EvaluatorConfig;
import dev.nas.core.config.SpaceConfig;
import dev.nas.core.config.StrategyConfig;
import dev.nas.core.data.DataRoot;
import dev.nas.core.eval.Evaluator;
import dev.nas.core.eval.Metrics;
import dev.nas.core.eval.StatefulEvaluator;
import dev.nas.core.json.Json;
import dev.nas.core.strategy.Strategy;
import dev.nas.core.trial.Trial;
import dev.nas.core.trial.TrialStatus;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Config types and components for core tests, without any real space or strategy. */
public final class ToyComponents {

  private ToyComponents() {}

  public static List<Class<?>> types() {
    return List.of(Space.class, Eval.class, SharedEval.class, Climber.class);
  }

  @JsonTypeName("toy")
  public record Space() implements SpaceConfig {
    @Override
    public SearchSpace create() {
      return new ToySpace();
    }
  }

  /**
   * Scores by a fixed function of the genes plus seeded noise; fails when {@code failOn} (a toy
   * arch string) is evaluated.
   */
  @JsonTypeName("toy-eval")
  public record Eval(String failOn) implements EvaluatorConfig {
    @Override
    public Evaluator create(SearchSpace space, DataRoot data) {
      return new Evaluator() {
        @Override
        public Metrics evaluate(Architecture a, long seed) {
          if (space.format(a).equals(failOn)) {
            throw new IllegalStateException("diverged");
          }
          int[] g = a.genes();
          double s = g[0] * 3 + g[1] * 2 + g[2] + g[3] * 0.5 + new SplittableRandom(seed).nextDouble();
          return new Metrics(s, Map.of("score", s, "final", 10 * s));
        }

        @Override
        public String signalMetric() {
          return "score";
        }

        @Override
        public String reportedMetric() {
          return "final";
        }
      };
    }
  }

  /**
   * A stateful evaluator, like a supernet: every evaluation moves a shared value {@code w} that
   * later scores depend on, so a resume that lost or replayed state would score differently.
   * Fails on {@code failOn} after moving {@code w}, and must then put it back.
   */
  @JsonTypeName("toy-shared")
  public record SharedEval(String failOn) implements EvaluatorConfig {
    @Override
    public Evaluator create(SearchSpace space, DataRoot data) {
      return new Shared(space, failOn, 0);
    }
  }

  public static final class Shared implements StatefulEvaluator {
    private final SearchSpace space;
    private final String failOn;
    private double w;
    private int evaluations;

    Shared(SearchSpace space, String failOn, long seed) {
      this.space = space;
      this.failOn = failOn;
      this.w = new SplittableRandom(seed).nextDouble();
    }

    @Override
    public Evaluator forRun(long seed) {
      return new Shared(space, failOn, seed);
    }

    public double w() {
      return w;
    }

    @Override
    public Metrics evaluate(Architecture a, long seed) {
      double before = w;
      int[] g = a.genes();
      w = 0.9 * w + 0.1 * g[0] + new SplittableRandom(seed).nextDouble() * 0.01;
      evaluations++;
      if (space.format(a).equals(failOn)) {
        w = before;
        evaluations--;
        throw new IllegalStateException("diverged");
      }
      double s = g[0] * 3 + g[1] * 2 + g[2] + g[3] * 0.5 + w;
      return new Metrics(s, Map.of("score", s, "final", 10 * s, "evaluations", (double) evaluations));
    }

    @Override
    public void saveState(OutputStream out) throws IOException {
      DataOutputStream d = new DataOutputStream(out);
      d.writeDouble(w);
      d.writeInt(evaluations);
      d.flush();
    }

    @Override
    public void restoreState(InputStream in) throws IOException {
      DataInputStream d = new DataInputStream(in);
      w = d.readDouble();
      evaluations = d.readInt();
    }

    @Override
    public String signalMetric() {
      return "score";
    }

    @Override
    public String reportedMetric() {
      return "final";
    }
  }

  /** A hill climber: its asks depend on every tell, so a wrong replay changes the search. */
  @JsonTypeName("toy-climb")
  public record Climber(Integer restarts) implements StrategyConfig {
    public Climber {
      if (restarts == null) {
        restarts = 5;
      }
      if (restarts < 0) {
        throw ConfigException.badValue("restarts", restarts, "an integer >= 0");
      }
    }

    @Override
    public Strategy create(SearchSpace space, long seed) {
      return new ClimbStrategy(space, seed, restarts);
    }
  }

  static final class ClimbStrategy implements Strategy {
    private final SearchSpace space;
    private long seed;
    private final int restarts;
    private long step;
    private Architecture best;
    private double bestScore = Double.NEGATIVE_INFINITY;

    ClimbStrategy(SearchSpace space, long seed, int restarts) {
      this.space = space;
      this.seed = seed;
      this.restarts = restarts;
    }

    @Override
    public Architecture ask() {
      var rng = new SplittableRandom(seed + 0x9e3779b97f4a7c15L * step++);
      return best == null || step % (restarts + 1) == 0 ? space.sample(rng) : space.mutate(best, rng);
    }

    @Override
    public void tell(Trial t) {
      if (t.status() == TrialStatus.SUCCEEDED && t.metrics().signal() > bestScore) {
        best = t.arch();
        bestScore = t.metrics().signal();
      }
    }

    @Override
    public JsonNode snapshot() {
      ObjectNode n = Json.json().createObjectNode();
      n.put("seed", seed);
      n.put("step", step);
      n.put("best_score", bestScore);
      n.set("best", best == null ? null : Json.tree(best));
      return n;
    }

    @Override
    public void restore(JsonNode s) {
      seed = s.get("seed").asLong();
      step = s.get("step").asLong();
      bestScore = s.get("best_score").asDouble();
      best = s.get("best") == null || s.get("best").isNull() ? null
          : Json.json().convertValue(s.get("best"), Architecture.class);
    }
  }
}
