package dev.aitelemetry.langchain4j;

import dev.aitelemetry.core.AiTelemetry;
import dev.aitelemetry.core.GenAiAttributes;
import dev.aitelemetry.core.LlmCall;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The state of one chat call between {@code onRequest} and {@code onResponse}/{@code onError}, carried in the
 * listener's per-call {@code attributes()} map (streaming calls end on another thread).
 *
 * <p>Every call is also remembered on the thread that started it (one per thread, overwritten by the next call
 * started there, cleared when the call finishes or is ended as abandoned): {@link TraceHeaders} takes the chat
 * span from there, since LangChain4j evaluates the header supplier inside {@code doChat} on that thread, and a call
 * whose entry another listener removed from the attributes map is still found there.
 *
 * <p>Only a call of a {@link TracedChatModel} (synchronous, marked) gets a scope: its span is current on the
 * calling thread until the call ends there. A call whose callbacks never come (LangChain4j called neither {@code
 * onResponse} nor {@code onError}, e.g. after an {@code Error} thrown by the HTTP client) is ended with {@code
 * error.type=_OTHER}: by {@link TracedChatModel} as soon as its {@code chat} returns or throws, otherwise when the
 * call's attributes map is garbage-collected.
 */
final class ChatCall {
  /** The call started last on this thread, until it finishes; a holder per thread, so any thread can clear it. */
  private static final ThreadLocal<AtomicReference<ChatCall>> STARTED_ON_THREAD =
      ThreadLocal.withInitial(AtomicReference::new);
  private static final Cleaner CLEANER = Cleaner.create(r -> {
    Thread t = new Thread(r, "aitelemetry-abandoned-chat-calls");
    t.setDaemon(true);
    return t;
  });

  final LlmCall call;
  /** Whether {@code gen_ai.request.stream=true} was set at start (streaming marker). */
  private final boolean streaming;
  private final Thread startThread;
  private final AtomicReference<ChatCall> startedOnThread;
  /** The request, compared by identity only (LangChain4j passes the same instance to all three callbacks). */
  private final Object request;
  private volatile Scope scope;
  /** The abandoned-call safety net, unregistered as soon as the call ends normally. */
  private volatile Cleaner.Cleanable cleanable;

  /** Must be created on the thread running {@code onRequest}. */
  ChatCall(LlmCall call, boolean streaming, Object chatRequest) {
    this.call = call;
    this.streaming = streaming;
    this.request = chatRequest;
    this.startThread = Thread.currentThread();
    AtomicReference<ChatCall> slot = STARTED_ON_THREAD.get();
    this.startedOnThread = slot;
    slot.set(this);
  }

  /** The context of the chat call started last on this thread, if it has not ended; else null. */
  static Context contextStartedOnThisThread() {
    ChatCall c = STARTED_ON_THREAD.get().get();
    return c == null || c.call.isEnded() ? null : c.call.context();
  }

  /** Makes the span current on this thread until {@link #finish}, which must run on the same thread. */
  void enterScope() {
    scope = call.makeCurrent();
  }

  /**
   * The call for {@code chatRequest} (same instance) started on this thread and not ended, handed over to the
   * caller, or null: finds a call whose entry another listener removed from the attributes map.
   */
  static ChatCall takeStartedOnThisThread(Object chatRequest) {
    AtomicReference<ChatCall> slot = STARTED_ON_THREAD.get();
    ChatCall c = slot.get();
    if (c == null || chatRequest == null || c.request != chatRequest || c.call.isEnded()) {
      return null;
    }
    slot.compareAndSet(c, null);
    return c;
  }

  /**
   * Ends the span with {@code error.type=_OTHER} if it is still open when {@code perCallAttributes} (the map
   * LangChain4j passes to all three callbacks of this call) is garbage-collected. Must not be referenced from here.
   *
   * <p>{@link #finish} unregisters it: the phantom reference of a call that ended normally is then unreachable and
   * cleared before any GC sees it, so the GC, the reference handler and the cleaner thread never process it (left
   * registered, every call cost one reference processed by the GC and a hand-off to the cleaner thread).
   */
  void endIfAbandoned(Object perCallAttributes, AiTelemetry telemetry) {
    cleanable = CLEANER.register(perCallAttributes, new Abandoned(this, telemetry));
  }

  private void unregister() {
    Cleaner.Cleanable c = cleanable;
    if (c != null) {
      cleanable = null;
      c.clean(); // runs Abandoned once, which finds the call ended and does nothing
    }
  }

  /** The cleaning action: holds the call, never the attributes map (which holds the call, not the reverse). */
  private static final class Abandoned implements Runnable {
    private final ChatCall chatCall;
    private final AiTelemetry telemetry;

    Abandoned(ChatCall chatCall, AiTelemetry telemetry) {
      this.chatCall = chatCall;
      this.telemetry = telemetry;
    }

    @Override
    public void run() {
      try {
        // Its thread's slot must not keep an abandoned call until that thread's next chat call.
        chatCall.startedOnThread.compareAndSet(chatCall, null);
        if (!chatCall.call.isEnded()) {
          endAbandoned(chatCall.call, telemetry, "when the call was garbage-collected");
        }
      } catch (RuntimeException | LinkageError e) {
        // never let the cleaner thread die
      }
    }
  }

  private static void endAbandoned(LlmCall call, AiTelemetry telemetry, String when) {
    call.setError(GenAiAttributes.ErrorTypes.OTHER, "LangChain4j called neither onResponse nor onError for this call");
    call.end();
    telemetry.reportInternalError("ChatModelListener", new IllegalStateException(
        "a chat call got neither onResponse nor onError (e.g. an Error thrown by the HTTP client);"
            + " its span was ended with error.type=_OTHER " + when));
  }

  /**
   * Called by {@link TracedChatModel} on the calling thread once the delegate's {@code chat} has returned or
   * thrown: a call still open then got neither callback; its scope is closed and its span ended now.
   */
  void endIfStillOpen(AiTelemetry telemetry) {
    if (!call.isEnded()) {
      closeScope(telemetry);
      startedOnThread.compareAndSet(this, null);
      endAbandoned(call, telemetry, "when the model's chat method returned");
    }
    unregister();
  }

  /** Closes the scope (on its own thread only; elsewhere it would corrupt that thread's context) and ends. */
  void finish(AiTelemetry telemetry) {
    startedOnThread.compareAndSet(this, null);
    if (!streaming && Thread.currentThread() != startThread) {
      // only streaming models call back on another thread than the one that ran onRequest
      call.setAttribute(GenAiAttributes.GEN_AI_REQUEST_STREAM, Boolean.TRUE);
    }
    closeScope(telemetry);
    call.end();
    unregister();
  }

  private void closeScope(AiTelemetry telemetry) {
    Scope s = scope;
    if (s != null) {
      scope = null;
      if (startThread == Thread.currentThread()) {
        try {
          s.close();
        } catch (RuntimeException | LinkageError e) {
          telemetry.reportInternalError("ChatModelListener scope close", e);
        }
      } else {
        telemetry.reportInternalError("ChatModelListener", new IllegalStateException(
            "a synchronous chat call ended on another thread; its scope stays open on " + startThread.getName()));
      }
    }
  }
}
