package dev.aitelemetry.core;

import static dev.aitelemetry.core.GenAiAttributes.*;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GuidePatternsTest {
  final TestTelemetry otel = new TestTelemetry();
  final AiTelemetry telemetry = otel.builder().build();

  @AfterEach
  void close() {
    otel.close();
  }

  @Test
  void instrumentedFunctionRunsInsideItsToolSpanAndReturnsTheResult() {
    Function<String, String> tool = telemetry.instrumentFunction("upper", s -> {
      assertThat(Span.current().getSpanContext().isValid()).isTrue();
      return s.toUpperCase();
    });

    assertThat(tool.apply("abc")).isEqualTo("ABC");
    assertThat(otel.onlySpan()).hasName("execute_tool upper");
  }

  @Test
  void instrumentedFunctionRethrowsTheSameExceptionAndRecordsIt() {
    IllegalArgumentException boom = new IllegalArgumentException("bad input");
    Function<String, String> tool = telemetry.instrumentFunction("fails", s -> {
      throw boom;
    });

    assertThatThrownBy(() -> tool.apply("x")).isSameAs(boom);
    assertThat(otel.onlySpan()).hasStatusSatisfying(s -> s.hasCode(StatusCode.ERROR));
    assertThat(otel.onlySpan().getAttributes().get(ERROR_TYPE)).isEqualTo("java.lang.IllegalArgumentException");
  }

  @Test
  void instrumentedFunctionRecordsAnErrorAndPassesItThrough() {
    StackOverflowError error = new StackOverflowError();
    Function<String, String> tool = telemetry.instrumentFunction("deep", s -> {
      throw error;
    });

    assertThatThrownBy(() -> tool.apply("x")).isSameAs(error);
    assertThat(otel.onlySpan().getAttributes().get(ERROR_TYPE)).isEqualTo("java.lang.StackOverflowError");
  }

  @Test
  void callToolPassesCheckedExceptionsThroughUnchanged() {
    IOException io = new IOException("disk full");

    assertThatThrownBy(() -> telemetry.callTool("write", () -> {
      throw io;
    })).isSameAs(io);
    assertThat(otel.onlySpan().getAttributes().get(ERROR_TYPE)).isEqualTo("java.io.IOException");
  }

  @Test
  void instrumentedSupplierAndCallableEachMakeOneSpanPerCall() throws Exception {
    Supplier<Integer> supplier = telemetry.instrumentSupplier("s", () -> 1);
    var callable = telemetry.instrumentCallable("c", () -> 2);

    assertThat(supplier.get() + supplier.get() + callable.call()).isEqualTo(4);
    assertThat(otel.finishedSpans()).extracting(s -> s.getName())
        .containsExactly("execute_tool s", "execute_tool s", "execute_tool c");
  }

  @Test
  void asyncToolEndsItsSpanWhenTheFutureCompletes() throws Exception {
    CompletableFuture<String> pending = new CompletableFuture<>();
    CompletableFuture<String> returned = telemetry.callToolAsync("later", () -> pending);

    assertThat(returned).isSameAs(pending);
    assertThat(otel.finishedSpans()).isEmpty();
    pending.complete("done");
    assertThat(returned.get(5, TimeUnit.SECONDS)).isEqualTo("done");
    assertThat(otel.onlySpan()).hasName("execute_tool later")
        .hasStatusSatisfying(s -> s.hasCode(StatusCode.UNSET));
  }

  @Test
  void asyncToolFailingExceptionallyRecordsTheCauseNotTheWrapper() {
    CompletableFuture<String> failing = CompletableFuture.supplyAsync(() -> {
      throw new IllegalStateException("async boom");
    });
    CompletableFuture<String> returned = telemetry.callToolAsync("async", () -> failing);

    assertThatThrownBy(() -> returned.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
    awaitSpans(1);
    assertThat(otel.onlySpan().getAttributes().get(ERROR_TYPE)).isEqualTo("java.lang.IllegalStateException");
  }

  @Test
  void cancellingTheReturnedFutureEndsTheSpanAsCancelled() {
    CompletableFuture<String> pending = new CompletableFuture<>();
    CompletableFuture<String> returned = telemetry.callToolAsync("slow", () -> pending);

    returned.cancel(true);

    assertThat(pending.isCancelled()).isTrue();
    assertThat(otel.onlySpan().getAttributes().get(ERROR_TYPE))
        .isEqualTo(CancellationException.class.getName());
  }

  @Test
  void asyncBodyThrowingBeforeReturningAFutureEndsTheSpanAndRethrows() {
    RuntimeException boom = new RuntimeException("no future for you");

    assertThatThrownBy(() -> telemetry.callToolAsync("sync-fail", () -> {
      throw boom;
    })).isSameAs(boom);
    assertThat(otel.onlySpan().getAttributes().get(ERROR_TYPE)).isEqualTo("java.lang.RuntimeException");
  }

  @Test
  void crossDomainCorrelationIsAnEventOnTheCurrentSpanAndAHistogramPoint() {
    try (ToolInvocation tool = telemetry.traceToolInvocation("correlate")) {
      telemetry.recordCrossDomainCorrelation("memory", "tools", 0.83,
          Attributes.of(AttributeKey.stringKey("app.note"), "shared topic"));
    }

    assertThat(otel.onlySpan().getEvents()).singleElement().satisfies(e -> {
      assertThat(e.getName()).isEqualTo("cross_domain_correlation");
      assertThat(e.getAttributes().get(CORRELATION_SOURCE_DOMAIN)).isEqualTo("memory");
      assertThat(e.getAttributes().get(CORRELATION_TARGET_DOMAIN)).isEqualTo("tools");
      assertThat(e.getAttributes().get(CORRELATION_SCORE)).isEqualTo(0.83);
      assertThat(e.getAttributes().get(AttributeKey.stringKey("app.note"))).isEqualTo("shared topic");
    });
    HistogramPointData point =
        TestTelemetry.histogramPoints(otel.requireMetric("aitelemetry.correlation.score")).get(0);
    assertThat(point.getSum()).isEqualTo(0.83);
    assertThat(point.getAttributes())
        .isEqualTo(Attributes.of(CORRELATION_SOURCE_DOMAIN, "memory", CORRELATION_TARGET_DOMAIN, "tools"));
  }

  @Test
  void correlationWithoutACurrentSpanStillRecordsTheMetric() {
    assertThat(Span.current()).isSameAs(Span.fromContext(Context.root()));
    telemetry.recordCrossDomainCorrelation("a", "b", 0.5);

    assertThat(otel.finishedSpans()).isEmpty();
    assertThat(otel.metric("aitelemetry.correlation.score")).isPresent();
  }

  private void awaitSpans(int count) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (otel.finishedSpans().size() < count && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
  }
}
