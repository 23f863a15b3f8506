package dev.nas.supernet;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.cache.CacheStats;
import dev.nas.core.arch.Architecture;
import dev.nas.spaces.network.BatchNorm;
import dev.nas.spaces.network.Network;
import dev.nas.spaces.network.NetworkSpace;
import dev.nas.spaces.network.RelaxableSpace;
import dev.nas.supernet.tape.TapeNetwork;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The weight-shared supernet of a search space: one store of weights, BN statistics,
 * architecture weights and optimizer state, and the graphs that run on it. A sampled child's
 * graph holds only the ops the child chose (each named after its place in the space, so children
 * that choose the same op somewhere share its weights); built graphs are cached, least recently
 * used dropped first. The relaxed network (DARTS) runs on the same store.
 */
public final class Supernet {

  private final NetworkSpace space;
  private final SupernetOptions options;
  private final long seed;
  private final Map<String, INDArray> store;
  private final Cache<Architecture, TapeNetwork> children;
  private TapeNetwork relaxed;

  /** A supernet with a new, empty store; weights are created as children first need them. */
  public Supernet(NetworkSpace space, long seed, SupernetOptions options) {
    this(space, new HashMap<>(), seed, options);
  }

  /** A supernet on an existing store (e.g. restored from a checkpoint). */
  public Supernet(NetworkSpace space, Map<String, INDArray> store, long seed, SupernetOptions options) {
    this.space = space;
    this.store = store;
    this.seed = seed;
    this.options = options;
    // One segment: Guava splits maximumSize among its segments and evicts per segment, which with
    // the default four would drop children long before the configured size is reached.
    this.children = CacheBuilder.newBuilder().concurrencyLevel(1).maximumSize(options.cacheSize()).recordStats().build();
  }

  public NetworkSpace space() {
    return space;
  }

  public SupernetOptions options() {
    return options;
  }

  /** The shared store, by name (see {@link ParameterStore} for names and layouts). */
  public Map<String, INDArray> store() {
    return store;
  }

  /** The graph of a sampled child on the shared weights, built on first use and cached. */
  public TapeNetwork child(Architecture architecture) {
    try {
      return children.get(architecture, () -> build(network(architecture)));
    } catch (ExecutionException e) {
      throw new IllegalStateException("building the supernet child " + space.format(architecture), e.getCause());
    } catch (com.google.common.util.concurrent.UncheckedExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  /** The network description of a child as the supernet runs it (BN per {@link SupernetOptions}). */
  public Network network(Architecture architecture) {
    return adapt(space.network(architecture));
  }

  /** The continuous relaxation (every op on every edge, weighted by architecture weights) on the same store. */
  public TapeNetwork relaxed() {
    if (!(space instanceof RelaxableSpace r)) {
      throw new UnsupportedOperationException("the " + space.id() + " space has no continuous relaxation");
    }
    if (relaxed == null) {
      relaxed = build(adapt(r.relaxedNetwork())).lean(true);
    }
    return relaxed;
  }

  /** Drops every built child graph, e.g. after weights they hold were removed from the store. */
  public void clearChildren() {
    children.invalidateAll();
  }

  /** Hits, misses and evictions of the child-graph cache. */
  public CacheStats cacheStats() {
    return children.stats();
  }

  private Network adapt(Network net) {
    // The relaxation's cells are non-affine already; affine settings apply to whole children.
    return options.batchNormAffine() ? net : net.withOps(op -> op instanceof BatchNorm ? new BatchNorm(false) : op);
  }

  private TapeNetwork build(Network net) {
    return new TapeNetwork(net, store, seed, options.dataType())
        .trackRunningStatistics(options.trackRunningStatistics());
  }
}
