// Options of McpTelemetry: what the decorator cannot discover itself, and how strictly to read _meta.
package dev.aitelemetry.mcp;

import dev.aitelemetry.core.AiTelemetry;

/**
 * Configures an {@link McpTelemetry}. Every option has a safe default; {@code McpTelemetry.create(telemetry)} is
 * the same as {@code McpTelemetry.builder(telemetry).build()}.
 *
 * <pre>{@code
 * McpTelemetry mcp = McpTelemetry.builder(telemetry)
 *     .networkTransport("pipe")          // a stdio server; "tcp" behind HTTP
 *     .build();
 * }</pre>
 */
public final class McpTelemetryBuilder {
  /** The longest {@code _meta} value handed to the propagator, in characters; longer values are ignored. */
  public static final int DEFAULT_MAX_META_VALUE_LENGTH = 4096;

  final AiTelemetry telemetry;
  String networkTransport;
  String protocolVersion;
  boolean reuseInProcessToolSpan = true;
  int maxMetaValueLength = DEFAULT_MAX_META_VALUE_LENGTH;

  McpTelemetryBuilder(AiTelemetry telemetry) {
    this.telemetry = telemetry;
  }

  /**
   * {@code network.transport} on every span: {@code pipe} for stdio, {@code tcp} for HTTP transports. The tool
   * handler cannot see which transport delivered the call, so it is not set unless configured here.
   */
  public McpTelemetryBuilder networkTransport(String networkTransport) {
    this.networkTransport = blankToNull(networkTransport);
    return this;
  }

  /**
   * {@code mcp.protocol.version} to record when the call does not tell: the SDK does not expose the negotiated
   * version to tool handlers. Set it when your server supports a single version. A value found in the transport
   * context under {@link McpTelemetry#PROTOCOL_VERSION_CONTEXT_KEY} takes precedence per call; on the client side
   * the version the client negotiated takes precedence.
   */
  public McpTelemetryBuilder protocolVersion(String protocolVersion) {
    this.protocolVersion = blankToNull(protocolVersion);
    return this;
  }

  /**
   * Whether a call made while an in-process {@code execute_tool} span for the same tool is current (LangChain4j,
   * {@link AiTelemetry#traceToolInvocation}) enriches that span with the MCP attributes ({@code mcp.method.name},
   * {@code mcp.session.id}, {@code mcp.protocol.version}, {@code network.transport}) instead of starting a second
   * span, as the MCP conventions recommend. Default true.
   *
   * <p>Metrics stay complete when the span is reused: the in-process span records {@code
   * gen_ai.execute_tool.duration}, and the MCP layer still records its own point of {@code
   * mcp.server.operation.duration} (or {@code mcp.client.operation.duration}) with the call's {@code error.type}.
   * A server call is counted exactly once in {@code mcp.tool.invocations}: by the in-process span when that span
   * counts invocations (the core default, e.g. {@link AiTelemetry#traceToolInvocation}), else by the MCP layer.
   * LangChain4j tool spans do not count invocations, so under an AI service the MCP layer counts the call. A
   * client call is not counted; the server counts it.
   *
   * @param reuse false to always start a SERVER or CLIENT span of its own
   * @return this builder
   */
  public McpTelemetryBuilder reuseInProcessToolSpan(boolean reuse) {
    this.reuseInProcessToolSpan = reuse;
    return this;
  }

  /**
   * The longest {@code _meta} value (in characters) passed to the propagator; longer values are treated as
   * absent. Default {@value #DEFAULT_MAX_META_VALUE_LENGTH}, ample for {@code traceparent}, {@code tracestate}
   * (at most 32 members) and typical {@code baggage}.
   *
   * @throws IllegalArgumentException if not positive
   */
  public McpTelemetryBuilder maxMetaValueLength(int maxLength) {
    if (maxLength <= 0) {
      throw new IllegalArgumentException("maxMetaValueLength must be positive: " + maxLength);
    }
    this.maxMetaValueLength = maxLength;
    return this;
  }

  /** Builds the decorator factory; cheap, thread-safe, reusable for any number of tools and servers. */
  public McpTelemetry build() {
    return new McpTelemetry(this);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
