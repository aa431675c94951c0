package dev.aitelemetry.langchain4j;

import dev.aitelemetry.core.AiTelemetry;
import dev.aitelemetry.core.LlmCall;
import io.opentelemetry.context.Scope;

/**
 * The state of one chat call between {@code onRequest} and {@code onResponse}/{@code onError}, carried in the
 * listener's per-call {@code attributes()} map (never in a thread-local: streaming calls end on another thread).
 *
 * <p>For a synchronous call the span is also current on the calling thread while the HTTP request runs, so that
 * the trace-header supplier and HTTP-client instrumentation see it; that scope is closed on the same thread when
 * the call ends. Streaming calls never get a scope from the listener.
 */
final class ChatCall {
  final LlmCall call;
  final boolean streaming;
  private volatile Scope scope;
  private volatile Thread scopeThread;

  ChatCall(LlmCall call, boolean streaming) {
    this.call = call;
    this.streaming = streaming;
  }

  /** Makes the span current on this thread until {@link #finish}, which must run on the same thread. */
  void enterScope() {
    scopeThread = Thread.currentThread();
    scope = call.makeCurrent();
  }

  /** Closes the scope (on its own thread only; elsewhere it would corrupt that thread's context) and ends. */
  void finish(AiTelemetry telemetry) {
    Scope s = scope;
    if (s != null) {
      scope = null;
      if (scopeThread == Thread.currentThread()) {
        try {
          s.close();
        } catch (RuntimeException | LinkageError e) {
          telemetry.reportInternalError("ChatModelListener scope close", e);
        }
      } else {
        telemetry.reportInternalError("ChatModelListener", new IllegalStateException(
            "a synchronous chat call ended on another thread; its scope stays open on " + scopeThread.getName()));
      }
    }
    call.end();
  }
}
