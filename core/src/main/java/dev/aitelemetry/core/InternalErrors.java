package dev.aitelemetry.core;

import java.lang.System.Logger.Level;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reports failures inside the instrumentation without flooding the host's log: the first failure of each kind is
 * logged with its stack trace, later ones at most once a minute with the count suppressed in between.
 */
final class InternalErrors {
  private static final System.Logger LOGGER = System.getLogger("dev.aitelemetry");
  private static final long INTERVAL_NANOS = 60_000_000_000L;
  private static final int MAX_KINDS = 256;

  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
  private final AtomicLong total = new AtomicLong();

  void report(String where, Throwable error) {
    total.incrementAndGet();
    try {
      String kind = where + ":" + error.getClass().getName();
      Window window = windows.get(kind);
      if (window == null) {
        if (windows.size() >= MAX_KINDS) {
          kind = "_OTHER";
        }
        window = windows.computeIfAbsent(kind, k -> new Window());
      }
      long suppressed = window.tryLog(System.nanoTime());
      if (suppressed >= 0) {
        LOGGER.log(
            Level.WARNING,
            "aitelemetry: instrumentation failure in " + where + " (the instrumented call was not affected"
                + (suppressed > 0 ? "; " + suppressed + " similar failures not logged" : "") + ")",
            error);
      }
    } catch (RuntimeException | LinkageError ignored) {
      // Reporting must never fail the caller.
    }
  }

  /** How many failures were reported since start; for tests and diagnostics. */
  long count() {
    return total.get();
  }

  private static final class Window {
    private long lastLogged = Long.MIN_VALUE;
    private long suppressed;

    /** The number suppressed since the last log line if this one may log now, else -1. */
    synchronized long tryLog(long now) {
      if (lastLogged != Long.MIN_VALUE && now - lastLogged < INTERVAL_NANOS) {
        suppressed++;
        return -1;
      }
      lastLogged = now;
      long s = suppressed;
      suppressed = 0;
      return s;
    }
  }
}
