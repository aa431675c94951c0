package dev.aitelemetry.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aitelemetry.core.AiTelemetry;
import dev.aitelemetry.cost.PricingTable;
import dev.aitelemetry.langchain4j.LangChain4jTelemetry;
import dev.aitelemetry.mcp.McpTelemetry;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bare-SDK baselines are only a floor if they do the library's job: each test runs the library path and a
 * baseline on two recording SDKs (in-memory exporter and metric reader, nothing bound to a port) and asserts that
 * the spans (name, kind, attributes, status, parent, event names) and the metric points (metric names, units, point
 * attributes, counts, sums except of durations, bucket boundaries) are identical.
 */
class BaselineEquivalenceTest {
  private static final int CALLS = 3; // more than one: the baselines' per-label caches must give the same points
  private final PricingTable pricing = PricingTable.defaults();
  private final ChatRequest request = Fixtures.chatRequest();
  private final ChatResponse response = Fixtures.chatResponse();
  private final List<Recording> recordings = new ArrayList<>();

  @AfterEach
  void closeSdks() {
    recordings.forEach(r -> r.sdk().close());
  }

  @Test
  void bareChatListenerRecordsWhatTheLibraryRecords() {
    Output library = run(sdk -> libraryListener(sdk), l -> ChatListenerBenchmark.call(l, request, response));
    Output bare = run(sdk -> new BareSdkChatListener(sdk, pricing),
        l -> ChatListenerBenchmark.call(l, request, response));

    assertThat(library.spans()).hasSize(CALLS);
    assertThat(library.spans().get(0).attributes()).hasSize(21); // 10 at start, 7 from the response, 4 cost
    assertThat(library.points()).hasSize(4); // duration, input and output tokens, cost
    assertThat(bare).isEqualTo(library);
  }

  @Test
  void bareChatListenerOnTheProductionCallStackRecordsWhatTheLibraryRecords() {
    Output library = run(sdk -> new ChatModelCallBenchmark.StubModel(response, List.of(libraryListener(sdk))),
        m -> m.chat(request));
    Output wrapped = run(sdk -> {
      LangChain4jTelemetry lc = LangChain4jTelemetry.builder(AiTelemetry.builder(sdk).pricing(pricing).build())
          .server(Fixtures.SERVER_ADDRESS, Fixtures.SERVER_PORT).build();
      return lc.wrap((ChatModel) new ChatModelCallBenchmark.StubModel(response, List.of(lc.chatModelListener())));
    }, m -> m.chat(request));
    Output bare = run(sdk -> new ChatModelCallBenchmark.StubModel(response,
        List.of(new BareSdkChatListener(sdk, pricing))), m -> m.chat(request));

    assertThat(bare).isEqualTo(library);
    assertThat(wrapped).isEqualTo(library);
  }

  @Test
  void noopApiBaselineMakesTheBareListenersApiCalls() {
    Output apiCalls = run(sdk -> new DisabledPathBenchmark.ApiCallsOnlyListener(sdk, request, response, pricing),
        l -> ChatListenerBenchmark.call(l, request, response));
    Output bare = run(sdk -> new BareSdkChatListener(sdk, pricing),
        l -> ChatListenerBenchmark.call(l, request, response));

    assertThat(apiCalls).isEqualTo(bare);
  }

  @Test
  void bareMcpHandlerRecordsWhatTheLibraryRecords() {
    CallToolResult ok = CallToolResult.builder().addTextContent("3 matching incidents").isError(false).build();
    assertMcpEquivalent((exchange, call) -> ok);
  }

  @Test
  void bareMcpHandlerRecordsAnIsErrorResultAsTheLibraryDoes() {
    CallToolResult failed = CallToolResult.builder().addTextContent("index unavailable").isError(true).build();
    Output library = assertMcpEquivalent((exchange, call) -> failed);

    assertThat(library.spans().get(0).status()).isEqualTo(StatusCode.ERROR + ":");
    assertThat(library.spans().get(0).attributes()).containsEntry("error.type", "tool_error");
  }

  @Test
  void bareMcpHandlerRecordsAnExceptionAsTheLibraryDoes() {
    Output library = assertMcpEquivalent((exchange, call) -> {
      throw new IllegalStateException("index unavailable");
    });

    assertThat(library.spans().get(0).events()).containsExactly("exception");
  }

  private Output assertMcpEquivalent(BiFunction<McpSyncServerExchange, CallToolRequest, CallToolResult> body) {
    McpServerFeatures.SyncToolSpecification spec =
        new McpServerFeatures.SyncToolSpecification(McpToolBenchmark.spec().tool(), body);
    McpSyncServerExchange exchange = McpToolBenchmark.exchange();
    CallToolRequest call = McpToolBenchmark.request();
    Consumer<BiFunction<McpSyncServerExchange, CallToolRequest, CallToolResult>> invoke = h -> {
      try {
        h.apply(exchange, call);
      } catch (IllegalStateException expected) {
        // the tool's own exception, rethrown unchanged by both
      }
    };
    Output library = run(sdk -> McpTelemetry.builder(AiTelemetry.builder(sdk).pricing(pricing).build())
        .networkTransport("pipe").build().wrap(spec).callHandler(), invoke);
    Output bare = run(sdk -> new McpToolBenchmark.BareSdkToolHandler(sdk, spec.tool(), spec.callHandler()),
        invoke);

    assertThat(library.spans()).hasSize(CALLS);
    SpanView first = library.spans().get(0);
    assertThat(first.kind()).isEqualTo(SpanKind.SERVER);
    assertThat(first.parent()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736/00f067aa0ba902b7"); // from _meta
    assertThat(library.points()).hasSize(2); // mcp.tool.invocations, mcp.server.operation.duration
    assertThat(bare).isEqualTo(library);
    return library;
  }

  @Test
  void exceptionIsRethrownByTheBareHandler() {
    IllegalStateException boom = new IllegalStateException("boom");
    McpServerFeatures.SyncToolSpecification spec = new McpServerFeatures.SyncToolSpecification(
        McpToolBenchmark.spec().tool(), (exchange, call) -> {
          throw boom;
        });
    Recording r = recording();
    McpToolBenchmark.BareSdkToolHandler bare =
        new McpToolBenchmark.BareSdkToolHandler(r.sdk(), spec.tool(), spec.callHandler());
    assertThatThrownBy(() -> bare.apply(McpToolBenchmark.exchange(), McpToolBenchmark.request())).isSameAs(boom);
  }

  private ChatModelListener libraryListener(OpenTelemetrySdk sdk) {
    AiTelemetry telemetry = AiTelemetry.builder(sdk).pricing(pricing).build();
    return LangChain4jTelemetry.builder(telemetry).server(Fixtures.SERVER_ADDRESS, Fixtures.SERVER_PORT).build()
        .chatModelListener();
  }

  // ------------------------------------------------------------------------------------------- recording

  private record Recording(OpenTelemetrySdk sdk, InMemorySpanExporter spans, InMemoryMetricReader metrics) {}

  private Recording recording() {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    InMemoryMetricReader metrics = InMemoryMetricReader.create();
    OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().setSampler(Sampler.alwaysOn())
            .addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
        .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
    Recording r = new Recording(sdk, spans, metrics);
    recordings.add(r);
    return r;
  }

  /** Builds the instrumented object on a fresh recording SDK, calls it {@link #CALLS} times, returns the output. */
  private <T> Output run(Function<OpenTelemetrySdk, T> build, Consumer<T> call) {
    Recording r = recording();
    T instrumented = build.apply(r.sdk());
    for (int i = 0; i < CALLS; i++) {
      call.accept(instrumented);
    }
    List<SpanView> spans = new ArrayList<>();
    for (SpanData s : r.spans().getFinishedSpanItems()) {
      spans.add(SpanView.of(s));
    }
    List<PointView> points = new ArrayList<>();
    for (MetricData m : r.metrics().collectAllMetrics()) {
      for (PointData p : m.getData().getPoints()) {
        // Counter series that wrapping starts at 0 (McpTelemetry.wrap -> declareTool) belong to the set-up, not
        // to the calls the benchmark measures; a bare handler that nobody wraps has no such step.
        if (p instanceof LongPointData && ((LongPointData) p).getValue() == 0) {
          continue;
        }
        points.add(PointView.of(m, p));
      }
    }
    points.sort(Comparator.comparing(PointView::toString));
    return new Output(spans, points);
  }

  /** What a run exported, in a form that compares by value and prints readably when it does not. */
  record Output(List<SpanView> spans, List<PointView> points) {}

  /** A span without its ids and timestamps; the parent is {@code traceId/spanId}, or {@code root}. */
  record SpanView(String name, SpanKind kind, Map<String, Object> attributes, String status, String parent,
      List<String> events) {
    static SpanView of(SpanData s) {
      return new SpanView(s.getName(), s.getKind(), byName(s.getAttributes()), s.getStatus().getStatusCode() + ":"
          + s.getStatus().getDescription(), s.getParentSpanContext().isValid()
          ? s.getParentSpanContext().getTraceId() + "/" + s.getParentSpanContext().getSpanId() : "root",
          s.getEvents().stream().map(EventData::getName).toList());
    }
  }

  /**
   * Attribute name to value. The value's Java type stands for the attribute type (a Long never equals a Double,
   * a list never a string); one type per name is asserted so that nothing is lost.
   */
  static Map<String, Object> byName(Attributes attributes) {
    Map<String, Object> m = new TreeMap<>();
    attributes.forEach((k, v) -> assertThat(m.put(k.getKey(), v)).as("one type per attribute name: %s", k).isNull());
    return m;
  }

  /**
   * One metric point: metric name, unit and type, point attributes, the count and (except for durations, which
   * are timings) the sum or value, and the histogram's bucket boundaries.
   */
  record PointView(String metric, String unit, String type, Map<String, Object> attributes, long count,
      Double sum, List<Double> boundaries) {
    static PointView of(MetricData m, PointData p) {
      Map<String, Object> attributes = byName(p.getAttributes());
      boolean timing = m.getName().endsWith(".duration");
      if (p instanceof HistogramPointData) {
        HistogramPointData h = (HistogramPointData) p;
        return new PointView(m.getName(), m.getUnit(), m.getType().name(), attributes, h.getCount(),
            timing ? null : h.getSum(), h.getBoundaries());
      }
      if (p instanceof LongPointData) {
        return new PointView(m.getName(), m.getUnit(), m.getType().name(), attributes, 1,
            (double) ((LongPointData) p).getValue(), List.of());
      }
      throw new AssertionError("unexpected point type " + p.getClass().getName() + " of " + m.getName());
    }
  }
}
