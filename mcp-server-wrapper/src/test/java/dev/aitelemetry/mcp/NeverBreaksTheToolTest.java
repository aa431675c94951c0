// Specification: a failure inside the instrumentation never changes the outcome of a tool call.
package dev.aitelemetry.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aitelemetry.core.AiTelemetry;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // scopes are opened for their side effect
class NeverBreaksTheToolTest {
  /** A propagator that fails on every use, like a buggy vendor extension. */
  static final TextMapPropagator BROKEN = new TextMapPropagator() {
    @Override
    public Collection<String> fields() {
      return List.of("traceparent");
    }

    @Override
    public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
      throw new IllegalStateException("broken inject");
    }

    @Override
    public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
      throw new IllegalStateException("broken extract");
    }
  };

  @Test
  void failingExtractionStillRunsTheToolAndReturnsItsResult() {
    try (TestTelemetry otel = new TestTelemetry(BROKEN, m -> {})) {
      AiTelemetry telemetry = otel.telemetry();
      McpServerFeatures.SyncToolSpecification traced = McpTelemetry.create(telemetry).wrap(Tools.echo());

      CallToolResult result = traced.callHandler().apply(null, Tools.call("hi", Map.of("traceparent", "x")));

      assertThat(result).isEqualTo(Tools.echoResult(Tools.call("hi")));
      assertThat(telemetry.internalErrorCount()).isPositive();
    }
  }

  @Test
  void failingInjectionStillSendsTheCallersRequest() {
    try (TestTelemetry otel = new TestTelemetry(BROKEN, m -> {})) {
      AiTelemetry telemetry = otel.telemetry();
      CallToolRequest request = Tools.call("hi");
      AtomicReference<CallToolRequest> sent = new AtomicReference<>();

      CallToolResult result = McpTelemetry.create(telemetry).callTool(request, r -> {
        sent.set(r);
        return Tools.echoResult(r);
      });

      assertThat(sent.get()).isSameAs(request);
      assertThat(result.isError()).isFalse();
      assertThat(otel.awaitSpan(SpanKind.CLIENT)).isNotNull(); // the span survives, without propagation
      assertThat(telemetry.internalErrorCount()).isPositive();
    }
  }

  @Test
  void unserializableArgumentsKeepTheSpanWithoutContent() {
    try (TestTelemetry otel = new TestTelemetry()) {
      AiTelemetry telemetry = otel.builder().captureContent(true).build();
      Map<String, Object> cyclic = new HashMap<>();
      cyclic.put("self", cyclic);
      McpServerFeatures.SyncToolSpecification traced = McpTelemetry.create(telemetry).wrap(
          new McpServerFeatures.SyncToolSpecification(Tools.tool("echo"), (x, r) -> Tools.flaggedError()));

      CallToolResult result = traced.callHandler().apply(null,
          CallToolRequest.builder("echo").arguments(cyclic).build());

      assertThat(result.isError()).isTrue();
      assertThat(otel.awaitSpan(SpanKind.SERVER).getAttributes()
          .get(dev.aitelemetry.core.GenAiAttributes.GEN_AI_TOOL_CALL_ARGUMENTS)).isNull();
      assertThat(telemetry.internalErrorCount()).isPositive();
    }
  }

  @Test
  void nullRequestAndNullExchangeDoNotFailTheDecorator() {
    try (TestTelemetry otel = new TestTelemetry()) {
      AiTelemetry telemetry = otel.telemetry();
      McpServerFeatures.SyncToolSpecification traced = McpTelemetry.create(telemetry).wrap(
          new McpServerFeatures.SyncToolSpecification(Tools.tool("echo"), (x, r) -> Tools.flaggedError()));

      assertThat(traced.callHandler().apply(null, null).isError()).isTrue();
      assertThat(telemetry.internalErrorCount()).isZero();
    }
  }

  @Test
  void theCallersContextIsRestoredAfterTheCall() {
    try (TestTelemetry otel = new TestTelemetry()) {
      McpServerFeatures.SyncToolSpecification traced = McpTelemetry.create(otel.telemetry()).wrap(Tools.echo());
      Span outer = otel.sdk.getTracer("app").spanBuilder("outer").startSpan();
      try (Scope ignored = outer.makeCurrent()) {
        traced.callHandler().apply(null, Tools.call("hi"));

        assertThat(Span.current()).isSameAs(outer);
      } finally {
        outer.end();
      }
    }
  }
}
