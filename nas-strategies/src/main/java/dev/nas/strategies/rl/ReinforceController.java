package dev.nas.strategies.rl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nas.core.arch.Architecture;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.json.Json;
import dev.nas.core.strategy.Strategy;
import dev.nas.core.trial.Trial;
import dev.nas.core.trial.TrialStatus;
import dev.nas.strategies.StrategyRandom;
import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * ENAS's controller as a strategy: {@link #ask} samples a genome from the LSTM policy; {@link #tell}
 * makes one REINFORCE step on it, as the ENAS reference code does: reward = {@code rewardScale} x
 * the trial's signal + {@code entropyWeight} x the sample's entropy; the baseline (starting at 0)
 * moves first, {@code b <- b - (1 - decay)(b - reward)}; the loss {@code -log p(sample) (reward - b)}
 * is minimised by Adam. Failed trials teach nothing.
 */
public final class ReinforceController implements Strategy {

  private final SearchSpace space;
  private final ReinforceConfig settings;
  private final StrategyRandom random;
  private final LstmPolicy policy;
  private double[] m;
  private double[] v;
  private long steps;
  private double baseline;
  private int[] pending;

  public ReinforceController(SearchSpace space, ReinforceConfig settings, long seed) {
    this.space = space;
    this.settings = settings;
    this.random = new StrategyRandom(seed);
    int[] cardinality = space.genome().genes().stream().mapToInt(g -> g.cardinality()).toArray();
    this.policy = new LstmPolicy(cardinality, settings.hidden(), settings.temperature(), settings.tanhConstant(),
        random.generator().nextLong());
    this.m = new double[policy.params.length];
    this.v = new double[policy.params.length];
  }

  @Override
  public Architecture ask() {
    pending = policy.sample(random.generator());
    return space.decode(pending);
  }

  @Override
  public void tell(Trial finished) {
    int[] decisions = pending;
    pending = null;
    if (decisions == null || finished.status() != TrialStatus.SUCCEEDED || finished.metrics() == null) {
      return;
    }
    double[] entropy = new double[1];
    policy.logProbability(decisions, entropy);
    double reward = settings.rewardScale() * finished.metrics().signal() + settings.entropyWeight() * entropy[0];
    baseline -= (1 - settings.baselineDecay()) * (baseline - reward);
    double advantage = reward - baseline;
    double[] grad = policy.gradLogProbability(decisions);
    adamStep(grad, -advantage);
  }

  /** One Adam step on the loss whose gradient is {@code scale * grad}. */
  private void adamStep(double[] grad, double scale) {
    steps++;
    double b1 = 0.9;
    double b2 = 0.999;
    double c1 = 1 - Math.pow(b1, steps);
    double c2 = 1 - Math.pow(b2, steps);
    double[] p = policy.params;
    for (int i = 0; i < p.length; i++) {
      double g = scale * grad[i];
      m[i] = b1 * m[i] + (1 - b1) * g;
      v[i] = b2 * v[i] + (1 - b2) * g * g;
      p[i] -= settings.lr() * (m[i] / c1) / (Math.sqrt(v[i] / c2) + 1e-8);
    }
  }

  /** The policy's probability of a genome (for tests and reports). */
  double logProbability(int[] genes) {
    return policy.logProbability(genes, null);
  }

  double baseline() {
    return baseline;
  }

  @Override
  public JsonNode snapshot() {
    ObjectNode node = Json.json().createObjectNode();
    node.put("random", random.save());
    node.put("params", encode(policy.params));
    node.put("adam_m", encode(m));
    node.put("adam_v", encode(v));
    node.put("adam_steps", steps);
    node.put("baseline", baseline);
    if (pending != null) {
      var array = node.putArray("pending");
      for (int d : pending) {
        array.add(d);
      }
    }
    return node;
  }

  @Override
  public void restore(JsonNode snapshot) {
    random.restore(snapshot.get("random").asText());
    double[] params = decode(snapshot.get("params").asText());
    if (params.length != policy.params.length) {
      throw new IllegalArgumentException("controller snapshot has " + params.length + " parameters, this controller "
          + policy.params.length + " (another hidden size or space?)");
    }
    System.arraycopy(params, 0, policy.params, 0, params.length);
    m = decode(snapshot.get("adam_m").asText());
    v = decode(snapshot.get("adam_v").asText());
    steps = snapshot.get("adam_steps").asLong();
    baseline = snapshot.get("baseline").asDouble();
    JsonNode p = snapshot.get("pending");
    pending = p == null ? null : java.util.stream.StreamSupport.stream(p.spliterator(), false)
        .mapToInt(JsonNode::asInt).toArray();
  }

  /** Exact: the doubles' bits, base64. */
  private static String encode(double[] values) {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * Double.BYTES);
    buffer.asDoubleBuffer().put(values);
    return Base64.getEncoder().encodeToString(buffer.array());
  }

  private static double[] decode(String text) {
    ByteBuffer buffer = ByteBuffer.wrap(Base64.getDecoder().decode(text));
    double[] values = new double[buffer.capacity() / Double.BYTES];
    buffer.asDoubleBuffer().get(values);
    return values;
  }
}
