/**
 * Function-preserving network morphisms (Net2Net style) on the network description and its
 * trained weights: widen a conv or linear layer, deepen by an identity conv-BN-ReLU, add a
 * zero-initialised skip connection, widen a kernel; and their use as one-gene steps of the chain
 * space, so a morphism strategy can start each child from its parent's function.
 */
package dev.nas.supernet.morph;
