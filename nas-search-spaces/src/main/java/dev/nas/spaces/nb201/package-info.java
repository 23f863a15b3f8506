/**
 * NAS-Bench-201: the 6-edge x 5-op cell space with its official arch strings and index order, a
 * canonical form for functionally identical cells, and the tabular evaluator over the benchmark's
 * table (read from the data root, never shipped).
 */
package dev.nas.spaces.nb201;
