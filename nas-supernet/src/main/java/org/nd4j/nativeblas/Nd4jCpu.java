package org.nd4j.nativeblas;

/**
 * Compatibility shim: DL4J 1.0.0-M2.1's oneDNN helpers look up
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment.getInstance().isUseMKLDNN()} by reflection, but
 * ND4J M2.1 moved that class to {@code org.nd4j.linalg.cpu.nativecpu.bindings} and renamed the
 * method {@code isUseONEDNN}. Without this class every DL4J layer silently falls back to the
 * slow Java path (see ../shared/notes/dl4j-facts.md, section b). It only delegates, by
 * reflection, so that the module also compiles against ND4J-CUDA (where it answers false).
 */
public final class Nd4jCpu {

  private Nd4jCpu() {}

  /** The environment view the DL4J helpers query. */
  public static final class Environment {

    private static final Environment INSTANCE = new Environment();

    private Environment() {}

    public static Environment getInstance() {
      return INSTANCE;
    }

    private static final java.lang.invoke.MethodHandle USE_ONEDNN = useOneDnn();

    private static java.lang.invoke.MethodHandle useOneDnn() {
      try {
        Class<?> env = Class.forName("org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment");
        Object instance = env.getMethod("getInstance").invoke(null);
        return java.lang.invoke.MethodHandles.publicLookup().unreflect(env.getMethod("isUseONEDNN")).bindTo(instance);
      } catch (ReflectiveOperationException e) {
        return null; // not the CPU backend
      }
    }

    /** Whether libnd4j runs its oneDNN kernels (true by default in the onednn build; false off the CPU backend). */
    public boolean isUseMKLDNN() {
      if (USE_ONEDNN == null) {
        return false;
      }
      try {
        return (boolean) USE_ONEDNN.invoke();
      } catch (Throwable e) {
        throw new IllegalStateException("querying libnd4j's oneDNN switch", e);
      }
    }
  }
}
