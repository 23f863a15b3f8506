/** Architectures, the genomes that encode them, and the search-space contract. */
package dev.nas.core.arch;
