// Specification: mcp_tool_invocations_total and mcp.server.operation.duration after real calls.
package dev.aitelemetry.mcp;

import static dev.aitelemetry.core.GenAiAttributes.ERROR_TYPE;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_TOOL_NAME;
import static dev.aitelemetry.core.GenAiAttributes.MCP_METHOD_NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.spec.McpError;
import io.opentelemetry.exporter.prometheus.PrometheusHttpServer;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class McpMetricsTest {
  private final int port = freePort();
  private final PrometheusHttpServer prometheus =
      PrometheusHttpServer.builder().setHost("127.0.0.1").setPort(port).build();
  private final TestTelemetry otel = new TestTelemetry(TestTelemetry.W3C, m -> m.registerMetricReader(prometheus));
  private final McpTelemetry mcp = McpTelemetry.create(otel.telemetry());
  private InJvmMcp env;

  @AfterEach
  void close() {
    try {
      if (env != null) {
        env.close();
      }
    } finally {
      otel.close(); // shuts the Prometheus server down with the meter provider
    }
  }

  /** Three successes, two tool errors, one exception. */
  private void callMix() {
    env = InJvmMcp.syncServer(mcp.wrapAll(List.of(Tools.echo())));
    for (int i = 0; i < 3; i++) {
      mcp.callTool(env.client(), Tools.call("ok"));
    }
    for (int i = 0; i < 2; i++) {
      mcp.callTool(env.client(), Tools.call("flag"));
    }
    assertThatThrownBy(() -> mcp.callTool(env.client(), Tools.call("boom"))).isInstanceOf(McpError.class);
    otel.awaitSpans(6, s -> s.getKind() == io.opentelemetry.api.trace.SpanKind.SERVER);
  }

  @Test
  void prometheusExposesMcpToolInvocationsTotalByToolAndErrorType() throws Exception {
    callMix();

    String text = scrape();

    assertThat(sample(text, "mcp_tool_invocations_total", "gen_ai_tool_name=\"echo\"", null)).isEqualTo(3.0);
    assertThat(sample(text, "mcp_tool_invocations_total", "gen_ai_tool_name=\"echo\"", "error_type=\"tool_error\""))
        .isEqualTo(2.0);
    assertThat(sample(text, "mcp_tool_invocations_total", "gen_ai_tool_name=\"echo\"",
        "error_type=\"java.lang.IllegalStateException\"")).isEqualTo(1.0);
  }

  @Test
  void aWrappedToolIsExposedAtZeroBeforeItsFirstCallSoPrometheusRateSeesThatCall() throws Exception {
    mcp.wrapAll(List.of(Tools.echo()));

    String text = scrape();
    assertThat(sample(text, "mcp_tool_invocations_total", "gen_ai_tool_name=\"echo\"", null)).isEqualTo(0.0);
    assertThat(sample(text, "mcp_tool_invocations_total", "gen_ai_tool_name=\"echo\"", "error_type=\"tool_error\""))
        .isEqualTo(0.0);
  }

  @Test
  void clientCallsAreNotCountedAsInvocations() throws Exception {
    callMix();

    MetricData counter = otel.metric("mcp.tool.invocations");

    long total = TestTelemetry.counterPoints(counter).stream().mapToLong(LongPointData::getValue).sum();
    assertThat(total).isEqualTo(6); // one per server execution, none for the six client spans
  }

  @Test
  void serverOperationDurationHasOnePointPerOutcomeWithBoundedAttributesAndSemconvBuckets() {
    callMix();

    MetricData duration = otel.metric("mcp.server.operation.duration");

    assertThat(duration.getUnit()).isEqualTo("s");
    Map<String, HistogramPointData> byError = TestTelemetry.histogramPoints(duration).stream()
        .collect(Collectors.toMap(p -> String.valueOf(p.getAttributes().get(ERROR_TYPE)), Function.identity()));
    assertThat(byError).containsOnlyKeys("null", "tool_error", IllegalStateException.class.getName());
    assertThat(byError.get("null").getCount()).isEqualTo(3);
    assertThat(byError.get("tool_error").getCount()).isEqualTo(2);
    assertThat(byError.get(IllegalStateException.class.getName()).getCount()).isEqualTo(1);
    HistogramPointData ok = byError.get("null");
    assertThat(ok.getAttributes().get(MCP_METHOD_NAME)).isEqualTo("tools/call");
    assertThat(ok.getAttributes().get(GEN_AI_TOOL_NAME)).isEqualTo("echo");
    assertThat(ok.getAttributes().asMap().keySet()).extracting(k -> k.getKey())
        .containsOnly("mcp.method.name", "gen_ai.tool.name", "gen_ai.operation.name");
    assertThat(ok.getBoundaries())
        .containsExactly(0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0);
  }

  @Test
  void clientOperationDurationIsRecordedPerClientCall() {
    callMix();

    MetricData duration = otel.metric("mcp.client.operation.duration");

    long count = TestTelemetry.histogramPoints(duration).stream().mapToLong(HistogramPointData::getCount).sum();
    assertThat(count).isEqualTo(6);
  }

  private String scrape() throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  /** The value of the one sample of {@code name} whose labels contain {@code label} and {@code errorLabel} (or no error_type). */
  private static double sample(String text, String name, String label, String errorLabel) {
    List<String> lines = text.lines()
        .filter(l -> l.startsWith(name + "{"))
        .filter(l -> l.contains(label))
        .filter(l -> errorLabel == null ? !l.contains("error_type=") : l.contains(errorLabel))
        .collect(Collectors.toList());
    assertThat(lines).as("samples of %s %s %s in%n%s", name, label, errorLabel, text).hasSize(1);
    String line = lines.get(0);
    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
