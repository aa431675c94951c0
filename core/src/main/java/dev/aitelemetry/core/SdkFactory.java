package dev.aitelemetry.core;

import io.opentelemetry.api.OpenTelemetry;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Builds the SDK for {@link AiTelemetrySetup} through autoconfiguration. Kept apart so that the SDK classes are
 * loaded only here: without the optional SDK dependencies, the rest of the library works and this fails clearly.
 */
final class SdkFactory {
  record Built(OpenTelemetry openTelemetry, AutoCloseable closer) {}

  private SdkFactory() {}

  static Built build(Map<String, String> defaults, boolean registerGlobal,
      Consumer<? super io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer> customizer) {
    try {
      return AutoconfigureCall.build(defaults, registerGlobal, customizer);
    } catch (NoClassDefFoundError e) {
      throw new IllegalStateException(
          "AiTelemetrySetup needs io.opentelemetry:opentelemetry-sdk-extension-autoconfigure and"
              + " io.opentelemetry:opentelemetry-exporter-otlp on the classpath (optional dependencies of"
              + " aitelemetry-core); add them, or build your own OpenTelemetry and use AiTelemetry.create",
          e);
    }
  }

  /** The only class that names SDK types. */
  private static final class AutoconfigureCall {
    static Built build(Map<String, String> defaults, boolean registerGlobal,
        Consumer<? super io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer> customizer) {
      var builder = io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk.builder()
          .addPropertiesSupplier(() -> defaults)
          // An environment variable set but empty (OTEL_EXPORTER_OTLP_ENDPOINT=) counts as unset, as the
          // OpenTelemetry specification says; autoconfigure would otherwise reject "" as an endpoint.
          .addPropertiesCustomizer(config -> blankOverrides(config, defaults))
          // AiTelemetrySetup owns the shutdown (hook and close()); a second hook would shut down twice.
          .disableShutdownHook();
      if (registerGlobal) {
        builder.setResultAsGlobal();
      }
      if (customizer != null) {
        customizer.accept(builder);
      }
      io.opentelemetry.sdk.OpenTelemetrySdk sdk = builder.build().getOpenTelemetrySdk();
      AutoCloseable closer = () -> sdk.shutdown().join(10, TimeUnit.SECONDS);
      return new Built(sdk, closer);
    }

    private static Map<String, String> blankOverrides(
        io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties config, Map<String, String> defaults) {
      Map<String, String> overrides = new java.util.HashMap<>();
      defaults.forEach((key, value) -> {
        String configured = config.getString(key);
        if (configured != null && configured.isBlank()) {
          overrides.put(key, value);
        }
      });
      return overrides;
    }
  }
}
