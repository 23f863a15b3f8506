package dev.nas.supernet.tape;

import java.nio.FloatBuffer;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What the tape's Java kernels share: direct access to an array's native memory and a split of
 * independent work items (channels) across as many threads as libnd4j uses
 * ({@code OMP_NUM_THREADS}, else one per core), so a run limited to one thread stays on one.
 */
public final class Kernels {

  private Kernels() {}

  /** Whether every array is a dense C-ordered FLOAT array (see {@link #dense}) of the same length. */
  public static boolean denseFloats(INDArray... arrays) {
    for (INDArray a : arrays) {
      if (a.dataType() != org.nd4j.linalg.api.buffer.DataType.FLOAT || !dense(a) || a.length() != arrays[0].length()) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code x}'s elements lie contiguously in C order (a view with an offset counts). */
  public static boolean dense(INDArray x) {
    return x.ordering() == 'c' && Shape.hasDefaultStridesForShape(x);
  }

  /** {@code x}'s elements as a float buffer on its native memory, element 0 first. */
  public static FloatBuffer floats(INDArray x) {
    FloatBuffer all = x.data().asNioFloat();
    all.position(Math.toIntExact(x.offset()));
    return all.slice();
  }

  public static int threads() {
    return Math.max(1, Nd4j.getEnvironment().maxMasterThreads());
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

  /**
   * The sum of {@code a[0 .. length-1]} in float, on eight accumulators: one accumulator waits for
   * each addition to finish (about 1 element per ns here), eight keep the adder busy.
   */
  public static float sum(float[] a, int length) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    float s4 = 0;
    float s5 = 0;
    float s6 = 0;
    float s7 = 0;
    int i = 0;
    for (; i + 8 <= length; i += 8) {
      s0 += a[i];
      s1 += a[i + 1];
      s2 += a[i + 2];
      s3 += a[i + 3];
      s4 += a[i + 4];
      s5 += a[i + 5];
      s6 += a[i + 6];
      s7 += a[i + 7];
    }
    for (; i < length; i++) {
      s0 += a[i];
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
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
