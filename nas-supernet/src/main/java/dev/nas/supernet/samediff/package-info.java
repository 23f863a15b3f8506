/**
 * A network description as a SameDiff graph whose variables are the arrays of a shared weight
 * store (bound by reference). Uses only ops whose gradients are verified (batch norm written out
 * from reductions, exclude-pad average pooling, plain softmax cross-entropy).
 */
package dev.nas.supernet.samediff;
