/**
 * The supernet's execution path: a network description run node by node, each by its op's form
 * ({@link dev.nas.supernet.ops.OpForms}: libnd4j native ops with oneDNN underneath, or Java
 * kernels), recorded on a small tape for the backward; parameters live in a shared store and
 * gradients come back as a map keyed like it.
 */
package dev.nas.supernet.tape;
