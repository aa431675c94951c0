// Specification: no second span when an in-process execute_tool span for the same tool is current.
package dev.aitelemetry.mcp;

import static dev.aitelemetry.core.GenAiAttributes.ERROR_TYPE;
import static dev.aitelemetry.core.GenAiAttributes.MCP_METHOD_NAME;
import static dev.aitelemetry.core.GenAiAttributes.MCP_SESSION_ID;
import static dev.aitelemetry.mcp.TestTelemetry.attr;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aitelemetry.core.AiTelemetry;
import dev.aitelemetry.core.ToolInvocation;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // scopes are opened for their side effect
class InProcessToolSpanTest {
  private final TestTelemetry otel = new TestTelemetry();
  private final AiTelemetry telemetry = otel.telemetry();
  private final McpServerFeatures.SyncToolSpecification traced =
      McpTelemetry.create(telemetry).wrap(Tools.echo());

  @AfterEach
  void close() {
    otel.close();
  }

  @Test
  void serverCallInsideAnInProcessSpanForTheSameToolEnrichesItInsteadOfStartingASecondSpan() {
    try (ToolInvocation ignored = telemetry.traceToolInvocation("echo")) {
      traced.callHandler().apply(ServerParentTest.exchange("s-9"), Tools.call("hi"));
    }

    List<SpanData> spans = otel.finishedSpans();
    assertThat(spans).hasSize(1);
    SpanData only = spans.get(0);
    assertThat(only.getName()).isEqualTo("execute_tool echo");
    assertThat(only.getKind()).isEqualTo(SpanKind.INTERNAL);
    assertThat(attr(only, MCP_METHOD_NAME)).isEqualTo("tools/call");
    assertThat(attr(only, MCP_SESSION_ID)).isEqualTo("s-9");
  }

  @Test
  void flaggedErrorMarksTheBorrowedSpanAndItsInvocationCount() {
    try (ToolInvocation ignored = telemetry.traceToolInvocation("echo")) {
      traced.callHandler().apply(ServerParentTest.exchange("s-9"), Tools.call("flag"));
    }

    assertThat(attr(otel.finishedSpans().get(0), ERROR_TYPE)).isEqualTo("tool_error");
    // Counted once, as a tool error; the success series stays at the 0 that wrapping started it at.
    assertThat(TestTelemetry.counterPoints(otel.metric("mcp.tool.invocations")))
        .filteredOn(p -> p.getValue() > 0).singleElement().satisfies(p -> {
          assertThat(p.getValue()).isEqualTo(1);
          assertThat(p.getAttributes().get(ERROR_TYPE)).isEqualTo("tool_error");
        });
    // No second span, but the MCP layer's own duration is still recorded, with the same outcome.
    assertThat(TestTelemetry.histogramPoints(otel.metric("mcp.server.operation.duration"))).singleElement()
        .satisfies(p -> assertThat(p.getAttributes().get(ERROR_TYPE)).isEqualTo("tool_error"));
  }

  @Test
  void aBorrowedSpanThatDoesNotCountInvocationsIsCountedOnceByTheMcpLayer() {
    try (ToolInvocation ignored = telemetry.tool("echo").countInvocation(false).startCurrent()) {
      traced.callHandler().apply(ServerParentTest.exchange("s-9"), Tools.call("hi"));
    }

    assertThat(otel.finishedSpans()).hasSize(1);
    assertThat(TestTelemetry.counterPoints(otel.metric("mcp.tool.invocations")).stream()
        .mapToLong(p -> p.getValue()).sum()).isEqualTo(1);
  }

  @Test
  void anInProcessSpanForAnotherToolGetsAChildServerSpan() {
    try (ToolInvocation outer = telemetry.traceToolInvocation("planner")) {
      traced.callHandler().apply(ServerParentTest.exchange("s-9"), Tools.call("hi"));
    }

    SpanData server = otel.awaitSpan(SpanKind.SERVER);
    SpanData outer = otel.awaitSpan(SpanKind.INTERNAL);
    assertThat(server.getParentSpanId()).isEqualTo(outer.getSpanId());
  }

  @Test
  void reuseCanBeTurnedOff() {
    McpServerFeatures.SyncToolSpecification separate =
        McpTelemetry.builder(telemetry).reuseInProcessToolSpan(false).build().wrap(Tools.echo());

    try (ToolInvocation ignored = telemetry.traceToolInvocation("echo")) {
      separate.callHandler().apply(ServerParentTest.exchange("s-9"), Tools.call("hi"));
    }

    assertThat(otel.finishedSpans()).extracting(SpanData::getKind)
        .containsExactlyInAnyOrder(SpanKind.SERVER, SpanKind.INTERNAL);
  }

  @Test
  void clientCallInsideAnInProcessSpanForTheSameToolInjectsThatSpanWithoutAClientSpan() {
    McpTelemetry mcp = McpTelemetry.create(telemetry);
    String[] sentTraceparent = new String[1];
    String ownSpanId;
    try (ToolInvocation tool = telemetry.traceToolInvocation("echo")) {
      ownSpanId = tool.span().getSpanContext().getSpanId();
      mcp.callTool(Tools.call("hi"), request -> {
        sentTraceparent[0] = (String) request.meta().get("traceparent");
        return Tools.echoResult(request);
      });
    }

    assertThat(otel.finishedSpans()).extracting(SpanData::getKind).containsExactly(SpanKind.INTERNAL);
    assertThat(sentTraceparent[0]).contains(ownSpanId);
    assertThat(attr(otel.finishedSpans().get(0), MCP_METHOD_NAME)).isEqualTo("tools/call");
  }
}
