package dev.aitelemetry.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.Test;

/** {@link AiTelemetry#isNoop()}: true only when both spans and metrics go to OpenTelemetry's no-op API. */
class AiTelemetryNoopTest {
  @Test
  void noopOpenTelemetryIsNoop() {
    assertThat(AiTelemetry.create(OpenTelemetry.noop()).isNoop()).isTrue();
  }

  @Test
  void anSdkWithTracingIsNotNoop() {
    try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder().build())
        .build()) {
      assertThat(AiTelemetry.create(sdk).isNoop()).isFalse();
    }
  }
}
