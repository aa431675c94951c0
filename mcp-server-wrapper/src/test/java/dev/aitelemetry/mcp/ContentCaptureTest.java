// Specification: tool arguments and results are recorded only when content capture is on, through core's redaction.
package dev.aitelemetry.mcp;

import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_TOOL_CALL_ARGUMENTS;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_TOOL_CALL_RESULT;
import static dev.aitelemetry.mcp.TestTelemetry.attr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aitelemetry.core.AiTelemetry;
import dev.aitelemetry.core.AiTelemetryBuilder;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ContentCaptureTest {
  private final TestTelemetry otel = new TestTelemetry();
  private InJvmMcp env;

  @AfterEach
  void close() {
    try {
      if (env != null) {
        env.close();
      }
    } finally {
      otel.close();
    }
  }

  @Test
  void byDefaultNoArgumentOrResultAppearsInAnyExportedAttribute() {
    // The build blanks the environment variable; a developer's -D or export would turn capture on.
    Assumptions.assumeFalse("true".equalsIgnoreCase(String.valueOf(System.getenv(AiTelemetryBuilder.CAPTURE_CONTENT_ENV)))
        || System.getProperty(AiTelemetryBuilder.CAPTURE_CONTENT_PROPERTY) != null, "capture configured outside");
    McpTelemetry mcp = McpTelemetry.create(otel.builder().build()); // no captureContent(...) call: the default
    env = InJvmMcp.syncServer(mcp.wrapAll(List.of(Tools.echo())));

    mcp.callTool(env.client(), Tools.call("secret-argument"));
    mcp.callTool(env.client(), Tools.call("flag"));
    assertThatThrownBy(() -> mcp.callTool(env.client(), Tools.call("boom"))).isInstanceOf(McpError.class);

    List<SpanData> spans = otel.awaitSpans(6, s -> true);
    assertThat(spans).allSatisfy(span -> {
      assertThat(span.getAttributes().asMap().keySet()).extracting(k -> k.getKey())
          .doesNotContain(GEN_AI_TOOL_CALL_ARGUMENTS.getKey(), GEN_AI_TOOL_CALL_RESULT.getKey());
      assertThat(span.getAttributes().asMap().values()).noneMatch(v -> String.valueOf(v).contains("secret-argument")
          || String.valueOf(v).contains("no such record"));
    });
  }

  @Test
  void whenEnabledArgumentsAreJsonAndTextResultsAreRecordedOnBothSides() {
    McpTelemetry mcp = McpTelemetry.create(otel.builder().captureContent(true).build());
    env = InJvmMcp.syncServer(mcp.wrapAll(List.of(Tools.echo())));

    mcp.callTool(env.client(), Tools.call("hi"));

    for (SpanKind kind : List.of(SpanKind.SERVER, SpanKind.CLIENT)) {
      SpanData span = otel.awaitSpan(kind);
      assertThat(attr(span, GEN_AI_TOOL_CALL_ARGUMENTS)).as(kind.name()).isEqualTo("{\"text\":\"hi\"}");
      assertThat(attr(span, GEN_AI_TOOL_CALL_RESULT)).as(kind.name()).isEqualTo("echo: hi");
    }
  }

  @Test
  void structuredContentIsRecordedAsJson() {
    AiTelemetry telemetry = otel.builder().captureContent(true).build();
    McpServerFeatures.SyncToolSpecification traced = McpTelemetry.create(telemetry).wrap(
        new McpServerFeatures.SyncToolSpecification(Tools.tool("echo"), (x, r) -> CallToolResult.builder()
            .addTextContent("2 hits").structuredContent(Map.of("hits", 2)).build()));

    traced.callHandler().apply(null, Tools.call("hi"));

    assertThat(attr(otel.awaitSpan(SpanKind.SERVER), GEN_AI_TOOL_CALL_RESULT)).isEqualTo("{\"hits\":2}");
  }

  @Test
  void contentGoesThroughCoresRedactor() {
    AiTelemetry telemetry = otel.builder().captureContent(true)
        .redactor(text -> text.replace("alice@example.com", "[email]")).build();
    McpServerFeatures.SyncToolSpecification traced = McpTelemetry.create(telemetry).wrap(Tools.echo());

    traced.callHandler().apply(null, Tools.call("alice@example.com"));

    SpanData server = otel.awaitSpan(SpanKind.SERVER);
    assertThat(attr(server, GEN_AI_TOOL_CALL_ARGUMENTS)).isEqualTo("{\"text\":\"[email]\"}");
    assertThat(attr(server, GEN_AI_TOOL_CALL_RESULT)).isEqualTo("echo: [email]");
  }
}
