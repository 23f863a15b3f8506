/**
 * Array-level building blocks that the ops' tape forms and the optimizers call: thin calls into
 * libnd4j's native ops, the Java kernels on dense float arrays (batch norm, the optimizer's update,
 * sums of squares), and the dilation grid of a dilated convolution. Nothing here knows a network.
 */
package dev.nas.supernet.kernels;
