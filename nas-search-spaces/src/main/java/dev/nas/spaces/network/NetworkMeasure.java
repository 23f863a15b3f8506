package dev.nas.spaces.network;

import dev.nas.core.arch.Architecture;
import dev.nas.core.objective.ArchitectureMeasure;
import java.util.function.ToLongFunction;

/** A measure read off an architecture's network description (parameters, FLOPs): no training needed. */
public record NetworkMeasure(String name, NetworkSpace space, ToLongFunction<Network> of) implements ArchitectureMeasure {

  @Override
  public double measure(Architecture architecture) {
    return of.applyAsLong(space.network(architecture));
  }
}
