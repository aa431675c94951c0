// Specification of LangfuseExample: export settings for Langfuse, checked against a stand-in Langfuse OTLP endpoint.
package dev.aitelemetry.examples.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.aitelemetry.core.AiTelemetrySetup;
import io.opentelemetry.api.GlobalOpenTelemetry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LangfuseExampleTest {
  private static final String PUBLIC_KEY = "pk-lf-1234";
  /** Chosen so that the base64 of "public:secret" holds '+', '/' and '=', which header settings must URL-encode. */
  private static final String SECRET_KEY = "sk-lf-~~~?~";
  private static final String EXPECTED_AUTHORIZATION = "Basic cGstbGYtMTIzNDpzay1sZi1+fn4/fg==";

  private static final String ENDPOINT = "otel.exporter.otlp.traces.endpoint";

  @Test
  void expectedAuthorizationIsBasicOfPublicColonSecretAndNeedsEncoding() {
    assertThat(EXPECTED_AUTHORIZATION).isEqualTo("Basic " + Base64.getEncoder()
        .encodeToString((PUBLIC_KEY + ":" + SECRET_KEY).getBytes(StandardCharsets.UTF_8)));
    assertThat(EXPECTED_AUTHORIZATION).contains("+", "/", "=");
  }

  @Test
  void hostDefaultsToLangfuseCloud() {
    assertThat(LangfuseExample.exportProperties(PUBLIC_KEY, SECRET_KEY, null).get(ENDPOINT))
        .isEqualTo("https://cloud.langfuse.com/api/public/otel/v1/traces");
    assertThat(LangfuseExample.exportProperties(PUBLIC_KEY, SECRET_KEY, " ").get(ENDPOINT))
        .isEqualTo("https://cloud.langfuse.com/api/public/otel/v1/traces");
  }

  @Test
  void tracesEndpointIsTheHostsOtelTracesPathWhateverTrailingSlash() {
    assertThat(LangfuseExample.exportProperties(PUBLIC_KEY, SECRET_KEY, "https://langfuse.example.com/").get(ENDPOINT))
        .isEqualTo("https://langfuse.example.com/api/public/otel/v1/traces");
  }

  @Test
  void exportIsHttpProtobufWithoutMetricsOrLogs() {
    Map<String, String> p = LangfuseExample.exportProperties(PUBLIC_KEY, SECRET_KEY, null);

    assertThat(p).containsEntry("otel.exporter.otlp.traces.protocol", "http/protobuf")
        .containsEntry("otel.metrics.exporter", "none")
        .containsEntry("otel.logs.exporter", "none");
  }

  @Test
  void environmentVariablesGiveTheSamePropertiesAsExplicitArguments() {
    Map<String, String> env = Map.of("LANGFUSE_PUBLIC_KEY", PUBLIC_KEY, "LANGFUSE_SECRET_KEY", SECRET_KEY,
        "LANGFUSE_HOST", "http://localhost:3000");

    assertThat(LangfuseExample.exportProperties(env::get))
        .isEqualTo(LangfuseExample.exportProperties(PUBLIC_KEY, SECRET_KEY, "http://localhost:3000"));
  }

  @Test
  void missingKeysAreReportedByVariableName() {
    assertThatThrownBy(() -> LangfuseExample.exportProperties(Map.of("LANGFUSE_PUBLIC_KEY", PUBLIC_KEY)::get))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("LANGFUSE_SECRET_KEY");
  }

  /** The example run against a real HTTP server standing in for Langfuse on 127.0.0.1. */
  @Nested
  class AgainstAStandInLangfuse {
    private StandInLangfuse langfuse;
    private Received export;

    @BeforeEach
    void exportOneCall() throws Exception {
      langfuse = new StandInLangfuse();
      // AiTelemetrySetup reuses a global OpenTelemetry if one is installed; another test may have left one.
      GlobalOpenTelemetry.resetForTest();
      Map<String, String> properties = LangfuseExample.exportProperties(PUBLIC_KEY, SECRET_KEY, langfuse.host());
      try (AiTelemetrySetup setup = LangfuseExample.setup(properties).registerGlobal(false).shutdownHook(false).build()) {
        assertThat(setup.ownsSdk()).isTrue();
        LangfuseExample.traceOneCall(setup.telemetry());
      } // closing flushes the batch span processor: the export happens here
      export = langfuse.requests.poll(10, TimeUnit.SECONDS);
      assertThat(export).as("a request reached the stand-in Langfuse within 10 s").isNotNull();
    }

    @AfterEach
    void stop() {
      langfuse.close();
    }

    @Test
    void tracesArePostedAsProtobufToTheOtelTracesPath() {
      assertThat(export.method).isEqualTo("POST");
      assertThat(export.path).isEqualTo("/api/public/otel/v1/traces");
      assertThat(export.header("Content-Type")).isEqualTo("application/x-protobuf");
    }

    @Test
    void requestAuthenticatesWithBasicAuthOfPublicAndSecretKey() {
      assertThat(export.header("Authorization")).isEqualTo(EXPECTED_AUTHORIZATION);
    }

    @Test
    void requestSelectsLangfuseIngestionVersionFour() {
      assertThat(export.header("x-langfuse-ingestion-version")).isEqualTo("4");
    }

    @Test
    void exportedSpanIsTheLlmCallWithTheCostLangfuseReads() {
      OtlpTraceRequest.Span call = OtlpTraceRequest.parse(export.body).onlySpanNamed("chat gpt-4o");

      assertThat(call.kind()).isEqualTo(OtlpTraceRequest.KIND_CLIENT);
      assertThat(call.scopeName()).isEqualTo("dev.aitelemetry");
      assertThat(call.attributes())
          .containsEntry("gen_ai.provider.name", "openai")
          .containsEntry("gen_ai.response.model", "gpt-4o-2024-08-06")
          .containsEntry("gen_ai.usage.input_tokens", 1200L)
          .containsEntry("gen_ai.usage.output_tokens", 300L)
          .containsEntry("gen_ai.usage.cost", 0.00475)
          .containsEntry("gen_ai.usage.cost.currency", "USD");
    }

    @Test
    void resourceNamesTheService() {
      assertThat(OtlpTraceRequest.parse(export.body).resourceAttributes)
          .containsEntry("service.name", "patterns-langfuse");
    }

    @Test
    void secretKeyIsInNoSpanOrResourceAttributeNorAnywhereInTheBody() {
      OtlpTraceRequest request = OtlpTraceRequest.parse(export.body);

      assertThat(request.spans).isNotEmpty().allSatisfy(span ->
          assertThat(span.attributes().values()).noneMatch(v -> String.valueOf(v).contains(SECRET_KEY)));
      assertThat(request.resourceAttributes.values()).noneMatch(v -> String.valueOf(v).contains(SECRET_KEY));
      assertThat(new String(export.body, StandardCharsets.ISO_8859_1)).doesNotContain(SECRET_KEY);
    }
  }

  /** What the stand-in received in one request; the body is already un-gzipped if it came compressed. */
  record Received(String method, String path, Map<String, String> headers, byte[] body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** Langfuse's OTLP/HTTP traces endpoint, reduced to accepting and remembering requests. */
  static final class StandInLangfuse implements AutoCloseable {
    final BlockingQueue<Received> requests = new LinkedBlockingQueue<>();
    private final HttpServer server;

    StandInLangfuse() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/", this::handle);
      server.start();
    }

    String host() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
      try (exchange) {
        byte[] raw;
        try (InputStream in = exchange.getRequestBody()) {
          raw = in.readAllBytes();
        }
        boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
        byte[] body = gzip ? new GZIPInputStream(new ByteArrayInputStream(raw)).readAllBytes() : raw;
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
        requests.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body));
        // An empty ExportTraceServiceResponse: full success.
        exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
        exchange.sendResponseHeaders(200, -1);
      }
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
