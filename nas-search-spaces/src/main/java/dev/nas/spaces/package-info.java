/** The search spaces and their tabular benchmarks; each space in its own package. */
package dev.nas.spaces;
