// End-to-end: AiTelemetrySetup's autoconfigured SDK exports spans over OTLP/gRPC to a real receiver.
package dev.aitelemetry.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aitelemetry.core.AiTelemetrySetup;
import dev.aitelemetry.core.LlmCall;
import dev.aitelemetry.cost.TokenUsage;
import dev.aitelemetry.testing.otlp.OtlpReceiver;
import dev.aitelemetry.testing.otlp.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The guide's setup, as a user runs it: Surefire sets the real environment variables {@code
 * OTLP_ENDPOINT=http://127.0.0.1:4317} and {@code MCP_SERVICE_NAME=otlp-export-test} (see this module's pom), and
 * {@code AiTelemetrySetup.init} must find the receiver and name the service through them alone. The standard
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} and {@code OTEL_SERVICE_NAME} are set but empty, as shells and container
 * specs often leave them: empty counts as unset, so the guide's variables still apply.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class AiTelemetrySetupOtlpExportTest {
  private static final String SERVICE = "otlp-export-test";
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
  void spansReachTheOtlpEndpointNamedByTheGuideVariables() {
    assertThat(System.getenv("OTLP_ENDPOINT")).isEqualTo(receiver.otlpGrpcEndpoint());
    AiTelemetrySetup setup = AiTelemetrySetup.builder("fallback-name")
        .registerGlobal(false)
        .shutdownHook(false)
        // The receiver takes traces only; OTLP metrics would be answered UNIMPLEMENTED.
        .property("otel.metrics.exporter", "none")
        .build();
    try {
      setup.telemetry().traceToolInvocation("search_memory").close();
      try (LlmCall call = setup.telemetry().traceLlmCall("openai", "gpt-4o")) {
        call.setResponseModel("gpt-4o-2024-08-06");
        call.setUsage(new TokenUsage(1200, 300, 1000, 0, 0));
      }
    } finally {
      setup.close(); // flushes the batch span processor
    }

    List<ReceivedSpan> spans = receiver.awaitSpans(SERVICE, 2, Duration.ofSeconds(30));

    assertThat(spans).anySatisfy(span -> {
      assertThat(span.name()).isEqualTo("execute_tool search_memory");
      assertThat(span.tag("gen_ai.tool.name")).isEqualTo("search_memory");
      assertThat(span.serviceName()).isEqualTo(SERVICE);
    });
    assertThat(spans).anySatisfy(span -> {
      assertThat(span.name()).isEqualTo("chat gpt-4o");
      assertThat(span.tag("gen_ai.usage.input_tokens")).isEqualTo("1200");
      assertThat(span.tag("gen_ai.usage.cost.currency")).isEqualTo("USD");
      assertThat(Double.parseDouble(span.tag("gen_ai.usage.cost.amount"))).isEqualTo(0.00475);
    });
  }
}
