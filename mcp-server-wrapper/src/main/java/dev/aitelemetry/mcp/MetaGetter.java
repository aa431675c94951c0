// Reads trace-context fields (traceparent, tracestate, baggage) from an MCP request's _meta map.
package dev.aitelemetry.mcp;

import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.Collections;
import java.util.Map;

/**
 * A {@link TextMapGetter} over {@code params._meta}. The map comes from untrusted JSON, so only string values of a
 * bounded length are handed to the propagator: numbers, objects and oversized strings read as absent.
 */
final class MetaGetter implements TextMapGetter<Map<String, Object>> {
  private final int maxValueLength;

  MetaGetter(int maxValueLength) {
    this.maxValueLength = maxValueLength;
  }

  /** Deprecated in the API, still used by prefix-scanning propagators (Jaeger, OT baggage). */
  @Override
  @SuppressWarnings("deprecation")
  public Iterable<String> keys(Map<String, Object> carrier) {
    return carrier == null ? Collections.emptyList() : carrier.keySet();
  }

  @Override
  public String get(Map<String, Object> carrier, String key) {
    if (carrier == null || key == null) {
      return null;
    }
    Object value = carrier.get(key);
    // A multi-kilobyte traceparent is an attack or a bug, never a trace: don't let the propagator parse it.
    return value instanceof String && ((String) value).length() <= maxValueLength ? (String) value : null;
  }
}
