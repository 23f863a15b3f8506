package org.nd4j.nativeblas;

/**
 * Compatibility shim: DL4J 1.0.0-M2.1's oneDNN helpers look up
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment.getInstance().isUseMKLDNN()} by reflection, but
 * ND4J M2.1 moved that class to {@code org.nd4j.linalg.cpu.nativecpu.bindings} and renamed the
 * method {@code isUseONEDNN}. Without this class every DL4J layer silently falls back to the
 * slow Java path (see ../shared/notes/dl4j-facts.md, section b). It only delegates.
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

    /** Whether libnd4j runs its oneDNN kernels (true by default in the onednn build). */
    public boolean isUseMKLDNN() {
      return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
    }
  }
}
