// End-to-end: AiTelemetrySetup's autoconfigured SDK exports a tool span over OTLP/gRPC to a real receiver.
package dev.aitelemetry.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aitelemetry.testing.otlp.OtlpReceiver;
import dev.aitelemetry.testing.otlp.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// In dev.aitelemetry.core because AiTelemetrySetup.Builder#environment is package-private.
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class AiTelemetrySetupOtlpExportTest {
  private static OtlpReceiver receiver;

  @BeforeAll
  static void startReceiver() {
    receiver = OtlpReceiver.start();
  }

  @AfterAll
  static void stopReceiver() {
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void toolInvocationReachesTheOtlpEndpointNamedByTheGuideVariable() {
    Map<String, String> environment = Map.of("OTLP_ENDPOINT", receiver.otlpGrpcEndpoint());
    AiTelemetrySetup setup = AiTelemetrySetup.builder("x")
        .environment(environment::get)
        .registerGlobal(false)
        .shutdownHook(false)
        // The receiver takes traces only; OTLP metrics would be answered UNIMPLEMENTED.
        .property("otel.metrics.exporter", "none")
        .build();
    try {
      setup.telemetry().traceToolInvocation("search_memory").close();
    } finally {
      setup.close(); // flushes the batch span processor
    }

    List<ReceivedSpan> spans = receiver.awaitSpans("x", 1, Duration.ofSeconds(30));

    assertThat(spans).singleElement().satisfies(span -> {
      assertThat(span.name()).isEqualTo("execute_tool search_memory");
      assertThat(span.tag("gen_ai.tool.name")).isEqualTo("search_memory");
      assertThat(span.serviceName()).isEqualTo("x");
    });
  }
}
