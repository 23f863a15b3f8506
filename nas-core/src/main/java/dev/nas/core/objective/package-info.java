/**
 * Multi-objective search: objectives (a metric and a direction), constraints checked before an
 * architecture is trained, measures of an architecture that need no training (parameters, FLOPs,
 * latency), the Pareto front and its hypervolume.
 */
package dev.nas.core.objective;
