package dev.aitelemetry.langchain4j;

import dev.aitelemetry.core.AiTelemetry;
import dev.aitelemetry.core.ToolInvocation;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.observability.api.event.AiServiceCompletedEvent;
import dev.langchain4j.observability.api.event.AiServiceErrorEvent;
import dev.langchain4j.observability.api.event.AiServiceRequestIssuedEvent;
import dev.langchain4j.observability.api.event.AiServiceResponseReceivedEvent;
import dev.langchain4j.observability.api.event.AiServiceStartedEvent;
import dev.langchain4j.observability.api.listener.AiServiceCompletedListener;
import dev.langchain4j.observability.api.listener.AiServiceErrorListener;
import dev.langchain4j.observability.api.listener.AiServiceListener;
import dev.langchain4j.observability.api.listener.AiServiceRequestIssuedListener;
import dev.langchain4j.observability.api.listener.AiServiceResponseReceivedListener;
import dev.langchain4j.observability.api.listener.AiServiceStartedListener;
import dev.langchain4j.service.tool.BeforeToolExecution;
import dev.langchain4j.service.tool.ToolExecution;
import io.opentelemetry.context.Context;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The AI-service side: LangChain4j AI-service listeners that open and close {@code invoke_agent} spans, and the
 * before/after tool-execution hooks that time {@code execute_tool} spans around the real tool body (LangChain4j's
 * {@code ToolExecutedEvent} fires after the tool with no timing, which is why listener-only peers emit zero-length
 * tool spans).
 *
 * <p>Uses types of the {@code langchain4j} artifact ({@code BeforeToolExecution}, {@code ToolExecution}); it is
 * loaded only when one of the AI-service methods of {@link LangChain4jTelemetry} is called.
 */
final class AiServiceTracing {
  private final AiTelemetry telemetry;
  private final AgentInvocations agents;
  /** Tool runs by the identity of their request: the before- and after-hook receive the same object. */
  private final Map<RequestKey, ToolRun> runs = new ConcurrentHashMap<>();
  private final List<AiServiceListener<?>> listeners;

  AiServiceTracing(AiTelemetry telemetry, AgentInvocations agents) {
    this.telemetry = telemetry;
    this.agents = agents;
    this.listeners = List.of(
        (AiServiceStartedListener) this::onStarted,
        (AiServiceRequestIssuedListener) this::onRequestIssued,
        (AiServiceResponseReceivedListener) this::onResponseReceived,
        (AiServiceCompletedListener) this::onCompleted,
        (AiServiceErrorListener) this::onError);
  }

  List<AiServiceListener<?>> listeners() {
    return listeners;
  }

  Consumer<BeforeToolExecution> beforeToolExecution() {
    return this::beforeTool;
  }

  Consumer<ToolExecution> afterToolExecution() {
    return this::afterTool;
  }

  private void onStarted(AiServiceStartedEvent event) {
    try {
      agents.started(event.invocationContext());
    } catch (RuntimeException | LinkageError e) {
      telemetry.reportInternalError("AiServiceStartedListener", e);
    }
  }

  private void onRequestIssued(AiServiceRequestIssuedEvent event) {
    try {
      agents.requestIssued(event.invocationContext(), event.request());
    } catch (RuntimeException | LinkageError e) {
      telemetry.reportInternalError("AiServiceRequestIssuedListener", e);
    }
  }

  private void onResponseReceived(AiServiceResponseReceivedEvent event) {
    try {
      agents.responseReceived(event.invocationContext());
    } catch (RuntimeException | LinkageError e) {
      telemetry.reportInternalError("AiServiceResponseReceivedListener", e);
    }
  }

  private void onCompleted(AiServiceCompletedEvent event) {
    try {
      agents.ended(event.invocationContext(), null);
    } catch (RuntimeException | LinkageError e) {
      telemetry.reportInternalError("AiServiceCompletedListener", e);
    }
  }

  private void onError(AiServiceErrorEvent event) {
    try {
      agents.ended(event.invocationContext(), event.error());
    } catch (RuntimeException | LinkageError e) {
      telemetry.reportInternalError("AiServiceErrorListener", e);
    }
  }

  private void beforeTool(BeforeToolExecution before) {
    try {
      ToolExecutionRequest request = before.request();
      if (request == null) {
        return;
      }
      AgentInvocation agent = agents.find(before.invocationContext());
      Context parent = agent != null ? agent.context : Context.current();
      ToolInvocation tool = telemetry.tool(request.name() == null ? "unknown" : request.name())
          .callId(request.id())
          .type("function")
          .arguments(request.arguments())
          .parent(parent)
          // mcp.tool.invocations counts where a tool runs (the MCP server, the guide's API); an AI-service tool
          // often just calls an MCP server, and counting it too would count one invocation twice.
          .countInvocation(false)
          .start();
      ToolRun run = new ToolRun(tool, agent);
      // Current only on the service's loop thread, where an invocation error (the one way LangChain4j skips the
      // after-hook) reaches the error listener that closes it; never on a concurrent-execution pool thread.
      if (agent != null && agent.isLoopThread()) {
        run.enterScope();
      }
      RequestKey key = new RequestKey(request);
      run.forget = () -> runs.remove(key);
      runs.put(key, run);
      if (agent != null) {
        agent.track(run);
      }
    } catch (RuntimeException | LinkageError e) {
      telemetry.reportInternalError("beforeToolExecution", e);
    }
  }

  private void afterTool(ToolExecution execution) {
    try {
      ToolRun run = execution.request() == null ? null : runs.remove(new RequestKey(execution.request()));
      if (run == null) {
        telemetry.reportInternalError("afterToolExecution", new IllegalStateException(
            "no tool span for this execution (beforeToolExecution hook not registered?)"));
        return;
      }
      if (run.agent != null) {
        run.agent.untrack(run);
      }
      String result = execution.result();
      run.tool.setResult(result);
      if (execution.hasFailed()) {
        // The exception itself is not exposed by ToolExecution; the result text is the error message, content.
        run.tool.markToolError(telemetry.capturesContent() ? result : null);
      }
      run.finish(telemetry);
    } catch (RuntimeException | LinkageError e) {
      telemetry.reportInternalError("afterToolExecution", e);
    }
  }

  /** Identity key: two tool calls with equal name/arguments/id are still two executions. */
  private static final class RequestKey {
    private final ToolExecutionRequest request;

    RequestKey(ToolExecutionRequest request) {
      this.request = request;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof RequestKey && ((RequestKey) o).request == request;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(request);
    }
  }
}
