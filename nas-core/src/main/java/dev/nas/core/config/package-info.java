/**
 * Experiment configuration: YAML bound to records, {@code type:} discriminators for the space,
 * strategy and evaluator, {@code --set} overrides, and errors that name the key, the bad value and
 * what is accepted. Component types register themselves through {@link ComponentTypes}.
 */
package dev.nas.core.config;
