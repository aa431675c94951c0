// Specification: span lifecycle of the reactive handler decorator (assembly, subscription, terminal signals).
package dev.aitelemetry.mcp;

import static dev.aitelemetry.core.GenAiAttributes.ERROR_TYPE;
import static dev.aitelemetry.mcp.TestTelemetry.attr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class AsyncHandlerTest {
  private final TestTelemetry otel = new TestTelemetry();
  private final McpTelemetry mcp = McpTelemetry.create(otel.telemetry());

  @AfterEach
  void close() {
    otel.close();
  }

  @Test
  void nothingStartsAtAssemblyOnlyAtSubscription() {
    AtomicInteger handlerCalls = new AtomicInteger();
    McpServerFeatures.AsyncToolSpecification traced = mcp.wrap(new McpServerFeatures.AsyncToolSpecification(
        Tools.tool("echo"), (exchange, request) -> {
          handlerCalls.incrementAndGet();
          return Mono.just(Tools.echoResult(request));
        }));

    Mono<CallToolResult> mono = traced.callHandler().apply(null, Tools.call("hi"));

    assertThat(handlerCalls.get()).isZero();
    assertThat(otel.finishedSpans()).isEmpty();
    mono.block(InJvmMcp.TIMEOUT);
    mono.block(InJvmMcp.TIMEOUT);
    assertThat(handlerCalls.get()).isEqualTo(2);
    assertThat(otel.awaitSpans(2, s -> s.getKind() == SpanKind.SERVER)).hasSize(2); // one span per execution
  }

  @Test
  void spanIsCurrentWhileTheHandlerAssemblesAndNoScopeIsLeftOnTheThread() {
    AtomicReference<String> seen = new AtomicReference<>();
    McpServerFeatures.AsyncToolSpecification traced = mcp.wrap(new McpServerFeatures.AsyncToolSpecification(
        Tools.tool("echo"), (exchange, request) -> {
          seen.set(Span.current().getSpanContext().getSpanId());
          return Mono.just(Tools.echoResult(request));
        }));

    traced.callHandler().apply(null, Tools.call("hi")).block(InJvmMcp.TIMEOUT);

    assertThat(seen.get()).isEqualTo(otel.awaitSpan(SpanKind.SERVER).getSpanId());
    assertThat(Context.current()).isSameAs(Context.root());
  }

  @Test
  void handlerThatThrowsWhileAssemblingSignalsTheSameExceptionAndEndsTheSpan() {
    IllegalStateException thrown = new IllegalStateException("no Mono for you");
    McpServerFeatures.AsyncToolSpecification traced = mcp.wrap(new McpServerFeatures.AsyncToolSpecification(
        Tools.tool("echo"), (exchange, request) -> {
          throw thrown;
        }));

    assertThatThrownBy(() -> traced.callHandler().apply(null, Tools.call("hi")).block(InJvmMcp.TIMEOUT))
        .isSameAs(thrown);
    assertThat(attr(otel.awaitSpan(SpanKind.SERVER), ERROR_TYPE)).isEqualTo(IllegalStateException.class.getName());
    assertThat(Context.current()).isSameAs(Context.root());
  }

  @Test
  void errorSignalEndsTheSpanOnceWithTheSameException() {
    IllegalStateException failure = new IllegalStateException("late failure");
    McpServerFeatures.AsyncToolSpecification traced = mcp.wrap(new McpServerFeatures.AsyncToolSpecification(
        Tools.tool("echo"), (exchange, request) -> Mono.error(failure)));

    assertThatThrownBy(() -> traced.callHandler().apply(null, Tools.call("hi")).block(InJvmMcp.TIMEOUT))
        .isSameAs(failure);
    SpanData server = otel.awaitSpan(SpanKind.SERVER);
    assertThat(server.getEvents()).hasSize(1);
  }

  @Test
  void emptyMonoEndsTheSpanWithoutError() {
    McpServerFeatures.AsyncToolSpecification traced = mcp.wrap(new McpServerFeatures.AsyncToolSpecification(
        Tools.tool("echo"), (exchange, request) -> Mono.empty()));

    assertThat(traced.callHandler().apply(null, Tools.call("hi")).block(InJvmMcp.TIMEOUT)).isNull();
    assertThat(attr(otel.awaitSpan(SpanKind.SERVER), ERROR_TYPE)).isNull();
  }

  @Test
  void disposingTheSubscriptionEndsTheSpanOnceAsCancelled() {
    var subscription = mcp.wrap(Tools.asyncEcho()).callHandler().apply(null, Tools.call("hang")).subscribe();

    subscription.dispose();
    subscription.dispose();

    SpanData server = otel.awaitSpan(SpanKind.SERVER);
    assertThat(attr(server, ERROR_TYPE)).isEqualTo("cancelled");
    TestTelemetry.sleep(50);
    assertThat(otel.spansOfKind(SpanKind.SERVER)).hasSize(1);
  }

  @Test
  void cancellationAfterTheResultDoesNotChangeTheOutcome() {
    // take(1) cancels its upstream right after the value: the value must win.
    CallToolResult result = reactor.core.publisher.Flux.from(
        mcp.wrap(Tools.asyncEcho()).callHandler().apply(null, Tools.call("hi"))).take(1).blockFirst(InJvmMcp.TIMEOUT);

    assertThat(result.isError()).isFalse();
    assertThat(attr(otel.awaitSpan(SpanKind.SERVER), ERROR_TYPE)).isNull();
  }
}
