package dev.aitelemetry.core;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The OTLP endpoint an {@link AiTelemetrySetup} really configures: the {@code otel.exporter.otlp.endpoint} that
 * autoconfigure resolved (defaults, environment, system properties) and the span exporter built from it. Nothing
 * is bound or contacted: the exporter only connects when it exports, and nothing is exported.
 *
 * <p>Its {@link #main} prints both for a child JVM started with a real environment (see {@code
 * AiTelemetrySetupTest}): autoconfigure reads the standard {@code OTEL_*} variables from {@link System#getenv},
 * which a test can only set for a new process.
 */
final class EffectiveOtlpEndpoint {
  /** The resolved property, and {@code toString()} of the span exporter built with it. */
  record Resolved(String property, String exporter) {}

  private EffectiveOtlpEndpoint() {}

  /** Builds (and closes) a setup with an OTLP span exporter and no metrics or logs exporter. */
  static Resolved of(AiTelemetrySetup.Builder builder) {
    AtomicReference<String> property = new AtomicReference<>();
    AtomicReference<String> exporter = new AtomicReference<>();
    builder.registerGlobal(false).shutdownHook(false)
        .property("otel.traces.exporter", "otlp").property("otel.metrics.exporter", "none")
        .customizeSdk(sdk -> sdk.addSpanExporterCustomizer((built, config) -> {
          property.set(config.getString("otel.exporter.otlp.endpoint"));
          exporter.set(String.valueOf(built));
          return built;
        }));
    try (AiTelemetrySetup ignored = builder.build()) {
      return new Resolved(property.get(), exporter.get());
    }
  }

  /** Prints {@code property=...} and {@code exporter=...} for the real environment of this JVM. */
  public static void main(String[] args) {
    Resolved resolved = of(AiTelemetrySetup.builder("endpoint-probe"));
    System.out.println("property=" + resolved.property());
    System.out.println("exporter=" + resolved.exporter());
  }
}
