// Specification: the stateless tool specifications, invoked the way a stateless transport does.
package dev.aitelemetry.mcp;

import static dev.aitelemetry.core.GenAiAttributes.ERROR_TYPE;
import static dev.aitelemetry.core.GenAiAttributes.MCP_PROTOCOL_VERSION;
import static dev.aitelemetry.core.GenAiAttributes.MCP_SESSION_ID;
import static dev.aitelemetry.mcp.MetaPropagationTest.SPAN_ID;
import static dev.aitelemetry.mcp.MetaPropagationTest.TRACEPARENT;
import static dev.aitelemetry.mcp.MetaPropagationTest.TRACE_ID;
import static dev.aitelemetry.mcp.TestTelemetry.attr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

class StatelessSpecificationTest {
  private final TestTelemetry otel = new TestTelemetry();
  private final McpTelemetry mcp = McpTelemetry.builder(otel.telemetry()).networkTransport("tcp").build();
  private final McpTransportContext http =
      McpTransportContext.create(Map.of(McpTelemetry.PROTOCOL_VERSION_CONTEXT_KEY, "2025-06-18"));

  @AfterEach
  void close() {
    otel.close();
  }

  @Test
  void syncStatelessCallGetsAServerSpanParentedFromMetaWithoutSessionId() {
    McpStatelessServerFeatures.SyncToolSpecification traced = mcp.wrap(Tools.statelessEcho());

    CallToolResult result = traced.callHandler().apply(http, Tools.call("hi", Map.of("traceparent", TRACEPARENT)));

    assertThat(result.isError()).isFalse();
    SpanData server = otel.awaitSpan(SpanKind.SERVER);
    assertThat(server.getName()).isEqualTo("tools/call echo");
    assertThat(server.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(server.getParentSpanId()).isEqualTo(SPAN_ID);
    assertThat(attr(server, MCP_SESSION_ID)).isNull();
  }

  @Test
  void protocolVersionIsReadFromTheTransportContext() {
    mcp.wrap(Tools.statelessEcho()).callHandler().apply(http, Tools.call("hi"));

    assertThat(attr(otel.awaitSpan(SpanKind.SERVER), MCP_PROTOCOL_VERSION)).isEqualTo("2025-06-18");
  }

  @Test
  void configuredProtocolVersionIsTheFallback() {
    McpTelemetry configured = McpTelemetry.builder(otel.telemetry()).protocolVersion("2025-11-25").build();

    configured.wrap(Tools.statelessEcho()).callHandler().apply(McpTransportContext.EMPTY, Tools.call("hi"));

    assertThat(attr(otel.awaitSpan(SpanKind.SERVER), MCP_PROTOCOL_VERSION)).isEqualTo("2025-11-25");
  }

  @Test
  void syncStatelessExceptionIsRethrownAsTheSameInstance() {
    IllegalArgumentException thrown = new IllegalArgumentException("bad input");
    McpStatelessServerFeatures.SyncToolSpecification traced = mcp.wrap(
        new McpStatelessServerFeatures.SyncToolSpecification(Tools.tool("echo"), (ctx, req) -> {
          throw thrown;
        }));

    assertThatThrownBy(() -> traced.callHandler().apply(http, Tools.call("hi"))).isSameAs(thrown);

    SpanData server = otel.awaitSpan(SpanKind.SERVER);
    assertThat(attr(server, ERROR_TYPE)).isEqualTo(IllegalArgumentException.class.getName());
    assertThat(server.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
  }

  @Test
  void asyncStatelessSuccessEndsTheSpanWithoutError() {
    CallToolResult result = mcp.wrap(Tools.statelessAsyncEcho()).callHandler().apply(http, Tools.call("hi"))
        .block(InJvmMcp.TIMEOUT);

    assertThat(result.isError()).isFalse();
    SpanData server = otel.awaitSpan(SpanKind.SERVER);
    assertThat(server.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void asyncStatelessErrorEndsTheSpanWithTheError() {
    assertThatThrownBy(() -> mcp.wrap(Tools.statelessAsyncEcho()).callHandler().apply(http, Tools.call("boom"))
        .block(InJvmMcp.TIMEOUT)).isInstanceOf(IllegalStateException.class);

    assertThat(attr(otel.awaitSpan(SpanKind.SERVER), ERROR_TYPE)).isEqualTo(IllegalStateException.class.getName());
  }

  @Test
  void asyncStatelessCancellationEndsTheSpanOnce() {
    Disposable subscription = mcp.wrap(Tools.statelessAsyncEcho()).callHandler().apply(http, Tools.call("hang"))
        .subscribe();

    subscription.dispose();

    assertThat(attr(otel.awaitSpan(SpanKind.SERVER), ERROR_TYPE)).isEqualTo("cancelled");
    subscription.dispose();
    assertThat(otel.spansOfKind(SpanKind.SERVER)).hasSize(1);
  }
}
