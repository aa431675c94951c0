// Specification: client-side injection and CLIENT spans, independent of any transport.
package dev.aitelemetry.mcp;

import static dev.aitelemetry.core.GenAiAttributes.ERROR_TYPE;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_OPERATION_NAME;
import static dev.aitelemetry.core.GenAiAttributes.MCP_METHOD_NAME;
import static dev.aitelemetry.mcp.TestTelemetry.attr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

@SuppressWarnings("try") // scopes are opened for their side effect
class ClientTracingTest {
  private final TestTelemetry otel = new TestTelemetry();
  private final McpTelemetry mcp = McpTelemetry.create(otel.telemetry());

  @AfterEach
  void close() {
    otel.close();
  }

  @Test
  void injectContextCopiesTheRequestWithTheCurrentSpanAndTheCallersKeys() {
    Map<String, Object> callerMeta = new HashMap<>(Map.of("progressToken", "p-1"));
    CallToolRequest request = Tools.call("hi", callerMeta);
    Span span = otel.sdk.getTracer("app").spanBuilder("work").startSpan();
    CallToolRequest injected;
    try (Scope ignored = span.makeCurrent()) {
      injected = mcp.injectContext(request);
    } finally {
      span.end();
    }

    assertThat(injected).isNotSameAs(request);
    assertThat((String) injected.meta().get("traceparent")).contains(span.getSpanContext().getSpanId());
    assertThat(injected.meta()).containsEntry("progressToken", "p-1");
    assertThat(request.meta()).containsOnlyKeys("progressToken");
  }

  @Test
  void injectContextWithoutASpanReturnsTheRequestUnchanged() {
    CallToolRequest request = Tools.call("hi");

    assertThat(mcp.injectContext(request)).isSameAs(request);
  }

  @Test
  void callToolWrapsAnyClientCodeInAClientSpanThatIsInjectedAndCurrent() {
    AtomicReference<CallToolRequest> sent = new AtomicReference<>();
    AtomicReference<String> currentDuringCall = new AtomicReference<>();

    mcp.callTool(Tools.call("hi"), request -> {
      sent.set(request);
      currentDuringCall.set(Span.current().getSpanContext().getSpanId());
      return Tools.echoResult(request);
    });

    SpanData client = otel.awaitSpan(SpanKind.CLIENT);
    assertThat(client.getName()).isEqualTo("tools/call echo");
    assertThat(attr(client, MCP_METHOD_NAME)).isEqualTo("tools/call");
    assertThat(attr(client, GEN_AI_OPERATION_NAME)).isEqualTo("execute_tool");
    assertThat((String) sent.get().meta().get("traceparent")).contains(client.getSpanId());
    assertThat(currentDuringCall.get()).isEqualTo(client.getSpanId());
  }

  @Test
  void clientSpanIsAChildOfTheCallersSpan() {
    Span caller = otel.sdk.getTracer("app").spanBuilder("agent step").startSpan();
    try (Scope ignored = caller.makeCurrent()) {
      mcp.callTool(Tools.call("hi"), Tools::echoResult);
    } finally {
      caller.end();
    }

    assertThat(otel.awaitSpan(SpanKind.CLIENT).getParentSpanId()).isEqualTo(caller.getSpanContext().getSpanId());
  }

  @Test
  void jsonRpcErrorOnTheClientUsesItsCodeAsErrorTypeAndIsRethrownUnchanged() {
    McpError error = McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message("Unknown tool").build();

    assertThatThrownBy(() -> mcp.callTool(Tools.call("hi"), request -> {
      throw error;
    })).isSameAs(error);

    assertThat(attr(otel.awaitSpan(SpanKind.CLIENT), ERROR_TYPE)).isEqualTo("-32602");
  }

  @Test
  void asyncClientCallIsParentedOnTheContextOfTheCallerNotOfTheSubscriber() throws Exception {
    Span caller = otel.sdk.getTracer("app").spanBuilder("agent step").startSpan();
    Mono<McpSchema.CallToolResult> mono;
    try (Scope ignored = caller.makeCurrent()) {
      mono = mcp.callToolAsync(Tools.call("hi"), request -> Mono.just(Tools.echoResult(request)));
    } finally {
      caller.end();
    }
    assertThat(otel.spansOfKind(SpanKind.CLIENT)).isEmpty(); // nothing before subscription

    Thread other = new Thread(() -> mono.block(InJvmMcp.TIMEOUT));
    other.start();
    other.join(InJvmMcp.TIMEOUT.toMillis());

    assertThat(otel.awaitSpan(SpanKind.CLIENT).getParentSpanId()).isEqualTo(caller.getSpanContext().getSpanId());
  }

  @Test
  void asyncClientCancellationEndsTheClientSpanOnce() {
    var subscription = mcp.callToolAsync(Tools.call("hi"), request -> Mono.never()).subscribe();

    subscription.dispose();

    assertThat(attr(otel.awaitSpan(SpanKind.CLIENT), ERROR_TYPE)).isEqualTo("cancelled");
  }
}
