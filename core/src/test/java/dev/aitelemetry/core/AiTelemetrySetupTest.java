package dev.aitelemetry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AiTelemetrySetupTest {

  @AfterEach
  void resetGlobal() {
    GlobalOpenTelemetry.resetForTest();
  }

  private static AiTelemetrySetup.Builder quiet(String name, Map<String, String> env) {
    return AiTelemetrySetup.builder(name).environment(env::get).registerGlobal(false).shutdownHook(false)
        .property("otel.traces.exporter", "none").property("otel.metrics.exporter", "none");
  }

  @Test
  void guideEndpointVariableBecomesTheOtlpEndpointDefault() {
    Map<String, String> defaults =
        AiTelemetrySetup.defaults(quiet("svc", Map.of("OTLP_ENDPOINT", "http://127.0.0.1:4317")));

    assertThat(defaults).containsEntry("otel.exporter.otlp.endpoint", "http://127.0.0.1:4317")
        .containsEntry("otel.exporter.otlp.protocol", "grpc")
        .containsEntry("otel.service.name", "svc");
  }

  @Test
  void guideServiceNameVariableWinsOverTheArgument() {
    Map<String, String> defaults = AiTelemetrySetup.defaults(quiet("svc", Map.of("MCP_SERVICE_NAME", "from-env")));

    assertThat(defaults).containsEntry("otel.service.name", "from-env");
  }

  @Test
  void serviceNameInTheStandardResourceAttributesWinsOverTheGuideVariableAndTheArgument() {
    Map<String, String> defaults = AiTelemetrySetup.defaults(quiet("svc",
        Map.of("MCP_SERVICE_NAME", "guide", "OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=prod, service.name=std")));

    assertThat(defaults).doesNotContainKey("otel.service.name");
  }

  @Test
  void resourceAttributesSystemPropertyWithoutAServiceNameHidesTheVariableSoTheDefaultNameStillApplies() {
    System.setProperty("otel.resource.attributes", "deployment.environment=prod");
    try (AiTelemetrySetup setup = quiet("svc", Map.of("OTEL_RESOURCE_ATTRIBUTES", "service.name=std")).build()) {
      OpenTelemetrySdk sdk = (OpenTelemetrySdk) setup.openTelemetry();
      // Autoconfigure reads the property and ignores the variable: without our default it would be unknown_service.
      assertThat(sdk.getSdkTracerProvider().toString()).contains("service.name=\"svc\"")
          .doesNotContain("unknown_service");
    } finally {
      System.clearProperty("otel.resource.attributes");
    }
  }

  @Test
  void serviceNameInResourceAttributesGivenAsAPropertyWinsOverTheArgument() {
    try (AiTelemetrySetup setup = quiet("svc", Map.of())
        .property("otel.resource.attributes", "service.name=configured").build()) {
      OpenTelemetrySdk sdk = (OpenTelemetrySdk) setup.openTelemetry();
      assertThat(sdk.getSdkTracerProvider().toString()).contains("service.name=\"configured\"")
          .doesNotContain("service.name=\"svc\"");
    }
  }

  @Test
  void withoutGuideVariablesNoEndpointIsForced() {
    assertThat(AiTelemetrySetup.defaults(quiet("svc", Map.of()))).doesNotContainKey("otel.exporter.otlp.endpoint");
  }

  @Test
  void guideEndpointVariableAloneIsTheEndpointTheOtlpExporterIsBuiltWith() {
    // core's Surefire configuration sets OTEL_EXPORTER_OTLP_ENDPOINT empty, which counts as unset
    EffectiveOtlpEndpoint.Resolved resolved = EffectiveOtlpEndpoint.of(
        AiTelemetrySetup.builder("svc").environment(Map.of("OTLP_ENDPOINT", "http://127.0.0.1:24317")::get));

    assertThat(resolved.property()).isEqualTo("http://127.0.0.1:24317");
    assertThat(resolved.exporter()).contains("endpoint=http://127.0.0.1:24317");
  }

  @Test
  void standardEndpointVariableWinsOverTheGuideVariable(@TempDir Path dir) throws Exception {
    // Autoconfigure reads OTEL_EXPORTER_OTLP_ENDPOINT from the real environment (the environment() seam only
    // feeds the guide's variables), so a child JVM gets both variables for real.
    Map<String, String> printed = runProbe(dir, Map.of(
        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:14317",
        "OTLP_ENDPOINT", "http://127.0.0.1:24317"));

    assertThat(printed.get("property")).isEqualTo("http://127.0.0.1:14317");
    assertThat(printed.get("exporter")).contains("endpoint=http://127.0.0.1:14317")
        .doesNotContain("24317");
  }

  /**
   * Runs {@link EffectiveOtlpEndpoint#main} in a child JVM whose environment has no {@code OTEL_*} or guide
   * variable but {@code env}; waits at most 60 s; returns what it printed, by key.
   */
  private static Map<String, String> runProbe(Path dir, Map<String, String> env)
      throws IOException, InterruptedException {
    Path out = dir.resolve("probe.out");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        EffectiveOtlpEndpoint.class.getName())
        .redirectErrorStream(true).redirectOutput(out.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("OTEL_") || k.equals(AiTelemetrySetup.GUIDE_ENDPOINT_ENV)
        || k.equals(AiTelemetrySetup.GUIDE_SERVICE_NAME_ENV) || k.equals("JAVA_TOOL_OPTIONS"));
    pb.environment().putAll(env);
    Process probe = pb.start();
    try {
      assertThat(probe.waitFor(60, TimeUnit.SECONDS)).as("probe finished within 60 s").isTrue();
    } finally {
      probe.destroyForcibly();
    }
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertThat(probe.exitValue()).as("probe exit code; output:%n%s", String.join("\n", lines)).isZero();
    Map<String, String> printed = new java.util.HashMap<>();
    for (String line : lines) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        printed.putIfAbsent(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return printed;
  }

  @Test
  void standardSystemPropertyWinsOverTheGuideVariable() {
    System.setProperty("otel.service.name", "standard");
    try (AiTelemetrySetup setup = quiet("svc", Map.of("MCP_SERVICE_NAME", "guide")).build()) {
      OpenTelemetrySdk sdk = (OpenTelemetrySdk) setup.openTelemetry();
      assertThat(sdk.getSdkTracerProvider().toString()).contains("service.name=\"standard\"")
          .doesNotContain("service.name=\"guide\"");
    } finally {
      System.clearProperty("otel.service.name");
    }
  }

  @Test
  void buildsItsOwnSdkWhenNoneIsInstalledAndClosesIdempotently() {
    AiTelemetrySetup setup = quiet("svc", Map.of()).build();

    assertThat(setup.ownsSdk()).isTrue();
    assertThat(setup.openTelemetry()).isInstanceOf(OpenTelemetrySdk.class);
    assertThat(setup.tracer()).isNotNull();
    assertThat(setup.meter()).isNotNull();
    assertThat(setup.telemetry().openTelemetry()).isSameAs(setup.openTelemetry());
    setup.close();
    setup.close();
  }

  @Test
  void reusesAnInstalledGlobalInstanceInsteadOfBuildingASecondSdk() {
    OpenTelemetrySdk installed = OpenTelemetrySdk.builder().build();
    GlobalOpenTelemetry.set(installed);

    try (AiTelemetrySetup setup = quiet("svc", Map.of()).build()) {
      assertThat(setup.ownsSdk()).isFalse();
      assertThat(setup.telemetry().openTelemetry()).isSameAs(GlobalOpenTelemetry.get());
    }
    installed.close();
  }

  @Test
  void aNoopGlobalInstalledTooEarlyIsNotReusedSoTelemetryStillWorks() {
    io.opentelemetry.api.OpenTelemetry early = GlobalOpenTelemetry.get(); // installs the no-op for good
    assertThat(GlobalOpenTelemetry.isSet()).isTrue();

    try (AiTelemetrySetup setup = quiet("svc", Map.of()).build()) {
      assertThat(setup.ownsSdk()).isTrue();
      assertThat(setup.openTelemetry()).isInstanceOf(OpenTelemetrySdk.class).isNotSameAs(early);
      assertThat(setup.telemetry().isNoop()).isFalse();
    }
  }

  @Test
  void registersTheBuiltSdkGloballyByDefault() {
    try (AiTelemetrySetup setup = AiTelemetrySetup.builder("svc").environment(name -> null).shutdownHook(false)
        .property("otel.traces.exporter", "none").property("otel.metrics.exporter", "none").build()) {
      assertThat(GlobalOpenTelemetry.isSet()).isTrue();
    }
  }

  @Test
  void customizerConfiguresTheInstrumentation() {
    try (AiTelemetrySetup setup = quiet("svc", Map.of()).telemetry(t -> t.captureContent(true)).build()) {
      assertThat(setup.telemetry().capturesContent()).isTrue();
    }
  }

  @Test
  void blankServiceNameIsRejected() {
    assertThatThrownBy(() -> AiTelemetrySetup.init(" ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("serviceName");
  }

  @Test
  void sdkCustomizerAddsSpanProcessorsToTheBuiltSdk() {
    var exporter = io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter.create();
    try (AiTelemetrySetup setup = quiet("svc", Map.of()).customizeSdk(c -> c.addTracerProviderCustomizer(
        (tracing, config) -> tracing.addSpanProcessor(
            io.opentelemetry.sdk.trace.export.SimpleSpanProcessor.create(exporter)))).build()) {
      setup.telemetry().traceToolInvocation("t").close();
      // Read before close: shutting the SDK down clears an in-memory exporter.
      assertThat(exporter.getFinishedSpanItems()).extracting(s -> s.getName()).containsExactly("execute_tool t");
    }
  }
}
