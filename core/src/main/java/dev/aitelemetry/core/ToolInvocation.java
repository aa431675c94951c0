package dev.aitelemetry.core;

import static dev.aitelemetry.core.GenAiAttributes.*;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;

/**
 * One execution of a tool. Three shapes share this type:
 *
 * <ul>
 *   <li>{@link AiTelemetry#tool(String)}: an in-process tool, INTERNAL span {@code execute_tool {name}}, metric
 *       {@code gen_ai.execute_tool.duration};
 *   <li>{@link AiTelemetry#mcpToolCall(String)}: an MCP server handling {@code tools/call}, SERVER span {@code
 *       tools/call {name}}, metric {@code mcp.server.operation.duration};
 *   <li>{@link AiTelemetry#mcpClientToolCall(String)}: an MCP client sending {@code tools/call}, CLIENT span
 *       {@code tools/call {name}}, metric {@code mcp.client.operation.duration}.
 * </ul>
 *
 * <p>In-process and MCP-server executions also count in {@code mcp.tool.invocations} (Prometheus: {@code
 * mcp_tool_invocations_total}) by tool name and error type, unless built with {@link
 * Builder#countInvocation(boolean) countInvocation(false)}.
 */
public final class ToolInvocation extends AiOperation {
  enum Shape {
    EXECUTE_TOOL,
    MCP_SERVER,
    MCP_CLIENT
  }

  static final String TOOLS_CALL = "tools/call";

  private final Shape shape;
  private final String toolName;
  private final boolean countInvocation;

  private ToolInvocation(AiTelemetry telemetry, Span span, Context parent, Builder b) {
    super(telemetry, span, parent);
    this.shape = b.shape;
    this.toolName = b.toolName;
    this.countInvocation = b.countInvocation;
  }

  /** The tool's name. */
  public String toolName() {
    return toolName;
  }

  /** Whether this execution counts in {@code mcp.tool.invocations}. */
  public boolean countsInvocation() {
    return countInvocation;
  }

  /** Whether this is an in-process {@code execute_tool} span (not an MCP server or client span). */
  public boolean isInProcess() {
    return shape == Shape.EXECUTE_TOOL;
  }

  /** The arguments as JSON; recorded only when content capture is on. */
  public void setArguments(String json) {
    if (json == null) {
      return;
    }
    guard("setArguments", () -> setContent(GEN_AI_TOOL_CALL_ARGUMENTS, json));
  }

  /** The result (text or JSON); recorded only when content capture is on. */
  public void setResult(String result) {
    guard("setResult", () -> setContent(GEN_AI_TOOL_CALL_RESULT, result));
  }

  /**
   * Marks a result the tool itself flagged as an error (MCP {@code CallToolResult.isError}): status ERROR,
   * {@code error.type=tool_error}.
   */
  public void markToolError(String description) {
    setError(ErrorTypes.TOOL_ERROR, description);
  }

  @Override
  void onEnd(String errorType, double seconds) {
    Instruments m = telemetry.instruments();
    String tool = telemetry.toolGuard().admit(toolName);
    if (errorType == null) {
      // the common case: the attribute sets of a successful call are built once per (admitted, so bounded) name
      Attributes[] ok = m.toolSuccessAttributes.get(tool);
      if (ok == null) {
        Attributes counted = Attributes.of(GEN_AI_TOOL_NAME, tool);
        Attributes executed = counted.toBuilder().put(GEN_AI_OPERATION_NAME, Operations.EXECUTE_TOOL).build();
        ok = new Attributes[] {counted, executed, executed.toBuilder().put(MCP_METHOD_NAME, TOOLS_CALL).build()};
        m.toolSuccessAttributes.putIfAbsent(tool, ok);
      }
      if (countInvocation) {
        m.toolInvocations.add(1, ok[0]);
      }
      switch (shape) {
        case MCP_SERVER:
          m.mcpServerDuration.record(seconds, ok[2]);
          break;
        case MCP_CLIENT:
          m.mcpClientDuration.record(seconds, ok[2]);
          break;
        default:
          m.toolDuration.record(seconds, ok[1]);
      }
      return;
    }
    AttributesBuilder b = Attributes.builder().put(GEN_AI_TOOL_NAME, tool);
    b.put(ERROR_TYPE, errorType);
    if (countInvocation) {
      m.toolInvocations.add(1, b.build());
    }
    b.put(GEN_AI_OPERATION_NAME, Operations.EXECUTE_TOOL);
    switch (shape) {
      case MCP_SERVER:
        m.mcpServerDuration.record(seconds, b.put(MCP_METHOD_NAME, TOOLS_CALL).build());
        break;
      case MCP_CLIENT:
        m.mcpClientDuration.record(seconds, b.put(MCP_METHOD_NAME, TOOLS_CALL).build());
        break;
      default:
        m.toolDuration.record(seconds, b.build());
    }
  }

  /**
   * Describes a tool execution before it starts, from {@link AiTelemetry#tool(String)}, {@link
   * AiTelemetry#mcpToolCall(String)} or {@link AiTelemetry#mcpClientToolCall(String)}. Everything set here is on
   * the span from its start, where samplers can see it; null arguments are ignored. A null or blank tool name
   * becomes {@code unknown}.
   */
  public static final class Builder extends OperationBuilder<Builder> {
    private final Shape shape;
    private final String toolName;
    private boolean countInvocation;
    private String arguments;

    Builder(AiTelemetry telemetry, Shape shape, String toolName) {
      super(telemetry, shape == Shape.MCP_SERVER ? SpanKind.SERVER
          : shape == Shape.MCP_CLIENT ? SpanKind.CLIENT : SpanKind.INTERNAL, 8);
      this.shape = shape;
      this.toolName = toolName == null || toolName.isBlank() ? "unknown" : toolName;
      this.countInvocation = shape != Shape.MCP_CLIENT;
    }

    /**
     * {@code gen_ai.tool.description}: what the tool does, as given to the model or in the MCP tool listing. A
     * span attribute only.
     *
     * @param description the description; null leaves the attribute out
     * @return this builder
     */
    public Builder description(String description) {
      put(GEN_AI_TOOL_DESCRIPTION, description);
      return this;
    }

    /** The id the model gave this call, linking it to the LLM response that asked for it. */
    public Builder callId(String callId) {
      put(GEN_AI_TOOL_CALL_ID, callId);
      return this;
    }

    /** {@code gen_ai.tool.type}: {@code function}, {@code extension} or {@code datastore}. */
    public Builder type(String type) {
      put(GEN_AI_TOOL_TYPE, type);
      return this;
    }

    /** The arguments as JSON; recorded only when content capture is on. */
    public Builder arguments(String json) {
      this.arguments = json;
      return this;
    }

    /** The MCP session, for stateful MCP transports. */
    public Builder mcpSessionId(String sessionId) {
      put(MCP_SESSION_ID, sessionId);
      return this;
    }

    /** The negotiated MCP protocol version, e.g. {@code 2025-06-18}. */
    public Builder mcpProtocolVersion(String version) {
      put(MCP_PROTOCOL_VERSION, version);
      return this;
    }

    /** The JSON-RPC request id. */
    public Builder jsonRpcRequestId(String id) {
      put(JSONRPC_REQUEST_ID, id);
      return this;
    }

    /** {@code network.transport}: {@code pipe} for stdio, {@code tcp} for HTTP. */
    public Builder networkTransport(String transport) {
      put(NETWORK_TRANSPORT, transport);
      return this;
    }

    /**
     * Whether this execution counts in {@code mcp.tool.invocations}; on by default except for MCP clients.
     * Turn it off where another layer already counts the same execution.
     */
    public Builder countInvocation(boolean count) {
      this.countInvocation = count;
      return this;
    }

    /** Starts the execution without making it current; end it with {@link ToolInvocation#end()}. */
    public ToolInvocation start() {
      put(GEN_AI_OPERATION_NAME, Operations.EXECUTE_TOOL);
      put(GEN_AI_TOOL_NAME, toolName);
      String name;
      if (shape == Shape.EXECUTE_TOOL) {
        name = Operations.EXECUTE_TOOL + " " + toolName;
      } else {
        put(MCP_METHOD_NAME, TOOLS_CALL);
        name = TOOLS_CALL + " " + toolName;
      }
      Context parentContext = resolvedParent();
      ToolInvocation tool = new ToolInvocation(telemetry, startSpan(name, parentContext), parentContext, this);
      tool.setArguments(arguments);
      return tool;
    }

    /**
     * Starts an execution that records its metrics but has no span of its own: for a layer whose span another
     * instrumentation already provides. The MCP conventions ask an MCP layer inside an in-process tool span to
     * enrich that span rather than nest a second one; this keeps its MCP duration (and, when asked, its
     * invocation count) without breaking that rule. Status and errors set on it go to its metric points only.
     */
    public ToolInvocation startWithoutSpan() {
      Context parentContext = resolvedParent();
      // A non-recording span carrying the parent's context: ending it exports nothing.
      Span carrier = Span.wrap(Span.fromContext(parentContext).getSpanContext());
      return new ToolInvocation(telemetry, carrier, parentContext, this);
    }

    /** Starts the execution and makes it current until {@link ToolInvocation#close()}. */
    public ToolInvocation startCurrent() {
      ToolInvocation tool = start();
      tool.enterScope();
      return tool;
    }
  }
}
