package dev.nas.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Ctrl-C (SIGINT/SIGTERM) handling: the shutdown hook asks the experiment to stop after the
 * current trial and waits for it to checkpoint, so the journal stays intact and resumable.
 */
final class StopSignal implements BooleanSupplier, AutoCloseable {

  private static final long GRACE_SECONDS = 60;

  private final AtomicBoolean requested = new AtomicBoolean();
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread hook;

  StopSignal() {
    hook = new Thread(() -> {
      requested.set(true);
      try {
        finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "nas-stop");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  @Override
  public boolean getAsBoolean() {
    return requested.get();
  }

  @Override
  public void close() {
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running: it has been released above.
    }
  }
}
