/** NSGA-II (Deb et al., 2002) for multi-objective search, with Jenetics' crowded-comparison selection. */
package dev.nas.strategies.nsga2;
