// End-to-end: the demo, exporting over OTLP/gRPC to a real receiver, produces the documented span tree.
package dev.aitelemetry.it.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aitelemetry.examples.demo.Demo;
import dev.aitelemetry.examples.demo.DemoOptions;
import dev.aitelemetry.testing.otlp.OtlpReceiver;
import dev.aitelemetry.testing.otlp.ReceivedSpan;
import io.opentelemetry.api.GlobalOpenTelemetry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the demo's whole scripted session in this JVM with {@code OTEL_EXPORTER_OTLP_ENDPOINT} pointing at a real
 * OTLP/gRPC receiver, and reads the trace of one request back from it: {@code invoke_agent → chat → execute_tool →
 * tools/call (server, joined through _meta) → search_memory}, where the chat call that asked for the tool is the
 * tool span's earlier sibling (LangChain4j runs a tool after the model's reply, under the same agent), with tokens
 * and cost on it. The receiver's Zipkin API lower-cases span names, so names are compared ignoring case.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DemoExportsOneTraceTreeTest {
  /** What the OpenTelemetry SDK logged at WARNING or above while the demo ran (export failures among them). */
  private static final List<String> SDK_WARNING_MESSAGES = new CopyOnWriteArrayList<>();
  private static final Handler SDK_WARNINGS = new Handler() {
    @Override
    public void publish(LogRecord record) {
      if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
        SDK_WARNING_MESSAGES.add(record.getLoggerName() + ": " + record.getMessage());
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private static OtlpReceiver receiver;
  private static String output;
  private static List<ReceivedSpan> spans;

  @BeforeAll
  static void runTheDemo() throws Exception {
    GlobalOpenTelemetry.resetForTest();
    receiver = OtlpReceiver.start();
    DemoOptions options = DemoOptions.parse(new String[0], Map.of(
        "OTEL_EXPORTER_OTLP_ENDPOINT", receiver.otlpGrpcEndpoint(),
        "AITELEMETRY_DEMO_PROMETHEUS_PORT", "19464"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int exit;
    Logger sdkLogger = Logger.getLogger("io.opentelemetry");
    sdkLogger.addHandler(SDK_WARNINGS);
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      exit = Demo.run(options, out);
    } finally {
      sdkLogger.removeHandler(SDK_WARNINGS);
      GlobalOpenTelemetry.resetForTest();
    }
    output = bytes.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(output).isZero();
    // Every span of the session, including the server side and the memory operations. The guide's
    // MCP_SERVICE_NAME, set for this module, names the service, as it would in a deployment.
    String service = Optional.ofNullable(System.getenv("MCP_SERVICE_NAME")).orElse("aitelemetry-demo");
    spans = receiver.awaitSpans(service, 60, Duration.ofSeconds(60));
  }

  @AfterAll
  static void stopReceiver() {
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void theDemoFinishesItsSessionAndPrintsTheSummary() {
    assertThat(output).contains("Session complete.", "Span tree of one request", "Per model",
        "Per MCP tool (server side)", "search_memory", "gpt-4o-mini-2024-07-18", "unpriced");
  }

  @Test
  void aMemorySearchOverMcpSitsUnderTheAgentThroughTheToolSpans() {
    Map<String, ReceivedSpan> byId = spans.stream().collect(Collectors.toMap(ReceivedSpan::id, s -> s, (a, b) -> a));
    ReceivedSpan search = spans.stream()
        .filter(s -> s.name().equalsIgnoreCase("search_memory") && "solutions".equals(s.tag("gen_ai.memory.store.id")))
        .filter(s -> parentNamed(byId, s, "tools/call search_memory").isPresent())
        .findFirst().orElseThrow(() -> new AssertionError("no memory search under an MCP tool call in "
            + spans.stream().map(ReceivedSpan::name).distinct().collect(Collectors.toList())));

    ReceivedSpan server = byId.get(search.parentId());
    assertThat(server.kind()).isEqualTo("SERVER");
    assertThat(server.tag("mcp.method.name")).isEqualTo("tools/call");
    ReceivedSpan tool = byId.get(server.parentId());
    assertThat(tool.name()).isEqualToIgnoringCase("execute_tool search_memory");
    ReceivedSpan agent = byId.get(tool.parentId());
    assertThat(agent.name()).isEqualToIgnoringCase("invoke_agent Assistant");
    assertThat(List.of(search, server, tool, agent)).extracting(ReceivedSpan::traceId).containsOnly(agent.traceId());
  }

  @Test
  void theChatCallThatAskedForTheToolPrecedesItUnderTheSameAgent() {
    Map<String, ReceivedSpan> byId = spans.stream().collect(Collectors.toMap(ReceivedSpan::id, s -> s, (a, b) -> a));
    ReceivedSpan tool = spans.stream()
        .filter(s -> s.name().equalsIgnoreCase("execute_tool search_memory"))
        .filter(s -> parentNamed(byId, s, "invoke_agent Assistant").isPresent())
        .findFirst().orElseThrow();

    ReceivedSpan askedForIt = spans.stream()
        .filter(s -> s.name().equalsIgnoreCase("chat gpt-4o-mini") && tool.parentId().equals(s.parentId()))
        .filter(s -> s.timestampMicros() + s.durationMicros() <= tool.timestampMicros())
        .max(java.util.Comparator.comparingLong(ReceivedSpan::timestampMicros))
        .orElseThrow(() -> new AssertionError("no chat span before the tool under its agent"));
    assertThat(askedForIt.tag("gen_ai.response.finish_reasons")).contains("tool_call");
    assertThat(askedForIt.traceId()).isEqualTo(tool.traceId());
  }

  @Test
  void spansAreExportedWithoutAnExportFailure() {
    assertThat(SDK_WARNING_MESSAGES).as("warnings the OpenTelemetry SDK logged")
        .noneMatch(m -> m.contains("span") || m.contains("Span"));
  }

  /**
   * The receiver keeps traces only (its metrics service is not enabled), so the metrics the demo pushes reach it
   * and are refused with UNIMPLEMENTED: proof that they went over OTLP to the configured endpoint, as a deployment
   * pushing to Alloy would. Any other metric-export failure (a wrong endpoint, a marshalling error) fails here.
   */
  @Test
  void metricsArePushedOverOtlpToTheSameEndpoint() {
    assertThat(output).contains("traces and metrics: exported over OTLP to " + receiver.otlpGrpcEndpoint());
    // The exporter says why; the metric reader then only adds a generic "Exporter failed".
    List<String> exporterReports = SDK_WARNING_MESSAGES.stream()
        .filter(m -> m.startsWith("io.opentelemetry.exporter") && m.contains("metrics"))
        .collect(Collectors.toList());
    assertThat(exporterReports).isNotEmpty().allSatisfy(m -> assertThat(m).contains("UNIMPLEMENTED"));
  }

  @Test
  void theAgentsChatCallsCarryTokensAndCost() {
    Map<String, ReceivedSpan> byId = spans.stream().collect(Collectors.toMap(ReceivedSpan::id, s -> s, (a, b) -> a));
    List<ReceivedSpan> chats = spans.stream()
        .filter(s -> s.name().equalsIgnoreCase("chat gpt-4o-mini"))
        .filter(s -> parentNamed(byId, s, "invoke_agent Assistant").isPresent())
        .collect(Collectors.toList());

    assertThat(chats).isNotEmpty().allSatisfy(chat -> {
      assertThat(chat.kind()).isEqualTo("CLIENT");
      assertThat(Long.parseLong(chat.tag("gen_ai.usage.input_tokens"))).isPositive();
      assertThat(Long.parseLong(chat.tag("gen_ai.usage.output_tokens"))).isPositive();
      assertThat(chat.tag("gen_ai.response.model")).isEqualTo("gpt-4o-mini-2024-07-18");
      assertThat(Double.parseDouble(chat.tag("gen_ai.usage.cost.amount"))).isPositive();
      assertThat(chat.tag("gen_ai.usage.cost.currency")).isEqualTo("USD");
    });
  }

  @Test
  void theFailingToolIsAnErrorOnBothSides() {
    Function<String, List<ReceivedSpan>> named =
        name -> spans.stream().filter(s -> s.name().equalsIgnoreCase(name)).collect(Collectors.toList());

    assertThat(named.apply("tools/call deploy_fix")).singleElement()
        .satisfies(s -> assertThat(s.tag("error.type")).isEqualTo("tool_error"));
    assertThat(named.apply("execute_tool deploy_fix")).singleElement()
        .satisfies(s -> assertThat(s.tag("error.type")).isEqualTo("tool_error"));
  }

  private static Optional<ReceivedSpan> parentNamed(Map<String, ReceivedSpan> byId, ReceivedSpan span, String name) {
    ReceivedSpan parent = span.parentId() == null ? null : byId.get(span.parentId());
    return parent != null && parent.name().equalsIgnoreCase(name) ? Optional.of(parent) : Optional.empty();
  }
}
