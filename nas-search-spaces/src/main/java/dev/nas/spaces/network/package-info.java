/**
 * The network description (IR) every space compiles an architecture to: an immutable graph of
 * primitive ops with inferred shapes, free of any tensor library. Parameter and FLOP counts are
 * computed from it, and later the supernet and the stand-alone DL4J model are built from it.
 */
package dev.nas.spaces.network;
