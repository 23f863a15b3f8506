/** The {@code nas} command line (picocli): search, resume; exit codes 0 ok, 2 bad input, 1 failure. */
package dev.nas.cli;
