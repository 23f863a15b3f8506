/**
 * Successive halving and Hyperband (Li et al., JMLR 2018) as trial schedulers: random candidates
 * evaluated at small budgets, the best of each rung promoted to a larger one, over any
 * {@link dev.nas.core.eval.MultiFidelityEvaluator}.
 */
package dev.nas.strategies.hyperband;
