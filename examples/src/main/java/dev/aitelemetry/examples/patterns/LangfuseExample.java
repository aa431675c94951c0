// Example of sending aitelemetry traces to Langfuse over OTLP/HTTP, with the LLM call's cost where Langfuse reads it.
package dev.aitelemetry.examples.patterns;

import dev.aitelemetry.core.AiTelemetry;
import dev.aitelemetry.core.AiTelemetrySetup;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Sends the traces of the Python guide's {@code setup_telemetry} + {@code trace_llm_call} to Langfuse instead of a
 * Grafana stack: Langfuse ingests OTLP/HTTP (not gRPC) traces at {@code {host}/api/public/otel/v1/traces},
 * authenticated with HTTP Basic auth of the project's public and secret key, and shows the span's {@code
 * gen_ai.usage.cost} as the generation's cost.
 *
 * <p>{@link #exportProperties} turns {@code LANGFUSE_PUBLIC_KEY}, {@code LANGFUSE_SECRET_KEY} and {@code
 * LANGFUSE_HOST} (default {@value #DEFAULT_HOST}; {@code https://us.cloud.langfuse.com} for the US region, or a
 * self-hosted URL) into OpenTelemetry autoconfiguration properties for {@link AiTelemetrySetup}: trace endpoint,
 * {@code Authorization} and {@code x-langfuse-ingestion-version: 4} headers (Langfuse's documented headers for
 * direct OTLP exporters), protocol {@code http/protobuf}, and no metric exporter (Langfuse takes traces only). The
 * keys reach the exporter's request headers only, never a span. Then one LLM call is traced, as in {@link
 * LlmCallExample}, against a stand-in model endpoint on 127.0.0.1.
 *
 * <p>Run it:
 *
 * <pre>
 * mvn -q -B -pl examples -am package -DskipTests
 * LANGFUSE_PUBLIC_KEY=pk-lf-... LANGFUSE_SECRET_KEY=sk-lf-... \
 *   java -cp 'examples/target/aitelemetry-demo.jar:examples/target/lib/*' dev.aitelemetry.examples.patterns.LangfuseExample
 * </pre>
 */
public final class LangfuseExample {
  public static final String DEFAULT_HOST = "https://cloud.langfuse.com";
  static final String TRACES_PATH = "/api/public/otel/v1/traces";
  static final String SERVICE_NAME = "patterns-langfuse";

  private LangfuseExample() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Map<String, String> properties;
    try {
      properties = exportProperties(System::getenv);
    } catch (IllegalStateException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    try (AiTelemetrySetup setup = setup(properties).build()) {
      LlmCallExample.Answer answer = traceOneCall(setup.telemetry());
      System.out.println("traced one call costing " + answer.cost().map(c -> c.amount().toPlainString() + " "
          + c.currency()).orElse("(unpriced)") + "; sending to " + properties.get("otel.exporter.otlp.traces.endpoint"));
    } // closing flushes the batch to Langfuse before the JVM exits
  }

  /** The export properties from {@code LANGFUSE_*} variables read through {@code environment}. */
  public static Map<String, String> exportProperties(UnaryOperator<String> environment) {
    String publicKey = environment.apply("LANGFUSE_PUBLIC_KEY");
    String secretKey = environment.apply("LANGFUSE_SECRET_KEY");
    if (isBlank(publicKey) || isBlank(secretKey)) {
      throw new IllegalStateException("Set LANGFUSE_PUBLIC_KEY and LANGFUSE_SECRET_KEY (project settings → API keys);"
          + " LANGFUSE_HOST is optional, default " + DEFAULT_HOST);
    }
    return exportProperties(publicKey, secretKey, environment.apply("LANGFUSE_HOST"));
  }

  /**
   * OpenTelemetry autoconfiguration properties that export traces to the Langfuse at {@code host} (null or blank:
   * {@value #DEFAULT_HOST}).
   */
  public static Map<String, String> exportProperties(String publicKey, String secretKey, String host) {
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(secretKey, "secretKey");
    String base = isBlank(host) ? DEFAULT_HOST : host.trim();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    String credentials = Base64.getEncoder()
        .encodeToString((publicKey + ":" + secretKey).getBytes(StandardCharsets.UTF_8));
    Map<String, String> p = new LinkedHashMap<>();
    // The signal-specific endpoint is used as given, so it carries the full /v1/traces path.
    p.put("otel.exporter.otlp.traces.endpoint", base + TRACES_PATH);
    p.put("otel.exporter.otlp.traces.protocol", "http/protobuf");
    // The SDK URL-decodes header values: unencoded, a '+' of the base64 would arrive as a space.
    p.put("otel.exporter.otlp.traces.headers",
        "Authorization=" + urlEncode("Basic " + credentials) + ",x-langfuse-ingestion-version=4");
    p.put("otel.metrics.exporter", "none");
    p.put("otel.logs.exporter", "none");
    return p;
  }

  /** An {@link AiTelemetrySetup} builder with these export properties as its defaults. */
  public static AiTelemetrySetup.Builder setup(Map<String, String> exportProperties) {
    AiTelemetrySetup.Builder builder = AiTelemetrySetup.builder(SERVICE_NAME);
    exportProperties.forEach(builder::property);
    return builder;
  }

  /** Traces one priced LLM call on {@code telemetry}; see {@link LlmCallExample#run}. */
  public static LlmCallExample.Answer traceOneCall(AiTelemetry telemetry) throws IOException, InterruptedException {
    return LlmCallExample.run(telemetry);
  }

  private static String urlEncode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
