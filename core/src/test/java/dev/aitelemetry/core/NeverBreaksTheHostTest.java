package dev.aitelemetry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aitelemetry.cost.TokenUsage;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Instrumentation failures must never change what the instrumented call returns or throws. */
class NeverBreaksTheHostTest {

  @Test
  void aSpanProcessorThatThrowsOnStartDoesNotAffectTheCall() {
    try (TestTelemetry otel = TestTelemetry.withProcessor(new ThrowingProcessor(true, false))) {
      AiTelemetry telemetry = otel.builder().build();
      Function<String, String> tool = telemetry.instrumentFunction("t", s -> s + "!");

      assertThat(tool.apply("ok")).isEqualTo("ok!");
      assertThat(telemetry.internalErrorCount()).isPositive();
    }
  }

  @Test
  void aSpanProcessorThatThrowsOnEndDoesNotAffectTheCall() {
    try (TestTelemetry otel = TestTelemetry.withProcessor(new ThrowingProcessor(false, true))) {
      AiTelemetry telemetry = otel.builder().build();
      LlmCall call = telemetry.llmCall("openai", "gpt-4o").start();
      call.setUsage(TokenUsage.of(1, 1));
      call.end();

      assertThat(telemetry.internalErrorCount()).isEqualTo(1);
      assertThat(Context.current()).isSameAs(Context.root());
    }
  }

  @Test
  void theUsersOwnExceptionPassesThroughUnchangedWhenTheSdkIsFailing() {
    try (TestTelemetry otel = TestTelemetry.withProcessor(new ThrowingProcessor(true, true))) {
      AiTelemetry telemetry = otel.builder().build();
      IllegalStateException mine = new IllegalStateException("inventory service unavailable"); // the application's own
      Function<String, String> tool = telemetry.instrumentFunction("t", s -> {
        throw mine;
      });

      assertThatThrownBy(() -> tool.apply("x")).isSameAs(mine);
      assertThat(Context.current()).isSameAs(Context.root());
    }
  }

  @Test
  void aMetricReaderThatThrowsDisablesMetricsButNotTheCall() {
    try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
        .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(new ThrowingReader()).build())
        .build()) {
      AiTelemetry telemetry = AiTelemetry.builder(sdk).build();

      LlmCall call = telemetry.llmCall("openai", "gpt-4o").start();
      call.setUsage(TokenUsage.of(5, 5));
      call.end();
      assertThat(telemetry.instrumentFunction("t", (String s) -> s.length()).apply("four")).isEqualTo(4);
      assertThat(telemetry.internalErrorCount()).isEqualTo(1);
    }
  }

  @Test
  void operationsWorkAgainstTheNoopApi() {
    AiTelemetry telemetry = AiTelemetry.create(io.opentelemetry.api.OpenTelemetry.noop());
    try (ToolInvocation tool = telemetry.traceToolInvocation("t")) {
      tool.setResult("r");
    }
    assertThat(telemetry.internalErrorCount()).isZero();
  }

  static final class ThrowingProcessor implements SpanProcessor {
    private final boolean onStart;
    private final boolean onEnd;

    ThrowingProcessor(boolean onStart, boolean onEnd) {
      this.onStart = onStart;
      this.onEnd = onEnd;
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
      if (onStart) {
        throw new IllegalStateException("processor onStart failed");
      }
    }

    @Override
    public boolean isStartRequired() {
      return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
      if (onEnd) {
        throw new IllegalStateException("processor onEnd failed");
      }
    }

    @Override
    public boolean isEndRequired() {
      return true;
    }
  }

  /** A reader whose every callback fails, as a broken exporter integration might. */
  static final class ThrowingReader implements MetricReader {
    @Override
    public void register(CollectionRegistration registration) {}

    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
      throw new IllegalStateException("reader broken");
    }

    @Override
    public MemoryMode getMemoryMode() {
      return MemoryMode.IMMUTABLE_DATA;
    }

    @Override
    public CompletableResultCode forceFlush() {
      throw new IllegalStateException("reader broken");
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
