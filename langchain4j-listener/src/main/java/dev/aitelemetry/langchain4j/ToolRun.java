package dev.aitelemetry.langchain4j;

import dev.aitelemetry.core.AiTelemetry;
import dev.aitelemetry.core.GenAiAttributes;
import dev.aitelemetry.core.ToolInvocation;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Scope;

/**
 * One tool execution between LangChain4j's before- and after-tool-execution hooks: the {@code execute_tool} span
 * and, when the tool runs on the AI service's loop thread, the scope that makes it current for the tool body (so
 * spans the tool starts, e.g. an MCP call or a memory search, become its children).
 */
final class ToolRun {
  static final AttributeKey<String> ERROR_TYPE = GenAiAttributes.ERROR_TYPE;

  final ToolInvocation tool;
  final AgentInvocation agent;
  private volatile Scope scope;
  private volatile Thread scopeThread;
  /** Removes this run from the hooks' lookup table when the agent ends it instead of the after-hook. */
  volatile Runnable forget = () -> {};

  ToolRun(ToolInvocation tool, AgentInvocation agent) {
    this.tool = tool;
    this.agent = agent;
  }

  void enterScope() {
    scopeThread = Thread.currentThread();
    scope = tool.makeCurrent();
  }

  /** Closes the scope if on its thread (a scope closed elsewhere would corrupt that thread), then ends. */
  void finish(AiTelemetry telemetry) {
    Scope s = scope;
    if (s != null) {
      scope = null;
      if (scopeThread == Thread.currentThread()) {
        try {
          s.close();
        } catch (RuntimeException | LinkageError e) {
          telemetry.reportInternalError("tool scope close", e);
        }
      } else {
        telemetry.reportInternalError("afterToolExecution", new IllegalStateException(
            "tool " + tool.toolName() + " ended on another thread than it started; scope left on "
                + scopeThread.getName()));
      }
    }
    tool.end();
  }

  /** The after-hook never came (LangChain4j rethrew an argument error): fail and end the span with the agent. */
  void abandon(Throwable agentError, AiTelemetry telemetry) {
    forget.run();
    if (agentError != null) {
      tool.recordException(agentError, ErrorTypes.of(agentError));
    } else {
      tool.setError(GenAiAttributes.ErrorTypes.OTHER, "the tool execution did not complete");
    }
    finish(telemetry);
  }
}
