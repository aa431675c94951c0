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
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the demo's whole scripted session in this JVM with traces exported over OTLP/gRPC (the endpoint comes from
 * the guide's {@code OTLP_ENDPOINT}, set for this module by Surefire) and reads the trace of one request back from
 * the receiver: {@code invoke_agent → execute_tool → tools/call (server, joined through _meta) → search_memory},
 * with a priced {@code chat} call under the same agent span. The receiver's Zipkin API lower-cases span names,
 * so names are compared ignoring case.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DemoExportsOneTraceTreeTest {
  private static OtlpReceiver receiver;
  private static String output;
  private static List<ReceivedSpan> spans;

  @BeforeAll
  static void runTheDemo() throws Exception {
    GlobalOpenTelemetry.resetForTest();
    receiver = OtlpReceiver.start();
    DemoOptions options = DemoOptions.parse(new String[0], Map.of(
        "OTLP_ENDPOINT", receiver.otlpGrpcEndpoint(),
        "AITELEMETRY_DEMO_PROMETHEUS_PORT", "19464"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int exit;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      exit = Demo.run(options, out);
    } finally {
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
  void theAgentsChatCallsCarryTokensAndCost() {
    Map<String, ReceivedSpan> byId = spans.stream().collect(Collectors.toMap(ReceivedSpan::id, s -> s, (a, b) -> a));
    List<ReceivedSpan> chats = spans.stream()
        .filter(s -> s.name().equalsIgnoreCase("chat gpt-4o-mini"))
        .filter(s -> parentNamed(byId, s, "invoke_agent Assistant").isPresent())
        .collect(Collectors.toList());

    assertThat(chats).isNotEmpty().allSatisfy(chat -> {
      assertThat(chat.kind()).isEqualTo("CLIENT");
      assertThat(Long.parseLong(chat.tag("gen_ai.usage.input_tokens"))).isPositive();
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
