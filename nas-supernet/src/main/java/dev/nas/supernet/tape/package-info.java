/**
 * Candidate execution path (b) of the supernet: every op of the network description runs as a
 * libnd4j native op (oneDNN underneath for convolutions and pooling) and its backward as the
 * matching {@code *_bp} op or a few array ops, recorded on a small tape; parameters live in a
 * shared store and gradients come back as a map keyed like it.
 */
package dev.nas.supernet.tape;
