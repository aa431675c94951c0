// Job: run one delegate call inside an aitelemetry operation — start, make current, delegate, enrich, end —
// so that the call's own result or exception reaches the caller unchanged whatever the instrumentation does.
package dev.aitelemetry.langchain4j;

import dev.aitelemetry.core.AiOperation;
import dev.aitelemetry.core.AiTelemetry;
import io.opentelemetry.context.Scope;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/** The start–delegate–end template shared by every wrapper of this package. */
final class TracedCall {
  private TracedCall() {}

  /** A delegate call; LangChain4j store and model methods throw no checked exceptions. */
  @FunctionalInterface
  interface Body<T> {
    T call();
  }

  /** A delegate call without a result. */
  @FunctionalInterface
  interface VoidBody {
    void call();
  }

  /**
   * Runs {@code body} inside the operation {@code start} creates, current while the body runs so that nested
   * spans (an embedding call, a database client span) become its children.
   *
   * <p>If starting or enriching the operation fails, the failure is reported through {@link
   * AiTelemetry#reportInternalError} and the body still runs (or its result is still returned). If the body
   * throws, the span is marked ERROR with {@code error.type} = the exception's class and the same instance is
   * rethrown. The operation is ended exactly once.
   *
   * @param onSuccess sets what is known only from the result (counts, ids, records)
   */
  static <O extends AiOperation, T> T run(
      AiTelemetry telemetry, String where, Supplier<O> start, Body<T> body, BiConsumer<? super O, ? super T> onSuccess) {
    O op = null;
    try {
      op = start.get();
    } catch (RuntimeException | LinkageError e) {
      telemetry.reportInternalError(where + " (start)", e);
    }
    if (op == null) {
      return body.call();
    }
    Scope scope = op.makeCurrent();
    T result;
    try {
      result = body.call();
    } catch (Throwable t) {
      closeQuietly(telemetry, scope);
      op.recordException(t);
      op.end();
      throw t;
    }
    closeQuietly(telemetry, scope);
    try {
      onSuccess.accept(op, result);
    } catch (RuntimeException | LinkageError e) {
      telemetry.reportInternalError(where, e);
    }
    op.end();
    return result;
  }

  /** {@link #run} for a call without a result. */
  static <O extends AiOperation> void run(AiTelemetry telemetry, String where, Supplier<O> start, VoidBody body) {
    run(telemetry, where, start, () -> {
      body.call();
      return null;
    }, (op, ignored) -> {});
  }

  private static void closeQuietly(AiTelemetry telemetry, Scope scope) {
    try {
      scope.close();
    } catch (RuntimeException | LinkageError e) {
      telemetry.reportInternalError("Scope.close", e);
    }
  }
}
