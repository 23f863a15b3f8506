/** Training on the shared store: SGD with momentum, cosine learning rate, clipping, divergence guard. */
package dev.nas.supernet.train;
