package dev.aitelemetry.core;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One traced AI operation — an LLM call, a tool invocation, a memory operation or a retrieval: its span, and the
 * metric points recorded when it ends.
 *
 * <p>Thread-safe: an operation may be started on one thread and ended on another (streaming, async handlers).
 * {@link #end()} takes effect exactly once; later calls do nothing. No method throws into the caller: failures
 * inside the instrumentation are logged (rate-limited) and swallowed.
 *
 * <p>Operations started with {@code startCurrent()} (or the {@code trace…} methods of {@link AiTelemetry}) are
 * the current span until {@link #close()}, which must then run on the starting thread, as with any {@link
 * Scope}; use them with try-with-resources.
 */
public abstract class AiOperation implements AutoCloseable {

  /** Lets nested instrumentation find the operation it runs in, e.g. MCP inside a LangChain4j tool span. */
  static final ContextKey<AiOperation> CURRENT = ContextKey.named("dev.aitelemetry.operation");

  private static final AtomicIntegerFieldUpdater<AiOperation> ENDED =
      AtomicIntegerFieldUpdater.newUpdater(AiOperation.class, "ended");

  final AiTelemetry telemetry;
  final Span span;
  private final Context parent;
  /**
   * The parent context with this span and operation, built on first use: most operations (a listener's chat
   * call that is never made current) never need it. Racing threads may build two equal contexts; either is kept.
   */
  private volatile Context context;
  final long startNanos;
  /** 1 once {@link #end()} has run (a field updater: no AtomicBoolean allocated per operation). */
  private volatile int ended;
  private volatile String errorType;
  private volatile Scope ownScope;

  AiOperation(AiTelemetry telemetry, Span span, Context parent) {
    this.telemetry = telemetry;
    this.span = span;
    this.parent = parent;
    this.startNanos = System.nanoTime();
  }

  /** The underlying span, for anything this API does not cover. */
  public final Span span() {
    return span;
  }

  /** The parent context with this operation's span in it: the context to propagate or to run children in. */
  public final Context context() {
    Context c = context;
    if (c == null) {
      c = parent.with(span).with(CURRENT, this);
      context = c;
    }
    return c;
  }

  /** Sets a span attribute (never a metric attribute: metric labels stay low-cardinality). */
  public final void setAttribute(String key, String value) {
    guard("setAttribute", () -> span.setAttribute(key, value));
  }

  /** Sets a span attribute. */
  public final void setAttribute(String key, long value) {
    guard("setAttribute", () -> span.setAttribute(key, value));
  }

  /** Sets a span attribute. */
  public final void setAttribute(String key, double value) {
    guard("setAttribute", () -> span.setAttribute(key, value));
  }

  /** Sets a span attribute. */
  public final void setAttribute(String key, boolean value) {
    guard("setAttribute", () -> span.setAttribute(key, value));
  }

  /** Sets a span attribute; a null value is ignored. */
  public final <T> void setAttribute(AttributeKey<T> key, T value) {
    if (value != null) {
      guard("setAttribute", () -> span.setAttribute(key, value));
    }
  }

  /** Adds a span event. */
  public final void addEvent(String name) {
    guard("addEvent", () -> span.addEvent(name));
  }

  /** Adds a span event with attributes. */
  public final void addEvent(String name, Attributes attributes) {
    guard("addEvent", () -> span.addEvent(name, attributes));
  }

  /**
   * Marks the operation failed by {@code error}: status ERROR, the exception recorded as an event, and {@code
   * error.type} set to the exception's class name. The caller still rethrows or handles it. The exception's
   * message and stack trace pass through the configured redactor first (even with content capture off), since
   * messages often quote what the request carried.
   */
  public final void recordException(Throwable error) {
    recordException(error, error == null ? null : error.getClass().getName());
  }

  /**
   * Like {@link #recordException(Throwable)}, with an explicit low-cardinality {@code error.type} such as an
   * HTTP status code ({@code "429"}) or a provider error code.
   */
  public final void recordException(Throwable error, String errorType) {
    if (error == null) {
      return;
    }
    guard("recordException",
        () -> this.errorType = SpanFailures.recordFailure(span, error, errorType, telemetry.contentCapture()));
  }

  /**
   * Marks the operation failed without an exception, e.g. a tool result flagged as an error.
   *
   * @param errorType a low-cardinality name: a code, a class name or {@code tool_error}; never a message
   * @param description a human-readable description for the span status, may be null
   */
  public final void setError(String errorType, String description) {
    guard("setError", () -> fail(errorType, description));
  }

  /** The {@code error.type} recorded so far, or null when the operation has not failed. */
  public final String errorType() {
    return errorType;
  }

  /** Makes this operation's span current on this thread until the returned scope is closed. */
  public final Scope makeCurrent() {
    try {
      return context().makeCurrent();
    } catch (RuntimeException | LinkageError e) {
      telemetry.reportInternalError("makeCurrent", e);
      return Scope.noop();
    }
  }

  /** Whether {@link #end()} has run. */
  public final boolean isEnded() {
    return ended != 0;
  }

  /**
   * Ends the span and records the operation's metrics. Only the first call has an effect, whichever thread
   * makes it.
   */
  public final void end() {
    if (!ENDED.compareAndSet(this, 0, 1)) {
      return;
    }
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    String error = errorType;
    try {
      onEnd(error, seconds);
    } catch (RuntimeException | LinkageError e) {
      telemetry.reportInternalError(getClass().getSimpleName() + ".end", e);
    }
    try {
      span.end();
    } catch (RuntimeException | LinkageError e) {
      telemetry.reportInternalError("Span.end", e);
    }
  }

  /** Leaves the scope opened by {@code startCurrent()}, if any, then {@link #end()}s the operation. */
  @Override
  public final void close() {
    Scope scope = ownScope;
    if (scope != null) {
      ownScope = null;
      try {
        scope.close();
      } catch (RuntimeException | LinkageError e) {
        telemetry.reportInternalError("Scope.close", e);
      }
    }
    end();
  }

  /** Sets the span attributes known only at the end and records the metric points. */
  abstract void onEnd(String errorType, double durationSeconds);

  final void enterScope() {
    ownScope = makeCurrent();
  }

  final void guard(String where, Runnable action) {
    try {
      action.run();
    } catch (RuntimeException | LinkageError e) {
      telemetry.reportInternalError(where, e);
    }
  }

  /** The prepared content (redacted, truncated) when capture is on, else null. */
  final String content(String raw) {
    return telemetry.contentCapture().prepare(raw);
  }

  final void setContent(AttributeKey<String> key, String raw) {
    if (raw == null || !telemetry.capturesContent()) {
      return;
    }
    String value = content(raw);
    if (value != null) {
      span.setAttribute(key, value);
    }
  }

  private void fail(String type, String description) {
    errorType = SpanFailures.fail(span, type, description, telemetry.contentCapture());
  }
}
