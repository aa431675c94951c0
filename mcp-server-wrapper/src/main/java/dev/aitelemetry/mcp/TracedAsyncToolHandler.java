// Decorates a reactive MCP tool handler: the span starts at subscription and ends once on success, error or cancel.
package dev.aitelemetry.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.opentelemetry.context.Scope;
import java.util.function.BiFunction;
import reactor.core.publisher.Mono;

/**
 * Nothing happens at assembly: {@link Mono#defer} starts the span when the SDK subscribes, so a Mono that is
 * never subscribed leaves no span, and a re-subscribed one gets one span per execution. The span is current only
 * while the delegate assembles its Mono (that scope closes right after, on the same thread); Reactor operators that
 * run later on other threads do not see it, so no scope is ever left open on a Reactor thread.
 *
 * @param <X> the exchange type: {@code McpAsyncServerExchange} or {@code McpTransportContext} (stateless)
 */
final class TracedAsyncToolHandler<X> implements BiFunction<X, CallToolRequest, Mono<CallToolResult>> {
  private final McpSchema.Tool tool;
  private final BiFunction<X, CallToolRequest, Mono<CallToolResult>> delegate;
  private final ExchangeAccess<X> access;
  private final ToolCallTracer tracer;

  TracedAsyncToolHandler(McpSchema.Tool tool, BiFunction<X, CallToolRequest, Mono<CallToolResult>> delegate,
      ExchangeAccess<X> access, ToolCallTracer tracer) {
    this.tool = tool;
    this.delegate = delegate;
    this.access = access;
    this.tracer = tracer;
  }

  @Override
  @SuppressWarnings("try") // the scope is used for its side effect: the span is current inside
  public Mono<CallToolResult> apply(X exchange, CallToolRequest request) {
    return Mono.defer(() -> {
      TracedCall call = tracer.startServer(tool, sessionId(exchange), transport(exchange), request);
      Mono<CallToolResult> mono;
      try (Scope ignored = call.makeCurrent()) {
        mono = delegate.apply(exchange, request);
      } catch (Throwable t) {
        call.fail(t);
        throw t; // Mono.defer signals it as onError: the SDK answers with the same JSON-RPC error as before
      }
      return ReactiveCalls.observe(mono, call);
    });
  }

  private String sessionId(X exchange) {
    try {
      return access.sessionId(exchange);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private McpTransportContext transport(X exchange) {
    try {
      return access.transportContext(exchange);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
