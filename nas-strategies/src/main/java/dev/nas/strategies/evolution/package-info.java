/**
 * Regularized (aging) evolution, Real et al. 2019, on Jenetics genotypes and selectors: a
 * population of P, one child per step by one-gene mutation of the winner of a tournament of S,
 * and the oldest individual dies.
 */
package dev.nas.strategies.evolution;
