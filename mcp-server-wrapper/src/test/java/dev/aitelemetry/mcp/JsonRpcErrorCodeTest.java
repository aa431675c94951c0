// How JSON-RPC error codes thrown by a tool are classified on the server span, per the MCP conventions.
package dev.aitelemetry.mcp;

import static dev.aitelemetry.core.GenAiAttributes.ERROR_TYPE;
import static dev.aitelemetry.core.GenAiAttributes.RPC_RESPONSE_STATUS_CODE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JsonRpcErrorCodeTest {
  private final TestTelemetry otel = new TestTelemetry();
  private final McpTelemetry mcp = McpTelemetry.create(otel.telemetry());
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

  /** A tool that answers with the JSON-RPC error {@code code}. */
  private static McpServerFeatures.SyncToolSpecification failingWith(int code) {
    return McpServerFeatures.SyncToolSpecification.builder().tool(Tools.tool("echo"))
        .callHandler((exchange, request) -> {
          throw McpError.builder(code).message("rejected with " + code).build();
        }).build();
  }

  @Test
  void invalidParamsIsTheCallersMistakeSoTheServerSpanIsNotAnError() {
    env = InJvmMcp.syncServer(mcp.wrapAll(List.of(failingWith(McpSchema.ErrorCodes.INVALID_PARAMS))));

    assertThatThrownBy(() -> mcp.callTool(env.client(), Tools.call("x"))).isInstanceOf(McpError.class);

    SpanData server = otel.awaitSpan(SpanKind.SERVER);
    assertThat(server.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(server.getAttributes().get(ERROR_TYPE)).isNull();
    assertThat(server.getAttributes().get(RPC_RESPONSE_STATUS_CODE)).isEqualTo("-32602");
    SpanData client = otel.awaitSpan(SpanKind.CLIENT);
    assertThat(client.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(client.getAttributes().get(ERROR_TYPE)).isEqualTo("-32602");
    assertThat(client.getAttributes().get(RPC_RESPONSE_STATUS_CODE)).isEqualTo("-32602");
  }

  @Test
  void anInternalErrorCodeIsAServerError() {
    env = InJvmMcp.syncServer(mcp.wrapAll(List.of(failingWith(McpSchema.ErrorCodes.INTERNAL_ERROR))));

    assertThatThrownBy(() -> mcp.callTool(env.client(), Tools.call("x"))).isInstanceOf(McpError.class);

    SpanData server = otel.awaitSpan(SpanKind.SERVER);
    assertThat(server.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(server.getAttributes().get(ERROR_TYPE)).isEqualTo("-32603");
    assertThat(server.getAttributes().get(RPC_RESPONSE_STATUS_CODE)).isEqualTo("-32603");
  }
}
