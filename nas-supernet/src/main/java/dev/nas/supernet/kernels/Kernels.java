package dev.nas.supernet.kernels;

import java.nio.FloatBuffer;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the tape's Java kernels share: direct access to an array's native memory, per-thread
 * scratch arrays, and a split of independent work items (channels) across threads.
 */
public final class Kernels {

  /** System property that turns the Java kernels off ({@code -Dnas.kernels=false}): libnd4j's ops run instead. */
  public static final String PROPERTY = "nas.kernels";

  private static volatile boolean enabled = !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true"));

  private Kernels() {}

  /** Turns the Java kernels on or off for the whole process (benchmarks compare both in one run). */
  public static void enable(boolean on) {
    enabled = on;
  }

  /**
   * Whether the kernels are on and every array is a dense C-ordered FLOAT array (see
   * {@link #dense}) of the same length: what a Java kernel needs.
   */
  public static boolean denseFloats(INDArray... arrays) {
    if (!enabled) {
      return false;
    }
    for (INDArray a : arrays) {
      if (a.dataType() != org.nd4j.linalg.api.buffer.DataType.FLOAT || !dense(a) || a.length() != arrays[0].length()) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code x}'s elements lie contiguously in C order (a view with an offset counts). */
  public static boolean dense(INDArray x) {
    // Checked by hand: ND4J may give a dimension of size 1 any stride (conv weights [1, 1, iC, oC]
    // failed Shape.hasDefaultStridesForShape), and such a stride is never used.
    long[] shape = x.shape();
    long[] stride = x.stride();
    long expected = 1;
    for (int d = shape.length - 1; d >= 0; d--) {
      if (shape[d] != 1 && stride[d] != expected) {
        return false;
      }
      expected *= shape[d];
    }
    return true;
  }

  /** {@code x}'s elements as a float buffer on its native memory, element 0 first. */
  public static FloatBuffer floats(INDArray x) {
    FloatBuffer all = x.data().asNioFloat();
    all.position(Math.toIntExact(x.offset()));
    return all.slice();
  }

  /**
   * Threads a kernel splits its work across: {@code -Dnas.kernels.threads=N}, default 1. On this
   * project's 2-core machine two threads made batch norm's backward no faster inside a training
   * step (154 against 164 ms per NB201 step), while handing work between the fork-join pool and
   * libnd4j's OpenMP threads slowed the native ops around it.
   */
  public static int threads() {
    return THREADS;
  }

  private static final int THREADS = Math.max(1, Integer.getInteger("nas.kernels.threads", 1));

  private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[4][0]);

  /**
   * A float array of at least {@code length} elements owned by the calling thread, slot 0 to 3:
   * kernels reuse them call after call, so a training step allocates nothing on the Java heap
   * (garbage there would bring collections whose threads compete with libnd4j's).
   */
  public static float[] scratch(int slot, int length) {
    float[][] arrays = SCRATCH.get();
    if (arrays[slot].length < length) {
      arrays[slot] = new float[length];
    }
    return arrays[slot];
  }

  /** Runs {@code body} for 0 .. count-1, in parallel when more than one thread is allowed. */
  public static void forEach(int count, IntConsumer body) {
    if (threads() == 1 || count == 1) {
      for (int i = 0; i < count; i++) {
        body.accept(i);
      }
    } else {
      IntStream.range(0, count).parallel().forEach(body);
    }
  }

  /** The sum of squares of {@code x}'s elements (its squared L2 norm), accumulated in double. */
  public static double sumOfSquares(INDArray x) {
    if (!denseFloats(x)) {
      double norm = x.norm2Number().doubleValue();
      return norm * norm;
    }
    FloatBuffer b = floats(x);
    int length = Math.toIntExact(x.length());
    double total = 0;
    for (int start = 0; start < length; start += 4096) {
      float partial = 0;
      for (int i = start, end = Math.min(length, start + 4096); i < end; i++) {
        float v = b.get(i);
        partial += v * v;
      }
      total += partial;
    }
    return total;
  }
}
