package dev.nas.core.objective;

import dev.nas.core.arch.Architecture;

/**
 * A figure of an architecture known without training it (parameters and FLOPs from the network
 * description, latency of the built model), usable in objectives and in constraints that reject
 * a candidate before it is trained. Modules provide them per space through
 * {@link dev.nas.core.config.ComponentTypes#measures}.
 */
public interface ArchitectureMeasure {

  /** The metric name it is recorded under, e.g. {@code params}. */
  String name();

  double measure(Architecture architecture);
}
