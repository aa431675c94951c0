// Reads the session id and transport context from each kind of first handler argument (exchange or context).
package dev.aitelemetry.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpSyncServerExchange;

/**
 * The four specification types differ only in their handler's first argument; this hides the difference so one
 * traced handler per style (sync, async) serves stateful and stateless servers alike.
 *
 * @param <X> {@link McpSyncServerExchange}, {@link McpAsyncServerExchange} or {@link McpTransportContext}
 */
interface ExchangeAccess<X> {
  /** {@code mcp.session.id}; null for stateless servers, whose conventions say not to set it. */
  String sessionId(X exchange);

  McpTransportContext transportContext(X exchange);

  ExchangeAccess<McpSyncServerExchange> SYNC = new ExchangeAccess<>() {
    @Override
    public String sessionId(McpSyncServerExchange exchange) {
      return exchange == null ? null : exchange.sessionId();
    }

    @Override
    public McpTransportContext transportContext(McpSyncServerExchange exchange) {
      return exchange == null ? null : exchange.transportContext();
    }
  };

  ExchangeAccess<McpAsyncServerExchange> ASYNC = new ExchangeAccess<>() {
    @Override
    public String sessionId(McpAsyncServerExchange exchange) {
      return exchange == null ? null : exchange.sessionId();
    }

    @Override
    public McpTransportContext transportContext(McpAsyncServerExchange exchange) {
      return exchange == null ? null : exchange.transportContext();
    }
  };

  ExchangeAccess<McpTransportContext> STATELESS = new ExchangeAccess<>() {
    @Override
    public String sessionId(McpTransportContext context) {
      return null;
    }

    @Override
    public McpTransportContext transportContext(McpTransportContext context) {
      return context;
    }
  };
}
