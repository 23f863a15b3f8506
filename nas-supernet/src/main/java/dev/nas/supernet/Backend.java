package dev.nas.supernet;

import org.nd4j.linalg.factory.Nd4j;

/**
 * One-time set-up of the native backend. DL4J layers use oneDNN only when the system property
 * {@value #HELPERS_PROPERTY} is {@code false} (its default is {@code true}) and the
 * {@link org.nd4j.nativeblas.Nd4jCpu} shim is on the class path; this turns them on unless the
 * user asked otherwise with {@code -Dnas.onednn=false}.
 */
public final class Backend {

  public static final String HELPERS_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";
  public static final String ONEDNN_PROPERTY = "nas.onednn";

  private static volatile boolean initialised;

  private Backend() {}

  /** Call before the first DL4J layer or ND4J array is created; later calls do nothing. */
  public static synchronized void init() {
    if (initialised) {
      return;
    }
    boolean onednn = !"false".equalsIgnoreCase(System.getProperty(ONEDNN_PROPERTY, "true"));
    if (System.getProperty(HELPERS_PROPERTY) == null) {
      System.setProperty(HELPERS_PROPERTY, Boolean.toString(!onednn));
    }
    Nd4j.getEnvironment().allowHelpers(onednn);
    initialised = true;
  }

  /** Whether libnd4j's oneDNN kernels are enabled (SameDiff, raw ops, and DL4J with the shim). */
  public static boolean oneDnnEnabled() {
    init();
    return Nd4j.getEnvironment().helpersAllowed()
        && org.nd4j.nativeblas.Nd4jCpu.Environment.getInstance().isUseMKLDNN();
  }
}
