package dev.aitelemetry.langchain4j;

import dev.aitelemetry.core.AiTelemetry;
import dev.aitelemetry.core.GenAiAttributes;
import dev.aitelemetry.core.LlmCall;
import io.opentelemetry.context.Scope;
import java.lang.ref.Cleaner;

/**
 * The state of one chat call between {@code onRequest} and {@code onResponse}/{@code onError}, carried in the
 * listener's per-call {@code attributes()} map (never in a thread-local: streaming calls end on another thread).
 *
 * <p>For a synchronous call the span is also current on the calling thread while the HTTP request runs, so that
 * the trace-header supplier and HTTP-client instrumentation see it; that scope is closed on the same thread when
 * the call ends. Streaming calls never get a scope from the listener.
 *
 * <p>Two safety nets for callbacks that never come or come without our state: the synchronous call open on a
 * thread is also remembered there (one per thread), so it is still found and closed if another listener removed
 * our entry from the attributes map; and a call whose attributes map is garbage-collected while its span is still
 * open (LangChain4j called neither {@code onResponse} nor {@code onError}, e.g. after an {@code Error} thrown by
 * the HTTP client) is ended then with {@code error.type=_OTHER}.
 */
final class ChatCall {
  /** The synchronous call whose scope is open on this thread, if any: at most one reference per thread. */
  private static final ThreadLocal<ChatCall> OPEN_ON_THREAD = new ThreadLocal<>();
  private static final Cleaner CLEANER = Cleaner.create(r -> {
    Thread t = new Thread(r, "aitelemetry-abandoned-chat-calls");
    t.setDaemon(true);
    return t;
  });

  final LlmCall call;
  final boolean streaming;
  private volatile Scope scope;
  private volatile Thread scopeThread;
  /** The request of a synchronous call, compared by identity only (LangChain4j passes the same instance). */
  private volatile Object request;

  ChatCall(LlmCall call, boolean streaming) {
    this.call = call;
    this.streaming = streaming;
  }

  /** Makes the span current on this thread until {@link #finish}, which must run on the same thread. */
  void enterScope(Object chatRequest) {
    request = chatRequest;
    scopeThread = Thread.currentThread();
    scope = call.makeCurrent();
    OPEN_ON_THREAD.set(this);
  }

  /**
   * The synchronous call for {@code chatRequest} (same instance) whose scope is open on this thread, handed over to
   * the caller, or null: finds a call whose entry another listener removed from the attributes map.
   */
  static ChatCall takeOpenOnThisThread(Object chatRequest) {
    ChatCall c = OPEN_ON_THREAD.get();
    if (c == null || chatRequest == null || c.request != chatRequest || c.call.isEnded()) {
      return null;
    }
    OPEN_ON_THREAD.remove();
    return c;
  }

  /**
   * Ends the span with {@code error.type=_OTHER} if it is still open when {@code perCallAttributes} (the map
   * LangChain4j passes to all three callbacks of this call) is garbage-collected. Must not be referenced from here.
   */
  void endIfAbandoned(Object perCallAttributes, AiTelemetry telemetry) {
    CLEANER.register(perCallAttributes, new Abandoned(call, telemetry));
  }

  /** The cleaning action: holds the call, never the attributes map. */
  private static final class Abandoned implements Runnable {
    private final LlmCall call;
    private final AiTelemetry telemetry;

    Abandoned(LlmCall call, AiTelemetry telemetry) {
      this.call = call;
      this.telemetry = telemetry;
    }

    @Override
    public void run() {
      try {
        if (!call.isEnded()) {
          call.setError(GenAiAttributes.ErrorTypes.OTHER,
              "LangChain4j called neither onResponse nor onError for this call");
          call.end();
          telemetry.reportInternalError("ChatModelListener", new IllegalStateException(
              "a chat call got neither onResponse nor onError (e.g. an Error thrown by the HTTP client);"
                  + " its span was ended with error.type=_OTHER when the call was garbage-collected"));
        }
      } catch (RuntimeException | LinkageError e) {
        // never let the cleaner thread die
      }
    }
  }

  /** Closes the scope (on its own thread only; elsewhere it would corrupt that thread's context) and ends. */
  void finish(AiTelemetry telemetry) {
    Scope s = scope;
    if (s != null) {
      scope = null;
      if (scopeThread == Thread.currentThread()) {
        if (OPEN_ON_THREAD.get() == this) {
          OPEN_ON_THREAD.remove();
        }
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
