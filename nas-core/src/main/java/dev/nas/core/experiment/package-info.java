/**
 * The experiment loop: asks the strategy, evaluates, journals every trial event, keeps the best,
 * checkpoints the strategy, and resumes a killed run exactly where it stopped.
 */
package dev.nas.core.experiment;
