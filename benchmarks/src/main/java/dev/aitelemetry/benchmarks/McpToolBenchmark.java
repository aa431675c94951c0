package dev.aitelemetry.benchmarks;

import static dev.aitelemetry.core.GenAiAttributes.*;

import dev.aitelemetry.core.AiTelemetry;
import dev.aitelemetry.cost.PricingTable;
import dev.aitelemetry.mcp.McpTelemetry;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue #7 §3: a {@code tools/call} on a wrapped sync tool (trivial body, {@code _meta} carrying a W3C
 * traceparent) against the raw handler and against hand-written bare-SDK code producing the same span and metric
 * points.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
public class McpToolBenchmark {
  static final String TOOL = "search_memory";
  static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  private Fixtures.Sdk sdk;
  private BiFunction<McpSyncServerExchange, CallToolRequest, CallToolResult> raw;
  private BiFunction<McpSyncServerExchange, CallToolRequest, CallToolResult> wrapped;
  private BiFunction<McpSyncServerExchange, CallToolRequest, CallToolResult> bareSdk;
  private final McpSyncServerExchange exchange = exchange();
  private final CallToolRequest request = request();

  @Setup
  public void setUp() {
    sdk = Fixtures.sdk();
    McpServerFeatures.SyncToolSpecification spec = spec();
    raw = spec.callHandler();
    AiTelemetry telemetry = AiTelemetry.builder(sdk.openTelemetry()).pricing(PricingTable.defaults()).build();
    wrapped = McpTelemetry.builder(telemetry).networkTransport("pipe").build().wrap(spec).callHandler();
    bareSdk = new BareSdkToolHandler(sdk.openTelemetry(), spec.tool(), raw);
  }

  @TearDown
  public void tearDown() {
    sdk.close();
  }

  static McpServerFeatures.SyncToolSpecification spec() {
    McpSchema.Tool tool = McpSchema.Tool.builder(TOOL, Map.of("type", "object"))
        .description("Searches the solution memory").build();
    CallToolResult result = CallToolResult.builder().addTextContent("3 matching incidents").isError(false).build();
    return new McpServerFeatures.SyncToolSpecification(tool, (exchange, request) -> result);
  }

  static McpSyncServerExchange exchange() {
    return new McpSyncServerExchange(new McpAsyncServerExchange("7f4c5a1e-session", null,
        McpSchema.ClientCapabilities.builder().build(), McpSchema.Implementation.builder("bench", "1").build(),
        McpTransportContext.EMPTY));
  }

  static CallToolRequest request() {
    return CallToolRequest.builder(TOOL).arguments(Map.of("query", "checkout 503"))
        .meta(Map.of("traceparent", TRACEPARENT, "progressToken", "p-1")).build();
  }

  @Benchmark
  public CallToolResult raw() {
    return raw.apply(exchange, request);
  }

  @Benchmark
  public CallToolResult bareSdk() {
    return bareSdk.apply(exchange, request);
  }

  @Benchmark
  public CallToolResult aitelemetry() {
    return wrapped.apply(exchange, request);
  }

  /**
   * Hand-written, the practical floor: extract {@code _meta}, SERVER span with the library's attributes, current
   * scope, the two metric points, end. Written as a careful engineer would for one tool: attribute keys are
   * constants, and the span name and the metric {@link Attributes} of a successful call are built once in the
   * constructor (the tool is fixed per handler), so the SDK finds the series by identity, as it does for the
   * library. A failure ({@code isError} result or exception) sets {@code error.type} and the ERROR status before
   * the span ends, and records the metric points with {@code error.type}, like the library. {@code
   * BaselineEquivalenceTest} (benchmarks/src/test) checks that its spans and metric points equal the library's.
   */
  static final class BareSdkToolHandler
      implements BiFunction<McpSyncServerExchange, CallToolRequest, CallToolResult> {
    static final String TOOL_ERROR = "tool_error";
    static final String EXECUTE_TOOL = "execute_tool";
    static final String TOOLS_CALL = "tools/call";
    static final String TRANSPORT = "pipe";
    private static final TextMapGetter<Map<String, Object>> META = new TextMapGetter<>() {
      @Override
      public Iterable<String> keys(Map<String, Object> carrier) {
        return carrier.keySet();
      }

      @Override
      public String get(Map<String, Object> carrier, String key) {
        Object v = carrier == null ? null : carrier.get(key);
        return v instanceof String ? (String) v : null;
      }
    };

    private final BiFunction<McpSyncServerExchange, CallToolRequest, CallToolResult> delegate;
    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final LongCounter invocations;
    private final DoubleHistogram duration;
    private final String name;
    private final String description;
    private final String spanName;
    /** {@code mcp.tool.invocations} attributes of a successful call: the tool name. */
    private final Attributes counted;
    /** {@code mcp.server.operation.duration} attributes of a successful call. */
    private final Attributes timed;

    BareSdkToolHandler(OpenTelemetry otel, McpSchema.Tool tool,
        BiFunction<McpSyncServerExchange, CallToolRequest, CallToolResult> delegate) {
      this.delegate = delegate;
      this.tracer = otel.getTracer("bare");
      this.propagator = otel.getPropagators().getTextMapPropagator();
      Meter meter = otel.getMeter("bare");
      this.invocations = meter.counterBuilder("mcp.tool.invocations").setUnit("{invocation}").build();
      this.duration = meter.histogramBuilder("mcp.server.operation.duration").setUnit("s")
          .setExplicitBucketBoundariesAdvice(Buckets.MCP_DURATION).build();
      this.name = tool.name();
      this.description = tool.description();
      this.spanName = TOOLS_CALL + " " + name;
      this.counted = Attributes.of(GEN_AI_TOOL_NAME, name);
      this.timed = Attributes.of(GEN_AI_TOOL_NAME, name, GEN_AI_OPERATION_NAME, EXECUTE_TOOL,
          MCP_METHOD_NAME, TOOLS_CALL);
    }

    @Override
    public CallToolResult apply(McpSyncServerExchange exchange, CallToolRequest request) {
      Context ambient = Context.current();
      Map<String, Object> meta = request.meta();
      Context parent = meta == null || meta.isEmpty() ? ambient : propagator.extract(ambient, meta, META);
      Span span = tracer.spanBuilder(spanName)
          .setSpanKind(SpanKind.SERVER)
          .setParent(parent)
          .setAttribute(GEN_AI_TOOL_DESCRIPTION, description)
          .setAttribute(MCP_SESSION_ID, exchange.sessionId())
          .setAttribute(NETWORK_TRANSPORT, TRANSPORT)
          .setAttribute(GEN_AI_OPERATION_NAME, EXECUTE_TOOL)
          .setAttribute(GEN_AI_TOOL_NAME, name)
          .setAttribute(MCP_METHOD_NAME, TOOLS_CALL)
          .startSpan();
      long start = System.nanoTime();
      CallToolResult result;
      try (io.opentelemetry.context.Scope ignored = parent.with(span).makeCurrent()) {
        result = delegate.apply(exchange, request);
      } catch (RuntimeException e) {
        String errorType = e.getClass().getName();
        span.recordException(e);
        span.setAttribute(ERROR_TYPE, errorType);
        span.setStatus(StatusCode.ERROR, e.getMessage() == null ? "" : e.getMessage());
        end(span, start, errorType);
        throw e;
      }
      if (Boolean.TRUE.equals(result.isError())) {
        span.setAttribute(ERROR_TYPE, TOOL_ERROR); // status and error.type before the span ends
        span.setStatus(StatusCode.ERROR);
        end(span, start, TOOL_ERROR);
      } else {
        end(span, start, null);
      }
      return result;
    }

    /** Records the two metric points, then ends the span. */
    private void end(Span span, long start, String errorType) {
      double seconds = (System.nanoTime() - start) / 1e9;
      if (errorType == null) {
        invocations.add(1, counted);
        duration.record(seconds, timed);
      } else {
        invocations.add(1, Attributes.of(GEN_AI_TOOL_NAME, name, ERROR_TYPE, errorType));
        duration.record(seconds, Attributes.builder().putAll(timed).put(ERROR_TYPE, errorType).build());
      }
      span.end();
    }
  }
}
