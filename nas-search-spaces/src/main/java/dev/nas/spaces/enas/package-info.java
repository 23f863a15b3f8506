/**
 * The ENAS macro ("hypernetwork") space: a chain of layers, each choosing one of six ops and any
 * set of skip connections from earlier layers, with factorized reductions at fixed positions.
 */
package dev.nas.spaces.enas;
