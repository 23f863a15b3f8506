/**
 * Network-morphism search (NASH-style hill climbing, Elsken et al. 2017): children grow from a
 * parent by function-preserving gene increases of the chain space, start from the parent's
 * trained weights in the supernet's shared store, are fine-tuned briefly and scored; the best
 * child becomes the next parent.
 */
package dev.nas.strategies.morphism;
