/** Search strategies in ask/tell form; each strategy in its own package. */
package dev.nas.strategies;
