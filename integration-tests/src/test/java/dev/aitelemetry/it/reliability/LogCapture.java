// Captures java.util.logging records (where System.Logger goes by default) for the duration of a test.
package dev.aitelemetry.it.reliability;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * A JUL handler on a logger ({@code ""} for every logger): {@code InternalErrors} logs through {@code
 * System.getLogger("dev.aitelemetry")}, which the JDK maps to the JUL logger of the same name. Close to detach.
 */
public final class LogCapture extends Handler implements AutoCloseable {
  private final Logger logger;
  private final Level previousLevel;
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();

  private LogCapture(String loggerName) {
    this.logger = Logger.getLogger(loggerName);
    this.previousLevel = logger.getLevel();
    setLevel(Level.ALL);
    logger.addHandler(this);
  }

  /** Captures the library's diagnostics ({@code dev.aitelemetry}). */
  public static LogCapture library() {
    return new LogCapture("dev.aitelemetry");
  }

  /** Captures every logger's records at INFO and above (the root handler's default threshold). */
  public static LogCapture all() {
    return new LogCapture("");
  }

  @Override
  public void publish(LogRecord record) {
    records.add(record);
  }

  public List<LogRecord> records() {
    return List.copyOf(records);
  }

  /** Records at WARNING or above. */
  public List<LogRecord> warnings() {
    return records.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
        .collect(Collectors.toList());
  }

  /** Every record rendered as text, message, parameters and the thrown exception's chain included. */
  public String allText() {
    StringBuilder sb = new StringBuilder();
    for (LogRecord r : records) {
      sb.append(r.getLoggerName()).append(' ').append(r.getMessage()).append('\n');
      if (r.getParameters() != null) {
        for (Object p : r.getParameters()) {
          sb.append(String.valueOf(p)).append('\n');
        }
      }
      for (Throwable t = r.getThrown(); t != null; t = t.getCause() == t ? null : t.getCause()) {
        sb.append(t).append('\n');
      }
    }
    return sb.toString();
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
    logger.setLevel(previousLevel);
  }
}
