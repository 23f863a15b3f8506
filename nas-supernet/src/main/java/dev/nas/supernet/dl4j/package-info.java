/** The stand-alone model: a DL4J ComputationGraph built from a network description. */
package dev.nas.supernet.dl4j;
