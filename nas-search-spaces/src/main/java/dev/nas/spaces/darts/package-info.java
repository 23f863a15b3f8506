/**
 * The DARTS cell space: a normal and a reduction cell of 4 nodes, each node reading two distinct
 * earlier states through one of 7 ops each (NAS-Bench-301's space; the DARTS relaxation adds
 * {@code none} on every edge), its pre-issue-18 variant, and user-declared {@code cell} spaces;
 * the genotype text of the DARTS reference code both ways; the published genotypes; and the
 * DARTS paper's evaluation network as a network description.
 */
package dev.nas.spaces.darts;
