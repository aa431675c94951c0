package dev.aitelemetry.core;

import static dev.aitelemetry.core.GenAiAttributes.CORRELATION_SCORE;
import static dev.aitelemetry.core.GenAiAttributes.CORRELATION_SOURCE_DOMAIN;
import static dev.aitelemetry.core.GenAiAttributes.CORRELATION_TARGET_DOMAIN;

import dev.aitelemetry.cost.Cost;
import dev.aitelemetry.cost.CostModel;
import dev.aitelemetry.cost.TokenUsage;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The front door of aitelemetry: turns LLM calls, tool calls and memory operations into OpenTelemetry spans and
 * metrics that follow the GenAI and MCP semantic conventions, with the token cost of every priced call.
 *
 * <p>Framework integrations ({@code LangChain4jTelemetry}, {@code McpTelemetry}) are built on one instance;
 * hand-written code uses it directly:
 *
 * <pre>{@code
 * AiTelemetry telemetry = AiTelemetry.builder(openTelemetry).pricing(PricingTable.defaults()).build();
 *
 * try (ToolInvocation tool = telemetry.traceToolInvocation("search_memory")) {
 *   tool.addEvent("cache_miss");
 *   return search(query);
 * }
 * }</pre>
 *
 * <p>Thread-safe; create one per application and share it. Uses only the OpenTelemetry API, so it works with
 * any SDK, the Java agent's included, and costs next to nothing with {@link OpenTelemetry#noop()}.
 */
public final class AiTelemetry {
  /** The instrumentation scope name of every span and metric this library emits. */
  public static final String INSTRUMENTATION_NAME = "dev.aitelemetry";

  private final OpenTelemetry openTelemetry;
  private final Tracer tracer;
  private final Instruments instruments;
  private final CostModel costModel;
  private final ContentCapture contentCapture;
  private final boolean latestExperimentalSemconv;
  private final CardinalityGuard modelGuard;
  /** Its own budget: dated response names ("gpt-4o-mini-2024-07-18") must not use up request-model slots. */
  private final CardinalityGuard responseModelGuard;
  private final CardinalityGuard toolGuard;
  private final CardinalityGuard storeGuard;
  private final CardinalityGuard domainGuard;
  private final InternalErrors errors;
  private final boolean noop;

  AiTelemetry(AiTelemetryBuilder b, InternalErrors errors) {
    this.openTelemetry = b.openTelemetry;
    this.errors = errors;
    this.tracer = createTracer(openTelemetry, errors);
    this.instruments = createInstruments(openTelemetry, errors);
    this.costModel = b.costModel;
    this.contentCapture = new ContentCapture(b.captureContent, b.maxContentLength, b.redactor, errors);
    this.latestExperimentalSemconv = b.latestExperimentalSemconv;
    this.modelGuard = new CardinalityGuard(b.maxDistinctMetricValues);
    this.responseModelGuard = new CardinalityGuard(b.maxDistinctMetricValues);
    this.toolGuard = new CardinalityGuard(b.maxDistinctMetricValues);
    this.storeGuard = new CardinalityGuard(b.maxDistinctMetricValues);
    this.domainGuard = new CardinalityGuard(b.maxDistinctMetricValues);
    this.noop = isNoop(openTelemetry);
  }

  /** Instrumentation with the defaults: bundled prices (plus {@code AITELEMETRY_PRICING_FILE}), no content. */
  public static AiTelemetry create(OpenTelemetry openTelemetry) {
    return builder(openTelemetry).build();
  }

  /** A builder to configure pricing, content capture, redaction and metric cardinality. */
  public static AiTelemetryBuilder builder(OpenTelemetry openTelemetry) {
    return new AiTelemetryBuilder(Objects.requireNonNull(openTelemetry, "openTelemetry"));
  }

  // ---------------------------------------------------------------- operations for integrations and users

  /**
   * Describes a model call (chat by default) to {@code provider}'s {@code model}.
   *
   * @param provider {@code gen_ai.provider.name}, e.g. {@code openai}, {@code anthropic}, {@code ollama}
   * @param requestModel the model asked for, e.g. {@code gpt-4o}; may be null when unknown
   */
  public LlmCall.Builder llmCall(String provider, String requestModel) {
    return new LlmCall.Builder(this, provider, requestModel);
  }

  /** Describes an embeddings call: span {@code embeddings {model}}, input tokens priced like any call. */
  public LlmCall.Builder embeddings(String provider, String requestModel) {
    return new LlmCall.Builder(this, provider, requestModel).operationName(GenAiAttributes.Operations.EMBEDDINGS);
  }

  /** Describes an in-process tool execution: INTERNAL span {@code execute_tool {name}}. */
  public ToolInvocation.Builder tool(String toolName) {
    return new ToolInvocation.Builder(this, ToolInvocation.Shape.EXECUTE_TOOL, toolName);
  }

  /**
   * Starts the {@code mcp.tool.invocations} series of a tool at 0 before its first invocation: the successful one
   * and the one with {@code error.type=tool_error} (a result flagged {@code isError}). Prometheus takes a counter's
   * first sample as its starting point, so without it a tool's first call or first failure never shows in {@code
   * rate()} or {@code increase()}; this is the usual advice to initialise counters for label values known in
   * advance. {@code McpTelemetry.wrap} calls it for every wrapped tool. The name counts against the tool-name
   * cardinality budget like any invoked tool. Never throws.
   *
   * @param toolName the tool's name; ignored when null
   */
  public void declareTool(String toolName) {
    if (toolName == null || noop) {
      return;
    }
    try {
      Attributes ok = Attributes.of(GenAiAttributes.GEN_AI_TOOL_NAME, toolGuard.admit(toolName));
      instruments.toolInvocations.add(0, ok);
      instruments.toolInvocations.add(0,
          ok.toBuilder().put(GenAiAttributes.ERROR_TYPE, GenAiAttributes.ErrorTypes.TOOL_ERROR).build());
    } catch (RuntimeException | LinkageError e) {
      reportInternalError("declareTool", e);
    }
  }

  /** Describes an MCP server handling {@code tools/call}: SERVER span {@code tools/call {name}}. */
  public ToolInvocation.Builder mcpToolCall(String toolName) {
    return new ToolInvocation.Builder(this, ToolInvocation.Shape.MCP_SERVER, toolName);
  }

  /** Describes an MCP client sending {@code tools/call}: CLIENT span {@code tools/call {name}}. */
  public ToolInvocation.Builder mcpClientToolCall(String toolName) {
    return new ToolInvocation.Builder(this, ToolInvocation.Shape.MCP_CLIENT, toolName);
  }

  /** Describes an operation on the memory store {@code storeId}. */
  public MemoryOperation.Builder memoryOperation(MemoryOperationType operation, String storeId) {
    Objects.requireNonNull(operation, "operation");
    return new MemoryOperation.Builder(this, operation.semconvName(), storeId);
  }

  /** Describes a retrieval from the data source {@code dataSourceId}: CLIENT span {@code retrieval {id}}. */
  public Retrieval.Builder retrieval(String dataSourceId) {
    return new Retrieval.Builder(this, dataSourceId);
  }

  // ---------------------------------------------------------------- the Python guide's patterns

  /**
   * The guide's {@code trace_llm_call}: starts a chat call and makes it current until closed. Set the usage
   * before closing to get tokens and cost on the span.
   *
   * <pre>{@code
   * try (LlmCall call = telemetry.traceLlmCall("openai", "gpt-4o")) {
   *   Response r = client.chat(request);
   *   call.setResponseModel(r.model());
   *   call.setUsage(new TokenUsage(r.inputTokens(), r.outputTokens(), r.cachedTokens(), 0, 0));
   * } // ends the span: cost attributes and metrics recorded
   * }</pre>
   */
  public LlmCall traceLlmCall(String provider, String model) {
    return llmCall(provider, model).startCurrent();
  }

  /**
   * The guide's {@code trace_tool_invocation}: starts {@code execute_tool {name}} and makes it current until
   * closed. Add events and attributes; call {@link ToolInvocation#recordException} in a catch block.
   */
  public ToolInvocation traceToolInvocation(String toolName) {
    return tool(toolName).startCurrent();
  }

  /**
   * The guide's {@code trace_memory_operation(operation, source, count, **attrs)}: starts a memory operation on
   * the store {@code source}, current until closed.
   *
   * @param operation a semconv name ({@code search_memory}) or a short verb ({@code search}, {@code store})
   * @param source the store id ({@code gen_ai.memory.store.id})
   * @param count records returned or attempted; negative when not known yet (set it later)
   * @return the started operation; close it with try-with-resources
   * @throws IllegalArgumentException for an unknown operation name (a programming error, found on first run)
   */
  public MemoryOperation traceMemoryOperation(String operation, String source, long count) {
    return traceMemoryOperation(operation, source, count, null);
  }

  /**
   * {@link #traceMemoryOperation(String, String, long)} with extra span attributes (the guide's {@code **attrs}).
   *
   * @param attributes extra span attributes, may be null
   */
  public MemoryOperation traceMemoryOperation(String operation, String source, long count, Attributes attributes) {
    MemoryOperation.Builder b = memoryOperation(MemoryOperationType.parse(operation), source).attributes(attributes);
    if (count >= 0) {
      b.recordCount(count);
    }
    return b.startCurrent();
  }

  /**
   * The guide's {@code trace_cross_domain_correlation}: records that something in {@code sourceDomain} relates
   * to something in {@code targetDomain} with {@code score}, as an event {@code cross_domain_correlation} on the
   * current span and a point of the {@code aitelemetry.correlation.score} histogram (domains as bounded labels).
   */
  public void recordCrossDomainCorrelation(String sourceDomain, String targetDomain, double score) {
    recordCrossDomainCorrelation(sourceDomain, targetDomain, score, null);
  }

  /** {@link #recordCrossDomainCorrelation(String, String, double)} with extra event attributes. */
  public void recordCrossDomainCorrelation(
      String sourceDomain, String targetDomain, double score, Attributes attributes) {
    try {
      String source = domainGuard.admit(sourceDomain == null ? "unknown" : sourceDomain);
      String target = domainGuard.admit(targetDomain == null ? "unknown" : targetDomain);
      AttributesBuilder event = Attributes.builder();
      if (attributes != null) {
        event.putAll(attributes);
      }
      event.put(CORRELATION_SOURCE_DOMAIN, sourceDomain == null ? "unknown" : sourceDomain)
          .put(CORRELATION_TARGET_DOMAIN, targetDomain == null ? "unknown" : targetDomain)
          .put(CORRELATION_SCORE, score);
      Span.current().addEvent("cross_domain_correlation", event.build());
      if (Double.isFinite(score)) {
        instruments.correlationScore.record(
            score, Attributes.of(CORRELATION_SOURCE_DOMAIN, source, CORRELATION_TARGET_DOMAIN, target));
      }
    } catch (RuntimeException | LinkageError e) {
      reportInternalError("recordCrossDomainCorrelation", e);
    }
  }

  /**
   * The guide's {@code @instrument_mcp_tool} for a body that may throw: runs it now inside {@code execute_tool
   * {name}}. The body's exception is recorded and rethrown unchanged.
   */
  public <T> T callTool(String toolName, Callable<T> body) throws Exception {
    ToolInvocation tool = tool(toolName).start();
    try (Scope ignored = tool.makeCurrent()) {
      return body.call();
    } catch (Throwable t) {
      tool.recordException(t);
      throw t;
    } finally {
      tool.end();
    }
  }

  /** Wraps a {@link Callable} so that every call runs inside its own {@code execute_tool {name}} span. */
  public <T> Callable<T> instrumentCallable(String toolName, Callable<T> body) {
    Objects.requireNonNull(body, "body");
    return () -> callTool(toolName, body);
  }

  /** Wraps a {@link Supplier} so that every call runs inside its own {@code execute_tool {name}} span. */
  public <T> Supplier<T> instrumentSupplier(String toolName, Supplier<T> body) {
    Objects.requireNonNull(body, "body");
    return () -> instrumentFunction(toolName, (Void v) -> body.get()).apply(null);
  }

  /** Wraps a {@link Function} so that every call runs inside its own {@code execute_tool {name}} span. */
  public <A, R> Function<A, R> instrumentFunction(String toolName, Function<A, R> body) {
    Objects.requireNonNull(body, "body");
    return argument -> {
      ToolInvocation tool = tool(toolName).start();
      try (Scope ignored = tool.makeCurrent()) {
        return body.apply(argument);
      } catch (Throwable t) {
        tool.recordException(t);
        throw t;
      } finally {
        tool.end();
      }
    };
  }

  /**
   * Wraps an asynchronous tool: the span starts when the function is called and ends when the returned stage
   * completes, successfully, exceptionally or by cancellation. The caller gets the function's own stage back,
   * so cancelling it cancels the work.
   */
  public <A, R> Function<A, CompletableFuture<R>> instrumentAsyncFunction(
      String toolName, Function<A, ? extends CompletionStage<R>> body) {
    Objects.requireNonNull(body, "body");
    return argument -> {
      ToolInvocation tool = tool(toolName).start();
      CompletionStage<R> stage;
      try (Scope ignored = tool.makeCurrent()) {
        stage = body.apply(argument);
      } catch (Throwable t) {
        tool.recordException(t);
        tool.end();
        throw t;
      }
      if (stage == null) {
        tool.end();
        return null;
      }
      CompletableFuture<R> future = stage.toCompletableFuture();
      future.whenComplete((result, error) -> {
        if (error != null) {
          tool.recordException(unwrap(error));
        }
        tool.end();
      });
      return future;
    };
  }

  /** Runs an asynchronous tool now; see {@link #instrumentAsyncFunction}. */
  public <R> CompletableFuture<R> callToolAsync(String toolName, Supplier<? extends CompletionStage<R>> body) {
    Objects.requireNonNull(body, "body");
    return instrumentAsyncFunction(toolName, (Void v) -> body.get()).apply(null);
  }

  /**
   * The tool invocation whose scope is current on this thread (or in {@code context}), if any and not yet
   * ended: lets a nested layer (an MCP wrapper inside a LangChain4j tool span) enrich it instead of starting a
   * duplicate span.
   */
  public static Optional<ToolInvocation> currentToolInvocation(io.opentelemetry.context.Context context) {
    AiOperation op = context == null ? null : context.get(AiOperation.CURRENT);
    return op instanceof ToolInvocation && !op.isEnded() ? Optional.of((ToolInvocation) op) : Optional.empty();
  }

  // ---------------------------------------------------------------- configuration and diagnostics

  /** The OpenTelemetry instance spans and metrics go to. */
  public OpenTelemetry openTelemetry() {
    return openTelemetry;
  }

  /** The propagator used to carry trace context across process boundaries (e.g. MCP {@code _meta}). */
  public TextMapPropagator propagator() {
    return openTelemetry.getPropagators().getTextMapPropagator();
  }

  /** Whether prompts, completions, tool arguments and results and memory queries are recorded. */
  public boolean capturesContent() {
    return contentCapture.enabled();
  }

  /** The cost of {@code usage} on {@code model}, or empty; never throws (a failing cost model is reported). */
  public Optional<Cost> price(String model, TokenUsage usage) {
    if (model == null || usage == null) {
      return Optional.empty();
    }
    try {
      Optional<Cost> cost = costModel.cost(model, usage);
      return cost == null ? Optional.empty() : cost;
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      reportInternalError("CostModel.cost", e);
      return Optional.empty();
    }
  }

  /**
   * Reports a failure inside an instrumentation (this library's or an integration's): logged through {@link
   * System.Logger} {@code dev.aitelemetry}, the first of each kind with its stack trace, then at most once a
   * minute. Never throws.
   */
  public void reportInternalError(String where, Throwable error) {
    errors.report(where, error);
  }

  /**
   * Marks a span this API did not start (one from {@link #tracer()}, or the application's own) failed by {@code
   * error}, exactly as an operation's {@code recordException} would: the exception event, status ERROR and {@code
   * error.type}, with the exception's messages and stack trace redacted first, even with content capture off.
   * Never throws.
   *
   * @param span the span to mark; ignored when null
   * @param error the failure; ignored when null
   * @param errorType a low-cardinality {@code error.type}: a class name or a status code, never a message; {@code
   *     _OTHER} when null or blank
   */
  public void recordFailure(Span span, Throwable error, String errorType) {
    if (span == null || error == null) {
      return;
    }
    try {
      SpanFailures.recordFailure(span, error, errorType, contentCapture);
    } catch (RuntimeException | LinkageError e) {
      reportInternalError("recordFailure", e);
    }
  }

  /** How many internal failures were reported since this instance was built; a health signal for tests. */
  public long internalErrorCount() {
    return errors.count();
  }

  /**
   * Whether spans and metrics both go to OpenTelemetry's no-op implementations ({@link OpenTelemetry#noop()}, or
   * an unset global): nothing this instance records can be seen, so integrations may skip their per-call work.
   * Fixed at construction, like the tracer and meter this instance uses.
   */
  public boolean isNoop() {
    return noop;
  }

  /** Whether the latest experimental GenAI conventions are emitted ({@code gen_ai_latest_experimental}). */
  public boolean latestExperimentalSemconv() {
    return latestExperimentalSemconv;
  }

  /**
   * The library's tracer (scope {@code dev.aitelemetry} with the library version), for integrations that start
   * spans this API has no operation type for, such as {@code invoke_agent}; such spans share the scope of all
   * others.
   */
  public Tracer tracer() {
    return tracer;
  }

  Instruments instruments() {
    return instruments;
  }

  ContentCapture contentCapture() {
    return contentCapture;
  }

  CardinalityGuard modelGuard() {
    return modelGuard;
  }

  CardinalityGuard responseModelGuard() {
    return responseModelGuard;
  }

  CardinalityGuard toolGuard() {
    return toolGuard;
  }

  CardinalityGuard storeGuard() {
    return storeGuard;
  }

  static boolean isNoop(OpenTelemetry openTelemetry) {
    try {
      return openTelemetry.getTracerProvider() == TracerProvider.noop()
          && openTelemetry.getMeterProvider() == MeterProvider.noop();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  /** A broken SDK must not stop the application from starting: fall back to no tracing, and say so. */
  private static Tracer createTracer(OpenTelemetry openTelemetry, InternalErrors errors) {
    try {
      return openTelemetry.tracerBuilder(INSTRUMENTATION_NAME)
          .setInstrumentationVersion(LibraryVersion.VERSION).build();
    } catch (RuntimeException | LinkageError e) {
      errors.report("tracer creation (tracing disabled)", e);
      return TracerProvider.noop().get(INSTRUMENTATION_NAME);
    }
  }

  /** A broken metric reader must not stop the application from starting: fall back to no metrics. */
  private static Instruments createInstruments(OpenTelemetry openTelemetry, InternalErrors errors) {
    try {
      Meter meter = openTelemetry.meterBuilder(INSTRUMENTATION_NAME)
          .setInstrumentationVersion(LibraryVersion.VERSION).build();
      return new Instruments(meter);
    } catch (RuntimeException | LinkageError e) {
      errors.report("metric instrument creation (metrics disabled)", e);
      return new Instruments(MeterProvider.noop().get(INSTRUMENTATION_NAME));
    }
  }

  private static Throwable unwrap(Throwable error) {
    Throwable t = error;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
