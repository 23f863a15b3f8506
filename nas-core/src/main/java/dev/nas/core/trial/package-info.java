/** Trials: one evaluation of one architecture, and its status lifecycle. */
package dev.nas.core.trial;
