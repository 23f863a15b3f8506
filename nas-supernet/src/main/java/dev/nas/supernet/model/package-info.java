/**
 * The trained model a user takes away: a DL4J {@code ComputationGraph} zip written from a
 * network's trained weights, with its input normalizer, class names and a description of what it
 * is, and read back (checked) to classify images.
 */
package dev.nas.supernet.model;
