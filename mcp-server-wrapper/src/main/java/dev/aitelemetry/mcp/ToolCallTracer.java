// Starts the span of one tools/call: parent and link resolution, MCP attributes, reuse of an in-process tool span.
package dev.aitelemetry.mcp;

import static dev.aitelemetry.core.GenAiAttributes.MCP_METHOD_NAME;
import static dev.aitelemetry.core.GenAiAttributes.MCP_PROTOCOL_VERSION;
import static dev.aitelemetry.core.GenAiAttributes.MCP_SESSION_ID;
import static dev.aitelemetry.core.GenAiAttributes.NETWORK_TRANSPORT;

import dev.aitelemetry.core.AiTelemetry;
import dev.aitelemetry.core.ToolInvocation;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import java.util.Optional;

/**
 * Decides, for one call, which span to use and with which parent, following the MCP conventions:
 *
 * <ul>
 *   <li>server: the parent is the context extracted from {@code _meta}; an ambient span (e.g. the agent's HTTP
 *       server span) is linked, and is the parent only when {@code _meta} carries no valid context;
 *   <li>client: the parent is the current context, and our CLIENT span is what gets injected;
 *   <li>both: when an in-process {@code execute_tool} span for the same tool is current (LangChain4j, the guide's
 *       {@code traceToolInvocation}), no second span is started; the MCP attributes go on that span.
 * </ul>
 */
final class ToolCallTracer {
  private final AiTelemetry telemetry;
  private final MetaPropagation propagation;
  private final String networkTransport;
  private final String protocolVersion;
  private final boolean reuseInProcessToolSpan;

  ToolCallTracer(AiTelemetry telemetry, MetaPropagation propagation, String networkTransport,
      String protocolVersion, boolean reuseInProcessToolSpan) {
    this.telemetry = telemetry;
    this.propagation = propagation;
    this.networkTransport = networkTransport;
    this.protocolVersion = protocolVersion;
    this.reuseInProcessToolSpan = reuseInProcessToolSpan;
  }

  /**
   * Starts the server side of a call to {@code tool}. Never throws: on any failure the call runs untraced.
   *
   * @param sessionId the stateful exchange's session, null for stateless servers
   * @param transport the transport context, may be null
   */
  TracedCall startServer(McpSchema.Tool tool, String sessionId, McpTransportContext transport,
      CallToolRequest request) {
    try {
      String toolName = tool != null ? tool.name() : request != null ? request.name() : null;
      String version = protocolVersion(transport);
      Context ambient = Context.current();
      Optional<ToolInvocation> inProcess = inProcessSpanFor(toolName, ambient);
      if (inProcess.isPresent()) {
        return borrow(inProcess.get(), sessionId, version, true);
      }
      Context parent = propagation.extract(ambient, request == null ? null : request.meta());
      ToolInvocation.Builder b = telemetry.mcpToolCall(toolName)
          .parent(parent)
          .description(tool == null ? null : tool.description())
          .mcpSessionId(sessionId)
          .mcpProtocolVersion(version)
          .networkTransport(networkTransport);
      SpanContext ambientSpan = Span.fromContext(ambient).getSpanContext();
      if (ambientSpan.isValid() && !ambientSpan.equals(Span.fromContext(parent).getSpanContext())) {
        b.addLink(ambientSpan); // the parent came from _meta; keep the transport span reachable (ignored if invalid)
      }
      return TracedCall.ownedServer(telemetry, b.arguments(argumentsJson(request)).start());
    } catch (RuntimeException | LinkageError e) {
      telemetry.reportInternalError("McpTelemetry server span start", e);
      return TracedCall.noop(telemetry);
    }
  }

  /**
   * Starts the client side of a call, parented on {@code parent}. Never throws.
   *
   * @param negotiatedVersion the protocol version the client negotiated, or null to use the configured one
   */
  TracedCall startClient(CallToolRequest request, Context parent, String negotiatedVersion) {
    try {
      String version = negotiatedVersion != null ? negotiatedVersion : protocolVersion;
      Optional<ToolInvocation> inProcess = inProcessSpanFor(request.name(), parent);
      if (inProcess.isPresent()) {
        return borrow(inProcess.get(), null, version, false);
      }
      ToolInvocation.Builder b = telemetry.mcpClientToolCall(request.name())
          .parent(parent)
          .mcpProtocolVersion(version)
          .networkTransport(networkTransport);
      return TracedCall.owned(telemetry, b.arguments(argumentsJson(request)).start());
    } catch (RuntimeException | LinkageError e) {
      telemetry.reportInternalError("McpTelemetry client span start", e);
      return TracedCall.noop(telemetry);
    }
  }

  /** {@code request} carrying {@code call}'s context in a copy of its {@code _meta}; the request itself on failure. */
  CallToolRequest inject(TracedCall call, CallToolRequest request) {
    try {
      return propagation.inject(call.context(), request);
    } catch (RuntimeException | LinkageError e) {
      telemetry.reportInternalError("McpTelemetry _meta injection", e);
      return request;
    }
  }

  /** {@code request} carrying {@code context} in a copy of its {@code _meta}; the request itself on failure. */
  CallToolRequest inject(Context context, CallToolRequest request) {
    try {
      return propagation.inject(context, request);
    } catch (RuntimeException | LinkageError e) {
      telemetry.reportInternalError("McpTelemetry _meta injection", e);
      return request;
    }
  }

  /** The arguments as JSON when content is captured; null otherwise or when they cannot be written (reported). */
  private String argumentsJson(CallToolRequest request) {
    if (request == null || !telemetry.capturesContent()) {
      return null;
    }
    try {
      return ToolResultContent.arguments(request.arguments());
    } catch (Exception | LinkageError | StackOverflowError e) {
      telemetry.reportInternalError("McpTelemetry arguments content", e); // the span is kept, without content
      return null;
    }
  }

  private Optional<ToolInvocation> inProcessSpanFor(String toolName, Context context) {
    if (!reuseInProcessToolSpan || toolName == null) {
      return Optional.empty();
    }
    return AiTelemetry.currentToolInvocation(context)
        .filter(ToolInvocation::isInProcess)
        .filter(t -> toolName.equals(t.toolName()));
  }

  private TracedCall borrow(ToolInvocation existing, String sessionId, String version, boolean server) {
    existing.setAttribute(MCP_METHOD_NAME, McpSchema.METHOD_TOOLS_CALL);
    existing.setAttribute(MCP_SESSION_ID, sessionId);
    existing.setAttribute(MCP_PROTOCOL_VERSION, version);
    existing.setAttribute(NETWORK_TRANSPORT, networkTransport);
    // No second span, but the MCP duration still counts; a server call is counted once, here or by the owner.
    ToolInvocation.Builder metrics = server
        ? telemetry.mcpToolCall(existing.toolName()).countInvocation(!existing.countsInvocation())
        : telemetry.mcpClientToolCall(existing.toolName());
    return TracedCall.borrowed(telemetry, existing, metrics.parent(existing.context()).startWithoutSpan(), server);
  }

  /** Per-request version from the transport context (HTTP servers can copy the header there), else configured. */
  private String protocolVersion(McpTransportContext transport) {
    if (transport != null) {
      Object value = transport.get(McpTelemetry.PROTOCOL_VERSION_CONTEXT_KEY);
      if (value instanceof String && !((String) value).isBlank()) {
        return (String) value;
      }
    }
    return protocolVersion;
  }
}
