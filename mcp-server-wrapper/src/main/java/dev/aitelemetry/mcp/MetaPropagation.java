// Moves OpenTelemetry context in and out of MCP params._meta with the configured TextMapPropagator.
package dev.aitelemetry.mcp;

import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Context propagation through {@code params._meta} (OTel MCP semconv, "Context propagation"): extraction on the
 * server, injection on the client. Injection writes into a copy, so the caller's own {@code _meta} keys (e.g.
 * {@code progressToken}) are kept and the caller's map is never mutated.
 */
final class MetaPropagation {
  private final TextMapPropagator propagator;
  private final MetaGetter getter;

  MetaPropagation(TextMapPropagator propagator, int maxValueLength) {
    this.propagator = propagator;
    this.getter = new MetaGetter(maxValueLength);
  }

  /**
   * {@code base} with whatever the propagator finds in {@code meta}. W3C propagators leave {@code base}'s span in
   * place when {@code traceparent} is absent or malformed, which is exactly the fallback we want.
   */
  Context extract(Context base, Map<String, Object> meta) {
    if (meta == null || meta.isEmpty()) {
      return base;
    }
    return propagator.extract(base, meta, getter);
  }

  /** A copy of {@code meta} (may be null) with {@code context}'s fields added; null when nothing was added. */
  Map<String, Object> inject(Context context, Map<String, Object> meta) {
    Map<String, Object> fields = new LinkedHashMap<>();
    propagator.inject(context, fields, MetaSetter.INSTANCE);
    if (fields.isEmpty()) {
      return null;
    }
    Map<String, Object> copy = meta == null ? new LinkedHashMap<>() : new LinkedHashMap<>(meta);
    copy.putAll(fields); // our span is the real parent: it wins over a stale traceparent the caller put there
    return copy;
  }

  /** {@code request} with {@code context} injected into a copy of its {@code _meta}; the same request if none. */
  CallToolRequest inject(Context context, CallToolRequest request) {
    Map<String, Object> meta = inject(context, request.meta());
    return meta == null ? request : new CallToolRequest(request.name(), request.arguments(), meta);
  }
}
