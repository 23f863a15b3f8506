/**
 * One home per op kind: its weight-store arrays, tape forward and backward, DL4J layer and
 * SameDiff form ({@link dev.nas.supernet.ops.OpForm}), looked up through
 * {@link dev.nas.supernet.ops.OpForms}. The drivers (the tape, the DL4J and SameDiff builders, the
 * weight store) walk a network and hand each node to its form.
 */
package dev.nas.supernet.ops;
