/**
 * DARTS: bilevel gradient search on the supernet's continuous relaxation (first and second
 * order), the reference code's discretisation, and DARTS- collapse protection.
 */
package dev.nas.strategies.darts;
