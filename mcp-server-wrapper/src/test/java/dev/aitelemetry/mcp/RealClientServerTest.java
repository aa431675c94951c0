// Specification: a real MCP client calling a real MCP server (sync and async) over a real transport.
package dev.aitelemetry.mcp;

import static dev.aitelemetry.core.GenAiAttributes.ERROR_TYPE;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_OPERATION_NAME;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_TOOL_DESCRIPTION;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_TOOL_NAME;
import static dev.aitelemetry.core.GenAiAttributes.MCP_METHOD_NAME;
import static dev.aitelemetry.core.GenAiAttributes.MCP_PROTOCOL_VERSION;
import static dev.aitelemetry.core.GenAiAttributes.MCP_SESSION_ID;
import static dev.aitelemetry.core.GenAiAttributes.NETWORK_TRANSPORT;
import static dev.aitelemetry.mcp.TestTelemetry.attr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RealClientServerTest {
  private final TestTelemetry otel = new TestTelemetry();
  private final McpTelemetry mcp = McpTelemetry.builder(otel.telemetry()).networkTransport("pipe").build();
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
  void syncServerSpanIsChildOfClientSpanInOneTrace() {
    env = InJvmMcp.syncServer(mcp.wrapAll(List.of(Tools.echo())));

    CallToolResult result = mcp.callTool(env.client(), Tools.call("hello"));

    assertThat(((TextContent) result.content().get(0)).text()).isEqualTo("echo: hello");
    SpanData client = otel.awaitSpan(SpanKind.CLIENT);
    SpanData server = otel.awaitSpan(SpanKind.SERVER);
    assertThat(server.getTraceId()).isEqualTo(client.getTraceId());
    assertThat(server.getParentSpanId()).isEqualTo(client.getSpanId());
    assertThat(server.getParentSpanContext().isRemote()).isTrue();
  }

  @Test
  void asyncServerSpanIsChildOfClientSpanInOneTrace() {
    env = InJvmMcp.asyncServer(mcp.wrapAll(List.of(Tools.asyncEcho())));

    CallToolResult result = mcp.callTool(env.client(), Tools.call("hello"));

    assertThat(((TextContent) result.content().get(0)).text()).isEqualTo("echo: hello");
    SpanData client = otel.awaitSpan(SpanKind.CLIENT);
    SpanData server = otel.awaitSpan(SpanKind.SERVER);
    assertThat(server.getTraceId()).isEqualTo(client.getTraceId());
    assertThat(server.getParentSpanId()).isEqualTo(client.getSpanId());
  }

  @Test
  void serverSpanFollowsTheMcpConventions() {
    env = InJvmMcp.syncServer(mcp.wrapAll(List.of(Tools.echo())));

    mcp.callTool(env.client(), Tools.call("hello"));

    SpanData server = otel.awaitSpan(SpanKind.SERVER);
    assertThat(server.getName()).isEqualTo("tools/call echo");
    assertThat(attr(server, MCP_METHOD_NAME)).isEqualTo("tools/call");
    assertThat(attr(server, GEN_AI_TOOL_NAME)).isEqualTo("echo");
    assertThat(attr(server, GEN_AI_OPERATION_NAME)).isEqualTo("execute_tool");
    assertThat(attr(server, GEN_AI_TOOL_DESCRIPTION)).isEqualTo(Tools.ECHO_DESCRIPTION);
    assertThat(attr(server, MCP_SESSION_ID)).isNotBlank();
    assertThat(attr(server, NETWORK_TRANSPORT)).isEqualTo("pipe");
    assertThat(server.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(attr(server, ERROR_TYPE)).isNull();
  }

  @Test
  void clientSpanCarriesTheNegotiatedProtocolVersion() {
    env = InJvmMcp.syncServer(mcp.wrapAll(List.of(Tools.echo())));

    mcp.callTool(env.client(), Tools.call("hello"));

    SpanData client = otel.awaitSpan(SpanKind.CLIENT);
    assertThat(client.getName()).isEqualTo("tools/call echo");
    assertThat(attr(client, MCP_PROTOCOL_VERSION))
        .isEqualTo(env.client().getCurrentInitializationResult().protocolVersion());
  }

  @Test
  void isErrorResultIsAToolErrorOnBothSidesAndTheClientStillGetsTheResult() {
    env = InJvmMcp.syncServer(mcp.wrapAll(List.of(Tools.echo())));

    CallToolResult result = mcp.callTool(env.client(), Tools.call("flag"));

    assertThat(result.isError()).isTrue();
    for (SpanKind kind : List.of(SpanKind.SERVER, SpanKind.CLIENT)) {
      SpanData span = otel.awaitSpan(kind);
      assertThat(span.getStatus().getStatusCode()).as(kind.name()).isEqualTo(StatusCode.ERROR);
      assertThat(attr(span, ERROR_TYPE)).as(kind.name()).isEqualTo("tool_error");
    }
  }

  @Test
  void thrownExceptionReachesTheClientAsJsonRpcErrorAndIsRecordedOnTheServerSpan() {
    env = InJvmMcp.syncServer(mcp.wrapAll(List.of(Tools.echo())));

    assertThatThrownBy(() -> mcp.callTool(env.client(), Tools.call("boom")))
        .isInstanceOf(McpError.class).hasMessageContaining("tool failed on purpose");

    SpanData server = otel.awaitSpan(SpanKind.SERVER);
    assertThat(server.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(attr(server, ERROR_TYPE)).isEqualTo(IllegalStateException.class.getName());
    assertThat(server.getEvents()).extracting(EventData::getName).containsExactly("exception");
    SpanData client = otel.awaitSpan(SpanKind.CLIENT);
    assertThat(attr(client, ERROR_TYPE)).isEqualTo("-32603"); // JSON-RPC INTERNAL_ERROR, as the conventions say
  }

  @Test
  void asyncServerErrorReachesTheClientAndEndsTheSpanWithTheError() {
    env = InJvmMcp.asyncServer(mcp.wrapAll(List.of(Tools.asyncEcho())));

    assertThatThrownBy(() -> mcp.callTool(env.client(), Tools.call("boom")))
        .isInstanceOf(McpError.class).hasMessageContaining("async tool failed on purpose");

    SpanData server = otel.awaitSpan(SpanKind.SERVER);
    assertThat(attr(server, ERROR_TYPE)).isEqualTo(IllegalStateException.class.getName());
    assertThat(server.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
  }

  @Test
  void asyncServerFlaggedErrorIsAToolError() {
    env = InJvmMcp.asyncServer(mcp.wrapAll(List.of(Tools.asyncEcho())));

    assertThat(mcp.callTool(env.client(), Tools.call("flag")).isError()).isTrue();

    assertThat(attr(otel.awaitSpan(SpanKind.SERVER), ERROR_TYPE)).isEqualTo("tool_error");
  }

  @Test
  void asyncCallCancelledByAnOuterTimeoutEndsItsSpanOnceAsCancelled() {
    // The SDK itself never cancels a running handler (no notifications/cancelled support); a user's timeout
    // layer around the traced handler does, and is what this reproduces on a real server.
    McpServerFeatures.AsyncToolSpecification traced = mcp.wrap(Tools.asyncEcho());
    McpServerFeatures.AsyncToolSpecification withTimeout = new McpServerFeatures.AsyncToolSpecification(
        traced.tool(), (exchange, request) -> traced.callHandler().apply(exchange, request)
            .timeout(Duration.ofMillis(200)));
    env = InJvmMcp.asyncServer(List.of(withTimeout));

    assertThatThrownBy(() -> mcp.callTool(env.client(), Tools.call("hang"))).isInstanceOf(McpError.class);

    SpanData server = otel.awaitSpan(SpanKind.SERVER);
    assertThat(attr(server, ERROR_TYPE)).isEqualTo("cancelled");
    TestTelemetry.sleep(100); // a second end would export a second span
    assertThat(otel.spansOfKind(SpanKind.SERVER)).hasSize(1);
  }

  @Test
  void twentyConcurrentCallsEachGetTheirOwnServerSpanUnderTheirOwnClientSpan() throws Exception {
    env = InJvmMcp.syncServer(mcp.wrapAll(List.of(Tools.echo())));
    ExecutorService pool = Executors.newFixedThreadPool(20);
    try {
      List<Future<CallToolResult>> futures = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String text = "call-" + i;
        futures.add(pool.submit(() -> mcp.callTool(env.client(), Tools.call(text))));
      }
      for (int i = 0; i < 20; i++) {
        CallToolResult r = futures.get(i).get(20, TimeUnit.SECONDS);
        assertThat(((TextContent) r.content().get(0)).text()).isEqualTo("echo: call-" + i);
      }
    } finally {
      pool.shutdownNow();
    }

    List<SpanData> servers = otel.awaitSpans(20, s -> s.getKind() == SpanKind.SERVER);
    Map<String, SpanData> clients = otel.awaitSpans(20, s -> s.getKind() == SpanKind.CLIENT).stream()
        .collect(Collectors.toMap(SpanData::getSpanId, s -> s));
    assertThat(clients).hasSize(20);
    assertThat(servers).hasSize(20).allSatisfy(server -> {
      SpanData parent = clients.get(server.getParentSpanId());
      assertThat(parent).isNotNull();
      assertThat(server.getTraceId()).isEqualTo(parent.getTraceId());
    });
    assertThat(servers.stream().map(SpanData::getTraceId).distinct()).hasSize(20);
  }

  @Test
  void twentyConcurrentCallsToAnAsyncServerEachGetTheirOwnServerSpanUnderTheirOwnClientSpanAndAreCountedOnce()
      throws Exception {
    // An async echo that notes which span is current when its handler runs, per text: links each call's
    // arguments to its server span (content capture is off, so the spans do not say which call they were).
    Map<String, String> serverSpanByText = new ConcurrentHashMap<>();
    McpServerFeatures.AsyncToolSpecification echo = Tools.asyncEcho();
    env = InJvmMcp.asyncServer(mcp.wrapAll(List.of(new McpServerFeatures.AsyncToolSpecification(echo.tool(),
        (exchange, request) -> {
          serverSpanByText.put((String) request.arguments().get("text"), Span.current().getSpanContext().getSpanId());
          return echo.callHandler().apply(exchange, request);
        }))));
    Map<String, String> callerSpanByText = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(20);
    try {
      List<Future<CallToolResult>> futures = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String text = "call-" + i;
        futures.add(pool.submit(() -> {
          Span caller = otel.sdk.getTracer("test").spanBuilder("caller " + text).setNoParent().startSpan();
          callerSpanByText.put(text, caller.getSpanContext().getSpanId());
          try (Scope ignored = caller.makeCurrent()) {
            return mcp.callTool(env.client(), Tools.call(text));
          } finally {
            caller.end();
          }
        }));
      }
      for (int i = 0; i < 20; i++) {
        CallToolResult r = futures.get(i).get(20, TimeUnit.SECONDS);
        assertThat(((TextContent) r.content().get(0)).text()).isEqualTo("echo: call-" + i);
      }
    } finally {
      pool.shutdownNow();
    }

    Map<String, SpanData> servers = otel.awaitSpans(20, s -> s.getKind() == SpanKind.SERVER).stream()
        .collect(Collectors.toMap(SpanData::getSpanId, s -> s));
    Map<String, SpanData> clients = otel.awaitSpans(20, s -> s.getKind() == SpanKind.CLIENT).stream()
        .collect(Collectors.toMap(SpanData::getSpanId, s -> s));
    assertThat(servers).hasSize(20);
    assertThat(clients).hasSize(20);
    assertThat(serverSpanByText).hasSize(20);
    for (int i = 0; i < 20; i++) {
      String text = "call-" + i;
      SpanData server = servers.get(serverSpanByText.get(text));
      assertThat(server).as(text).isNotNull();
      SpanData client = clients.get(server.getParentSpanId());
      assertThat(client).as(text).isNotNull(); // the server span's parent is a client span ...
      assertThat(client.getParentSpanId()).as(text).isEqualTo(callerSpanByText.get(text)); // ... of this very call
      assertThat(server.getTraceId()).as(text).isEqualTo(client.getTraceId());
      assertThat(server.getParentSpanContext().isRemote()).as(text).isTrue();
    }
    assertThat(servers.values().stream().map(SpanData::getTraceId).distinct()).hasSize(20);

    long invocations = TestTelemetry.counterPoints(otel.metric("mcp.tool.invocations")).stream()
        .mapToLong(LongPointData::getValue).sum();
    assertThat(invocations).isEqualTo(20);
    long durations = TestTelemetry.histogramPoints(otel.metric("mcp.server.operation.duration")).stream()
        .mapToLong(HistogramPointData::getCount).sum();
    assertThat(durations).isEqualTo(20);
  }

  @Test
  void asyncClientWrapperTracesTheCallAndPropagatesIt() {
    env = InJvmMcp.syncServerAsyncClient(mcp.wrapAll(List.of(Tools.echo())));

    CallToolResult result = mcp.callTool(env.asyncClient(), Tools.call("hello")).block(InJvmMcp.TIMEOUT);

    assertThat(result.isError()).isFalse();
    SpanData client = otel.awaitSpan(SpanKind.CLIENT);
    SpanData server = otel.awaitSpan(SpanKind.SERVER);
    assertThat(server.getParentSpanId()).isEqualTo(client.getSpanId());
  }
}
