package dev.aitelemetry.core;

import static dev.aitelemetry.core.GenAiAttributes.*;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.equalTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ToolInvocationTest {
  final TestTelemetry otel = new TestTelemetry();

  @AfterEach
  void close() {
    otel.close();
  }

  @Test
  void inProcessToolIsAnInternalExecuteToolSpan() {
    AiTelemetry telemetry = otel.builder().build();
    telemetry.tool("get_weather").description("Weather by city").callId("call_1").type("function").start().end();

    assertThat(otel.onlySpan()).hasName("execute_tool get_weather").hasKind(SpanKind.INTERNAL)
        .hasAttributesSatisfyingExactly(
            equalTo(GEN_AI_OPERATION_NAME, "execute_tool"),
            equalTo(GEN_AI_TOOL_NAME, "get_weather"),
            equalTo(GEN_AI_TOOL_DESCRIPTION, "Weather by city"),
            equalTo(GEN_AI_TOOL_CALL_ID, "call_1"),
            equalTo(GEN_AI_TOOL_TYPE, "function"));
  }

  @Test
  void mcpToolCallIsAServerSpanWithMcpAttributes() {
    AiTelemetry telemetry = otel.builder().build();
    telemetry.mcpToolCall("search_memory").mcpSessionId("s-1").mcpProtocolVersion("2025-06-18")
        .networkTransport("pipe").jsonRpcRequestId("7").start().end();

    assertThat(otel.onlySpan()).hasName("tools/call search_memory").hasKind(SpanKind.SERVER)
        .hasAttributesSatisfyingExactly(
            equalTo(MCP_METHOD_NAME, "tools/call"),
            equalTo(GEN_AI_OPERATION_NAME, "execute_tool"),
            equalTo(GEN_AI_TOOL_NAME, "search_memory"),
            equalTo(MCP_SESSION_ID, "s-1"),
            equalTo(MCP_PROTOCOL_VERSION, "2025-06-18"),
            equalTo(NETWORK_TRANSPORT, "pipe"),
            equalTo(JSONRPC_REQUEST_ID, "7"));
  }

  @Test
  void mcpToolCallTakesAnExplicitParentAndLinksAnotherSpan() {
    AiTelemetry telemetry = otel.builder().build();
    SpanContext remote = SpanContext.createFromRemoteParent(
        "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", TraceFlags.getSampled(), TraceState.getDefault());
    SpanContext ambient = SpanContext.create(
        "11111111111111111111111111111111", "2222222222222222", TraceFlags.getSampled(), TraceState.getDefault());

    telemetry.mcpToolCall("t").parent(Context.root().with(Span.wrap(remote))).addLink(ambient).start().end();

    assertThat(otel.onlySpan()).hasTraceId(remote.getTraceId()).hasParentSpanId(remote.getSpanId())
        .hasLinksSatisfying(links -> assertThat(links).singleElement()
            .satisfies(l -> assertThat(l.getSpanContext()).isEqualTo(ambient)));
  }

  @Test
  void toolErrorResultMarksTheSpanFailedWithToolError() {
    AiTelemetry telemetry = otel.builder().build();
    ToolInvocation tool = telemetry.mcpToolCall("flaky").start();
    tool.markToolError("upstream said no");
    tool.end();

    assertThat(otel.onlySpan()).hasStatusSatisfying(s -> s.hasCode(StatusCode.ERROR))
        .hasAttributesSatisfying(equalTo(ERROR_TYPE, "tool_error"));
  }

  @Test
  void mcpServerDurationUsesMcpBucketsAndBoundedAttributes() {
    AiTelemetry telemetry = otel.builder().build();
    telemetry.mcpToolCall("search_memory").mcpSessionId("high-cardinality-session").start().end();

    MetricData duration = otel.requireMetric("mcp.server.operation.duration");
    assertThat(duration.getUnit()).isEqualTo("s");
    HistogramPointData point = TestTelemetry.histogramPoints(duration).get(0);
    assertThat(point.getBoundaries()).containsExactly(
        0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0);
    assertThat(point.getAttributes()).isEqualTo(Attributes.of(
        MCP_METHOD_NAME, "tools/call", GEN_AI_TOOL_NAME, "search_memory", GEN_AI_OPERATION_NAME, "execute_tool"));
  }

  @Test
  void invocationsCounterCountsByToolAndErrorType() {
    AiTelemetry telemetry = otel.builder().build();
    telemetry.mcpToolCall("search_memory").start().end();
    telemetry.mcpToolCall("search_memory").start().end();
    ToolInvocation failed = telemetry.mcpToolCall("search_memory").start();
    failed.markToolError(null);
    failed.end();

    MetricData invocations = otel.requireMetric("mcp.tool.invocations");
    assertThat(invocations.getLongSumData().isMonotonic()).isTrue();
    assertThat(TestTelemetry.counterPoints(invocations)).hasSize(2)
        .anySatisfy(p -> {
          assertThat(p.getAttributes()).isEqualTo(Attributes.of(GEN_AI_TOOL_NAME, "search_memory"));
          assertThat(p.getValue()).isEqualTo(2);
        })
        .anySatisfy(p -> {
          assertThat(p.getAttributes())
              .isEqualTo(Attributes.of(GEN_AI_TOOL_NAME, "search_memory", ERROR_TYPE, "tool_error"));
          assertThat(p.getValue()).isEqualTo(1);
        });
  }

  @Test
  void mcpClientCallsAreNotCountedAsInvocationsButHaveTheirOwnDuration() {
    AiTelemetry telemetry = otel.builder().build();
    telemetry.mcpClientToolCall("search_memory").start().end();

    assertThat(otel.onlySpan()).hasName("tools/call search_memory").hasKind(SpanKind.CLIENT);
    assertThat(otel.metric("mcp.tool.invocations")).isEmpty();
    assertThat(otel.metric("mcp.client.operation.duration")).isPresent();
  }

  @Test
  void inProcessToolRecordsExecuteToolDuration() {
    AiTelemetry telemetry = otel.builder().build();
    telemetry.tool("calc").start().end();

    HistogramPointData point =
        TestTelemetry.histogramPoints(otel.requireMetric("gen_ai.execute_tool.duration")).get(0);
    assertThat(point.getAttributes())
        .isEqualTo(Attributes.of(GEN_AI_TOOL_NAME, "calc", GEN_AI_OPERATION_NAME, "execute_tool"));
  }

  @Test
  void argumentsAndResultAreNotRecordedByDefault() {
    AiTelemetry telemetry = otel.builder().build();
    ToolInvocation tool = telemetry.tool("calc").arguments("{\"a\":1}").start();
    tool.setResult("2");
    tool.end();

    assertThat(otel.onlySpan().getAttributes().get(GEN_AI_TOOL_CALL_ARGUMENTS)).isNull();
    assertThat(otel.onlySpan().getAttributes().get(GEN_AI_TOOL_CALL_RESULT)).isNull();
  }

  @Test
  void argumentsAndResultAreRecordedRedactedWhenCaptureIsOn() {
    AiTelemetry telemetry = otel.builder().captureContent(true).build();
    ToolInvocation tool = telemetry.tool("mail").arguments("{\"to\":\"alice@example.com\"}").start();
    tool.setResult("sent");
    tool.end();

    assertThat(otel.onlySpan()).hasAttributesSatisfying(
        equalTo(GEN_AI_TOOL_CALL_ARGUMENTS, "{\"to\":\"[REDACTED_EMAIL]\"}"),
        equalTo(GEN_AI_TOOL_CALL_RESULT, "sent"));
  }

  @Test
  void traceToolInvocationIsCurrentSoNestedSpansBecomeChildren() {
    AiTelemetry telemetry = otel.builder().build();
    try (ToolInvocation outer = telemetry.traceToolInvocation("outer")) {
      outer.addEvent("started");
      telemetry.tool("inner").start().end();
    }

    var inner = otel.finishedSpans().get(0);
    var outer = otel.finishedSpans().get(1);
    assertThat(inner).hasName("execute_tool inner").hasParentSpanId(outer.getSpanId());
    assertThat(outer.getEvents()).anySatisfy(e -> assertThat(e.getName()).isEqualTo("started"));
  }

  @Test
  void currentToolInvocationIsFoundInsideItsScopeAndNotAfterItEnds() {
    AiTelemetry telemetry = otel.builder().build();
    try (ToolInvocation tool = telemetry.traceToolInvocation("search")) {
      assertThat(AiTelemetry.currentToolInvocation(Context.current())).containsSame(tool);
      assertThat(tool.isInProcess()).isTrue();
    }
    assertThat(AiTelemetry.currentToolInvocation(Context.current())).isEmpty();
  }

  @Test
  void anExecutionWithoutItsOwnSpanRecordsOnlyMetrics() {
    AiTelemetry telemetry = otel.builder().build();
    ToolInvocation metricsOnly = telemetry.mcpToolCall("echo").startWithoutSpan();
    metricsOnly.markToolError("no such record");
    metricsOnly.end();

    assertThat(otel.finishedSpans()).isEmpty();
    assertThat(TestTelemetry.histogramPoints(otel.requireMetric("mcp.server.operation.duration"))).singleElement()
        .satisfies(p -> assertThat(p.getAttributes().get(ERROR_TYPE)).isEqualTo("tool_error"));
    assertThat(TestTelemetry.counterPoints(otel.requireMetric("mcp.tool.invocations"))).singleElement()
        .satisfies(p -> assertThat(p.getValue()).isEqualTo(1));
  }
}
