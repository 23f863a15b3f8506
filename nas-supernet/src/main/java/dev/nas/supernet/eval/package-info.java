/**
 * Evaluators that train: {@link dev.nas.supernet.eval.SupernetEvaluator} (a child trained briefly
 * on the shared weights, scored on held-out batches) and
 * {@link dev.nas.supernet.eval.StandaloneEvaluator} (a network trained from scratch), with their
 * config types ({@code evaluator: {type: supernet}} and {@code {type: standalone}}).
 */
package dev.nas.supernet.eval;
