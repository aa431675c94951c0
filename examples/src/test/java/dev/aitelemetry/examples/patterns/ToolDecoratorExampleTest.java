// Specification of ToolDecoratorExample: what a decorated MCP tool and an instrumented Java function put into telemetry.
package dev.aitelemetry.examples.patterns;

import static dev.aitelemetry.core.GenAiAttributes.ERROR_TYPE;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_OPERATION_NAME;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_TOOL_NAME;
import static dev.aitelemetry.core.GenAiAttributes.MCP_METHOD_NAME;
import static dev.aitelemetry.core.GenAiAttributes.NETWORK_TRANSPORT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ToolDecoratorExampleTest {
  private static final String MCP_SPAN = "tools/call search_solutions";
  private static final String FUNCTION_SPAN = "execute_tool count_words";

  private final InMemoryOtel otel = new InMemoryOtel();
  private ToolDecoratorExample.Outcome outcome;
  private SpanData client;
  private SpanData server;
  private SpanData function;

  @BeforeEach
  void runExample() throws Exception {
    outcome = ToolDecoratorExample.run(otel.telemetry);
    List<SpanData> spans = otel.awaitSpans(3);
    client = only(spans, MCP_SPAN, SpanKind.CLIENT);
    server = only(spans, MCP_SPAN, SpanKind.SERVER);
    function = only(spans, FUNCTION_SPAN, SpanKind.INTERNAL);
  }

  @AfterEach
  void close() {
    otel.close();
  }

  @Test
  void toolsAnswerAsIfUndecorated() {
    assertThat(outcome.mcpAnswer()).isEqualTo("checkout-api: connection pool exhausted; raise the pool size to 40");
    assertThat(outcome.words()).isEqualTo(10);
  }

  @Test
  void producesExactlyAClientSpanAServerSpanAndAFunctionSpan() {
    assertThat(otel.spans()).extracting(SpanData::getName, SpanData::getKind).containsExactlyInAnyOrder(
        tuple(MCP_SPAN, SpanKind.CLIENT),
        tuple(MCP_SPAN, SpanKind.SERVER),
        tuple(FUNCTION_SPAN, SpanKind.INTERNAL));
  }

  @Test
  void serverSpanIsTheChildOfTheClientSpanThroughMeta() {
    assertThat(server.getTraceId()).isEqualTo(client.getTraceId());
    assertThat(server.getParentSpanId()).isEqualTo(client.getSpanId());
    assertThat(server.getParentSpanContext().isRemote()).isTrue();
  }

  @Test
  void serverSpanFollowsTheMcpConventions() {
    assertThat(server.getAttributes().get(MCP_METHOD_NAME)).isEqualTo("tools/call");
    assertThat(server.getAttributes().get(GEN_AI_TOOL_NAME)).isEqualTo("search_solutions");
    assertThat(server.getAttributes().get(GEN_AI_OPERATION_NAME)).isEqualTo("execute_tool");
    assertThat(server.getAttributes().get(NETWORK_TRANSPORT)).isEqualTo("pipe");
    assertThat(server.getAttributes().get(ERROR_TYPE)).isNull();
    assertThat(server.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void functionToolGetsAnExecuteToolSpanOfItsOwn() {
    assertThat(function.getAttributes().get(GEN_AI_TOOL_NAME)).isEqualTo("count_words");
    assertThat(function.getAttributes().get(GEN_AI_OPERATION_NAME)).isEqualTo("execute_tool");
    assertThat(function.getParentSpanContext().isValid()).isFalse();
    assertThat(function.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void eachToolCountsOnceInToolInvocationsAndTheClientNotAtAll() {
    // The wrapped MCP tool's tool_error series exists from the start, at 0 (so Prometheus sees its first failure).
    assertThat(otel.counter("mcp.tool.invocations")).isEqualTo(Map.of(
        Attributes.of(GEN_AI_TOOL_NAME, "search_solutions"), 1L,
        Attributes.of(GEN_AI_TOOL_NAME, "search_solutions", ERROR_TYPE, "tool_error"), 0L,
        Attributes.of(GEN_AI_TOOL_NAME, "count_words"), 1L));
  }

  @Test
  void serverRecordsMcpServerDurationAndClientMcpClientDuration() {
    Attributes mcpCall = Attributes.of(GEN_AI_TOOL_NAME, "search_solutions", GEN_AI_OPERATION_NAME, "execute_tool",
        MCP_METHOD_NAME, "tools/call");
    assertThat(otel.histogram("mcp.server.operation.duration").get(mcpCall).getCount()).isEqualTo(1);
    assertThat(otel.histogram("mcp.client.operation.duration").get(mcpCall).getCount()).isEqualTo(1);
  }

  private static SpanData only(List<SpanData> spans, String name, SpanKind kind) {
    List<SpanData> matching = spans.stream().filter(s -> s.getName().equals(name) && s.getKind() == kind).toList();
    assertThat(matching).as("%s spans named %s", kind, name).hasSize(1);
    return matching.get(0);
  }
}
