package dev.aitelemetry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link AiTelemetry#recordFailure}: a span the API did not start fails exactly as an operation's would. */
class RecordFailureTest {
  private final TestTelemetry otel = new TestTelemetry();
  private final AiTelemetry telemetry = otel.builder().build();

  @AfterEach
  void close() {
    otel.close();
  }

  @Test
  void marksTheSpanErrorWithTheTypeAndTheExceptionEvent() {
    Span span = telemetry.tracer().spanBuilder("invoke_agent Planner").startSpan();
    telemetry.recordFailure(span, new IllegalStateException("planner gave up"), "java.lang.IllegalStateException");
    span.end();

    SpanData data = otel.onlySpan();
    assertThat(data.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(data.getStatus().getDescription()).isEqualTo("planner gave up");
    assertThat(data.getAttributes().get(GenAiAttributes.ERROR_TYPE)).isEqualTo("java.lang.IllegalStateException");
    assertThat(data.getEvents()).singleElement().satisfies(e -> assertThat(e.getName()).isEqualTo("exception"));
  }

  @Test
  void redactsTheMessageStackTraceAndStatusEvenWithContentCaptureOff() {
    String key = "sk-live-0123456789abcdefghijklmnopqrstuv";
    Span span = telemetry.tracer().spanBuilder("own work").startSpan();
    telemetry.recordFailure(span, new RuntimeException("wrapped", new RuntimeException("bad key " + key)), "500");
    span.end();

    SpanData data = otel.onlySpan();
    assertThat(telemetry.capturesContent()).isFalse();
    assertThat(data.toString()).doesNotContain(key).contains("bad key [REDACTED");
  }

  @Test
  void aBlankTypeBecomesOther() {
    Span span = telemetry.tracer().spanBuilder("own work").startSpan();
    telemetry.recordFailure(span, new RuntimeException("x"), " ");
    span.end();

    assertThat(otel.onlySpan().getAttributes().get(GenAiAttributes.ERROR_TYPE)).isEqualTo("_OTHER");
  }

  @Test
  void nullSpanOrErrorIsIgnoredWithoutThrowing() {
    Span span = telemetry.tracer().spanBuilder("own work").startSpan();
    assertThatCode(() -> {
      telemetry.recordFailure(null, new RuntimeException("x"), "500");
      telemetry.recordFailure(span, null, "500");
    }).doesNotThrowAnyException();
    span.end();

    assertThat(otel.onlySpan().getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(telemetry.internalErrorCount()).isZero();
  }
}
