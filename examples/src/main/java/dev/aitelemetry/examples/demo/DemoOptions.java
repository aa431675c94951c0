package dev.aitelemetry.examples.demo;

import java.util.Map;

/**
 * The demo's settings, from its arguments and the environment.
 *
 * @param apiKey {@code OPENAI_API_KEY}; null runs the scripted local endpoint
 * @param baseUrl {@code OPENAI_BASE_URL}, default OpenAI's
 * @param chatModel {@code OPENAI_MODEL}, default {@code gpt-4o-mini}
 * @param otlpEndpoint {@code OTEL_EXPORTER_OTLP_ENDPOINT} or the guide's {@code OTLP_ENDPOINT}, or null
 * @param prometheusPort the metrics port on 127.0.0.1, default 9464
 * @param staySeconds 0 to exit after the summary, -1 to stay until interrupted, else seconds to stay
 */
public record DemoOptions(String apiKey, String baseUrl, String chatModel, String otlpEndpoint, int prometheusPort,
    long staySeconds) {

  /**
   * Reads the options from the command line and the environment.
   *
   * @throws IllegalArgumentException for an unknown option or a bad number, naming it
   */
  public static DemoOptions parse(String[] args, Map<String, String> env) {
    long stay = 0;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--stay":
          stay = -1;
          break;
        case "--stay-seconds":
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException("--stay-seconds needs a number of seconds");
          }
          stay = Long.parseLong(args[++i]);
          if (stay < 0) {
            throw new IllegalArgumentException("--stay-seconds must not be negative");
          }
          break;
        default:
          throw new IllegalArgumentException("unknown option " + args[i] + " (known: --stay, --stay-seconds N)");
      }
    }
    String otlp = blankToNull(env.get("OTEL_EXPORTER_OTLP_ENDPOINT"));
    if (otlp == null) {
      otlp = blankToNull(env.get("OTLP_ENDPOINT"));
    }
    String port = blankToNull(env.get("AITELEMETRY_DEMO_PROMETHEUS_PORT"));
    return new DemoOptions(
        blankToNull(env.get("OPENAI_API_KEY")),
        orDefault(env.get("OPENAI_BASE_URL"), "https://api.openai.com/v1"),
        orDefault(env.get("OPENAI_MODEL"), "gpt-4o-mini"),
        otlp,
        port == null ? 9464 : Integer.parseInt(port),
        stay);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static String orDefault(String value, String fallback) {
    String v = blankToNull(value);
    return v == null ? fallback : v;
  }
}
