/**
 * The DARTS / NASNet cell space: a normal and a reduction cell of 4 nodes, each node taking two
 * earlier states through one op each; the genotype text of the DARTS reference code both ways;
 * the published genotypes; and the DARTS paper's evaluation network as a network description.
 */
package dev.nas.spaces.darts;
