// Decorates a blocking MCP tool handler: one span around the delegate call, on the thread that runs it.
package dev.aitelemetry.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.opentelemetry.context.Scope;
import java.util.function.BiFunction;

/**
 * The SDK runs a sync handler on one thread (a {@code boundedElastic} worker, or the transport thread with {@code
 * immediateExecution}), so the span can be current for the whole call and closed in a {@code finally}. The
 * delegate's exception is rethrown as the same instance; the SDK turns it into the JSON-RPC error.
 *
 * @param <X> the exchange type: {@code McpSyncServerExchange} or {@code McpTransportContext} (stateless)
 */
final class TracedSyncToolHandler<X> implements BiFunction<X, CallToolRequest, CallToolResult> {
  private final McpSchema.Tool tool;
  private final BiFunction<X, CallToolRequest, CallToolResult> delegate;
  private final ExchangeAccess<X> access;
  private final ToolCallTracer tracer;

  TracedSyncToolHandler(McpSchema.Tool tool, BiFunction<X, CallToolRequest, CallToolResult> delegate,
      ExchangeAccess<X> access, ToolCallTracer tracer) {
    this.tool = tool;
    this.delegate = delegate;
    this.access = access;
    this.tracer = tracer;
  }

  @Override
  @SuppressWarnings("try") // the scope is used for its side effect: the span is current inside
  public CallToolResult apply(X exchange, CallToolRequest request) {
    TracedCall call = tracer.startServer(tool, sessionId(exchange), transport(exchange), request);
    CallToolResult result;
    try (Scope ignored = call.makeCurrent()) {
      result = delegate.apply(exchange, request);
    } catch (Throwable t) {
      call.fail(t);
      throw t; // precise rethrow: only unchecked exceptions (or a sneaky checked one) arrive here, unchanged
    }
    call.succeed(result);
    return result;
  }

  private String sessionId(X exchange) {
    try {
      return access.sessionId(exchange);
    } catch (RuntimeException e) {
      return null; // an exchange mock or a future SDK change must not fail the tool call
    }
  }

  private io.modelcontextprotocol.common.McpTransportContext transport(X exchange) {
    try {
      return access.transportContext(exchange);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
