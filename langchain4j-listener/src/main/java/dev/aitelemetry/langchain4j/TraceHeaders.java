package dev.aitelemetry.langchain4j;

import dev.aitelemetry.core.AiTelemetry;
import io.opentelemetry.context.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A {@code customHeaders(Supplier)} value for LangChain4j's OpenAI builders: the given static headers plus the
 * trace context of the chat call ({@code traceparent}, {@code tracestate}, baggage — whatever the configured
 * propagator writes). LangChain4j evaluates it per HTTP request, retries included, inside {@code doChat} on the
 * thread that ran the listener's {@code onRequest}: the chat call started last on this thread and not yet ended
 * gives the context, for every model (synchronous or streaming, decorated or not); without one, {@link
 * Context#current()} does.
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
      Context chat = ChatCall.contextStartedOnThisThread();
      telemetry.propagator().inject(chat != null ? chat : Context.current(), headers, (carrier, key, value) -> {
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
