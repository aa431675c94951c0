package dev.aitelemetry.langchain4j;

import dev.aitelemetry.core.AiTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One AI-service invocation: its {@code invoke_agent} span, the context its chat and tool spans are parented to,
 * its conversation id, and the tool runs still open (ended with it if LangChain4j skipped their after-hook).
 */
final class AgentInvocation {
  final Span span;
  final Context context;
  final String conversationId;
  /** The thread that drives the tool loop: the one that last received a model response for this invocation. */
  private volatile Thread loopThread;
  private final Set<ToolRun> openTools = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean ended = new AtomicBoolean();

  AgentInvocation(Span span, Context parent, String conversationId) {
    this.span = span;
    this.context = parent.with(span);
    this.conversationId = conversationId;
    this.loopThread = Thread.currentThread();
  }

  boolean isEnded() {
    return ended.get();
  }

  void responseReceivedOnThisThread() {
    loopThread = Thread.currentThread();
  }

  /** Whether the current thread runs the invocation's loop, so a tool scope opened here is closed here. */
  boolean isLoopThread() {
    return loopThread == Thread.currentThread();
  }

  void track(ToolRun run) {
    openTools.add(run);
  }

  void untrack(ToolRun run) {
    openTools.remove(run);
  }

  /** Ends the span once; an error marks it ERROR and ends the tool runs LangChain4j left open. */
  void end(Throwable error, AiTelemetry telemetry) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    List<ToolRun> leftovers = new ArrayList<>(openTools);
    openTools.clear();
    // Newest first: their scopes were opened in this order on the loop thread.
    for (int i = leftovers.size() - 1; i >= 0; i--) {
      leftovers.get(i).abandon(error, telemetry);
    }
    if (error != null) {
      // Through core, so the exception's message and stack trace are redacted as on every other span.
      telemetry.recordFailure(span, error, ErrorTypes.of(error));
    }
    span.end();
  }
}
