// Example of the guide's tool-invocation scope: a try-with-resources span with events, attributes and a failure path.
package dev.aitelemetry.examples.patterns;

import dev.aitelemetry.core.AiTelemetry;
import dev.aitelemetry.core.AiTelemetrySetup;
import dev.aitelemetry.core.ToolInvocation;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Mirrors the Python guide's {@code trace_tool_invocation} context manager ({@code with
 * trace_tool_invocation("lookup_ticket") as span: ...}).
 *
 * <p>{@link AiTelemetry#traceToolInvocation} opens span {@code execute_tool lookup_ticket} (INTERNAL), current until
 * the try-with-resources block closes it; inside, the tool adds its own attributes and events. A failing lookup is
 * recorded with {@link ToolInvocation#recordException}: status ERROR, {@code error.type} the exception's class, and
 * {@code mcp.tool.invocations} counts it under that error type. The exception itself reaches the caller unchanged.
 *
 * <p>Run it, exporting over OTLP to {@code OTEL_EXPORTER_OTLP_ENDPOINT} (or the guide's {@code OTLP_ENDPOINT}):
 *
 * <pre>
 * mvn -q -B -pl examples -am package -DskipTests
 * java -cp 'examples/target/aitelemetry-demo.jar:examples/target/lib/*' dev.aitelemetry.examples.patterns.ToolInvocationScopeExample
 * </pre>
 */
public final class ToolInvocationScopeExample {
  static final String TOOL = "lookup_ticket";
  static final String KNOWN_TICKET = "INC-1042";
  static final String UNKNOWN_TICKET = "INC-9999";
  static final AttributeKey<Long> SUMMARY_LENGTH = AttributeKey.longKey("app.ticket.summary_length");

  private static final Map<String, String> TICKETS =
      Map.of(KNOWN_TICKET, "checkout-api: connection pool exhausted between 10:02 and 10:09");

  private ToolInvocationScopeExample() {}

  public static void main(String[] args) {
    try (AiTelemetrySetup setup = AiTelemetrySetup.init("patterns-tool-invocation-scope")) {
      run(setup.telemetry()).forEach(System.out::println);
    }
  }

  /** Looks up one ticket that exists and one that does not; returns what happened to each. */
  public static List<String> run(AiTelemetry telemetry) {
    List<String> outcomes = new ArrayList<>();
    for (String ticket : List.of(KNOWN_TICKET, UNKNOWN_TICKET)) {
      try {
        outcomes.add(ticket + ": " + lookUpTicket(telemetry, ticket));
      } catch (NoSuchElementException e) {
        outcomes.add(ticket + ": failed, " + e.getMessage());
      }
    }
    return outcomes;
  }

  /** The tool: its whole body runs inside the invocation's span. */
  public static String lookUpTicket(AiTelemetry telemetry, String ticketId) {
    try (ToolInvocation tool = telemetry.traceToolInvocation(TOOL)) {
      tool.setAttribute("app.ticket.id", ticketId);
      // The catch sits inside the try-with-resources on purpose: an outer catch would run after close(), when the
      // span has already ended as a success.
      try {
        String summary = TICKETS.get(ticketId);
        if (summary == null) {
          throw new NoSuchElementException("no ticket " + ticketId);
        }
        tool.addEvent("ticket_found", Attributes.of(SUMMARY_LENGTH, (long) summary.length()));
        return summary;
      } catch (RuntimeException e) {
        tool.recordException(e);
        throw e;
      }
    }
  }
}
