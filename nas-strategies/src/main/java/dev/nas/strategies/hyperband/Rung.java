package dev.nas.strategies.hyperband;

/**
 * One rung of a bracket: {@code size} candidates evaluated at {@code fidelity}, the evaluator's
 * value for the paper's ideal budget {@code budget} = R·η^(i−s).
 */
public record Rung(int size, double budget, int fidelity) {}
