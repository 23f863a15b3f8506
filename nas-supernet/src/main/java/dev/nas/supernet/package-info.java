/**
 * The numerics backend: ND4J/SameDiff/DL4J set-up (oneDNN), datasets, the weight-shared
 * supernet, training, and the stand-alone DL4J model built from a network description.
 */
package dev.nas.supernet;
