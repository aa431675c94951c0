package dev.aitelemetry.langchain4j;

import dev.aitelemetry.core.AiTelemetry;
import io.opentelemetry.context.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A {@code customHeaders(Supplier)} value for LangChain4j's OpenAI builders: the given static headers plus the
 * current trace context ({@code traceparent}, {@code tracestate}, baggage — whatever the configured propagator
 * writes). LangChain4j evaluates it per HTTP request, retries included, on the thread that sends the request,
 * where the chat span is current (synchronous models, or streaming models decorated by {@link
 * LangChain4jTelemetry#wrap(dev.langchain4j.model.chat.StreamingChatModel)}).
 */
final class TraceHeaders implements Supplier<Map<String, String>> {
  private final AiTelemetry telemetry;
  private final Map<String, String> staticHeaders;

  TraceHeaders(AiTelemetry telemetry, Map<String, String> staticHeaders) {
    this.telemetry = telemetry;
    this.staticHeaders = Map.copyOf(staticHeaders);
  }

  @Override
  public Map<String, String> get() {
    Map<String, String> headers = new LinkedHashMap<>(staticHeaders);
    try {
      telemetry.propagator().inject(Context.current(), headers, (carrier, key, value) -> {
        if (carrier != null && key != null && value != null) {
          carrier.put(key, value);
        }
      });
    } catch (RuntimeException | LinkageError e) {
      telemetry.reportInternalError("trace headers", e);
      return new LinkedHashMap<>(staticHeaders);
    }
    return headers;
  }
}
