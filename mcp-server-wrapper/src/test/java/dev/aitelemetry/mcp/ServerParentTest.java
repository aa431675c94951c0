// Specification: which context parents the SERVER span, what is linked, and what baggage does.
package dev.aitelemetry.mcp;

import static dev.aitelemetry.mcp.MetaPropagationTest.SPAN_ID;
import static dev.aitelemetry.mcp.MetaPropagationTest.TRACEPARENT;
import static dev.aitelemetry.mcp.MetaPropagationTest.TRACE_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // scopes are opened for their side effect
class ServerParentTest {
  private final TestTelemetry otel = new TestTelemetry();
  private final dev.aitelemetry.core.AiTelemetry telemetry = otel.telemetry();
  private final McpTelemetry mcp = McpTelemetry.create(telemetry);
  private final AtomicReference<String> baggageSeenByTool = new AtomicReference<>();
  private final McpServerFeatures.SyncToolSpecification traced = mcp.wrap(
      McpServerFeatures.SyncToolSpecification.builder().tool(Tools.tool("echo")).callHandler((exchange, request) -> {
        baggageSeenByTool.set(Baggage.current().getEntryValue("user.id"));
        return Tools.echoResult(request);
      }).build());

  @AfterEach
  void close() {
    otel.close();
  }

  static McpSyncServerExchange exchange(String sessionId) {
    return new McpSyncServerExchange(new McpAsyncServerExchange(sessionId, null,
        McpSchema.ClientCapabilities.builder().build(), McpSchema.Implementation.builder("c", "1").build(),
        McpTransportContext.EMPTY));
  }

  private SpanData callUnderAmbientSpan(CallToolRequest request) {
    Span ambient = otel.sdk.getTracer("http").spanBuilder("POST /mcp").setSpanKind(SpanKind.SERVER).startSpan();
    try (Scope ignored = ambient.makeCurrent()) {
      traced.callHandler().apply(exchange("s-1"), request);
    } finally {
      ambient.end();
    }
    return otel.awaitSpans(1, s -> s.getName().equals("tools/call echo")).get(0);
  }

  private SpanData ambientSpan() {
    return otel.awaitSpans(1, s -> s.getName().equals("POST /mcp")).get(0);
  }

  @Test
  void metaContextIsTheParentAndTheAmbientSpanIsLinked() {
    SpanData server = callUnderAmbientSpan(Tools.call("hi", Map.of("traceparent", TRACEPARENT)));

    assertThat(server.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(server.getParentSpanId()).isEqualTo(SPAN_ID);
    assertThat(server.getLinks()).extracting(LinkData::getSpanContext)
        .containsExactly(ambientSpan().getSpanContext());
  }

  @Test
  void ambientSpanIsTheParentWhenMetaCarriesNoContext() {
    SpanData server = callUnderAmbientSpan(Tools.call("hi"));

    assertThat(server.getParentSpanId()).isEqualTo(ambientSpan().getSpanId());
    assertThat(server.getLinks()).isEmpty();
  }

  @Test
  void malformedTraceparentFallsBackToTheAmbientSpanWithoutInternalErrors() {
    SpanData server = callUnderAmbientSpan(Tools.call("hi", Map.of("traceparent", "00-not-a-trace-01")));

    assertThat(server.getParentSpanId()).isEqualTo(ambientSpan().getSpanId());
    assertThat(telemetry.internalErrorCount()).isZero();
  }

  @Test
  void malformedTraceparentWithoutAmbientSpanStartsANewTrace() {
    traced.callHandler().apply(exchange("s-1"), Tools.call("hi", Map.of("traceparent", "zz-bad")));

    SpanData server = otel.awaitSpan(SpanKind.SERVER);
    assertThat(server.getParentSpanContext().isValid()).isFalse();
  }

  @Test
  void sessionIdComesFromTheExchange() {
    traced.callHandler().apply(exchange("session-42"), Tools.call("hi"));

    assertThat(TestTelemetry.attr(otel.awaitSpan(SpanKind.SERVER),
        dev.aitelemetry.core.GenAiAttributes.MCP_SESSION_ID)).isEqualTo("session-42");
  }

  @Test
  void baggageFromMetaIsVisibleToTheToolButNeverBecomesAnAttribute() {
    traced.callHandler().apply(exchange("s-1"),
        Tools.call("hi", Map.of("traceparent", TRACEPARENT, "baggage", "user.id=alice")));

    SpanData server = otel.awaitSpan(SpanKind.SERVER);
    assertThat(baggageSeenByTool.get()).isEqualTo("alice");
    assertThat(server.getAttributes().asMap().values()).noneMatch(v -> String.valueOf(v).contains("alice"));
    assertThat(server.getAttributes().asMap().keySet()).noneMatch(k -> k.getKey().contains("user.id"));
  }

  @Test
  void theServerSpanIsCurrentWhileTheToolRunsAndNotAfter() {
    AtomicReference<String> seen = new AtomicReference<>();
    McpServerFeatures.SyncToolSpecification spec = mcp.wrap(McpServerFeatures.SyncToolSpecification.builder()
        .tool(Tools.tool("echo")).callHandler((exchange, request) -> {
          seen.set(Span.current().getSpanContext().getSpanId());
          return Tools.echoResult(request);
        }).build());

    spec.callHandler().apply(exchange("s-1"), Tools.call("hi"));

    assertThat(seen.get()).isEqualTo(otel.awaitSpan(SpanKind.SERVER).getSpanId());
    assertThat(Span.current().getSpanContext().isValid()).isFalse();
  }
}
