// A span as the receiver stored it and its Zipkin v2 API returns it.
package dev.aitelemetry.testing.otlp;

import java.util.Map;

/**
 * One span read back from the receiver. SkyWalking converts OTLP spans to Zipkin spans, so:
 *
 * <ul>
 *   <li>every tag value is a string ({@code gen_ai.usage.input_tokens} → {@code "120"});
 *   <li>{@code kind} is {@code CLIENT}, {@code SERVER}, {@code PRODUCER} or {@code CONSUMER}, and {@code null}
 *       for an INTERNAL span (Zipkin has no INTERNAL kind);
 *   <li>resource attributes ({@code service.name}, {@code telemetry.sdk.*}) are copied into every span's tags,
 *       the instrumentation scope becomes {@code otel.library.name}/{@code otel.library.version}, and an error
 *       status becomes {@code error=true} plus {@code otel.status_code}/{@code otel.status_description}.
 * </ul>
 *
 * @param traceId 32 hex digits
 * @param id 16 hex digits
 * @param parentId the parent's {@code id}, {@code null} for a root span
 * @param name the span name
 * @param kind see above; {@code null} for INTERNAL
 * @param serviceName the service that emitted it (Zipkin lower-cases service names)
 * @param timestampMicros start, microseconds since the epoch
 * @param durationMicros duration in microseconds
 * @param tags attributes, all as strings; never {@code null}
 */
public record ReceivedSpan(
    String traceId,
    String id,
    String parentId,
    String name,
    String kind,
    String serviceName,
    long timestampMicros,
    long durationMicros,
    Map<String, String> tags) {

  /** Copies the tags so that the record stays immutable. */
  public ReceivedSpan {
    tags = Map.copyOf(tags);
  }

  /** The tag's value, or {@code null} when the span has no such tag. */
  public String tag(String key) {
    return tags.get(key);
  }
}
