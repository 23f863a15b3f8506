/** Evaluators turn an architecture into metrics: tabular lookup, supernet scoring, training. */
package dev.nas.core.eval;
