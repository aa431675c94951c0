// Front door of the MCP integration: decorates tool specifications (server) and traces tool calls (client).
package dev.aitelemetry.mcp;

import dev.aitelemetry.core.AiTelemetry;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.InitializeResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * OpenTelemetry for the MCP Java SDK: tool-specification decorators for servers, and traced tool calls with
 * trace-context propagation through {@code params._meta} for clients.
 *
 * <h2>Server</h2>
 *
 * <pre>{@code
 * McpTelemetry mcp = McpTelemetry.create(aiTelemetry);
 * McpSyncServer server = McpServer.sync(transportProvider)
 *     .tools(mcp.wrapAll(List.of(searchSpec, storeSpec)))
 *     .build();
 * }</pre>
 *
 * <p>Each call of a wrapped tool gets one SERVER span {@code tools/call {tool}} whose parent is the context the
 * client put in {@code _meta} ({@code traceparent}, {@code tracestate}, {@code baggage}), with a link to the
 * ambient span if one is current, and records {@code mcp.server.operation.duration} and {@code
 * mcp.tool.invocations} (Prometheus {@code mcp_tool_invocations_total}). A result with {@code isError=true} gives
 * {@code error.type=tool_error}; a thrown exception is recorded and rethrown unchanged.
 *
 * <h2>Client</h2>
 *
 * <pre>{@code
 * CallToolResult r = mcp.callTool(syncClient, CallToolRequest.builder("search").arguments(args).build());
 * Mono<CallToolResult> m = mcp.callTool(asyncClient, request);
 * CallToolResult r2 = mcp.callTool(request, myClientWrapper::call);      // any client code
 * CallToolRequest carrying = mcp.injectContext(request);                 // propagation only, no span
 * }</pre>
 *
 * <p>Thread-safe and stateless apart from its configuration: create one per application.
 */
public final class McpTelemetry {
  /**
   * A {@link McpTransportContext} key whose string value, when present, is recorded as {@code
   * mcp.protocol.version} for that call. HTTP servers can fill it from the {@code MCP-Protocol-Version} header in
   * their transport's {@code contextExtractor}; the SDK gives tool handlers no other way to learn the version.
   */
  public static final String PROTOCOL_VERSION_CONTEXT_KEY = "MCP-Protocol-Version";

  private final AiTelemetry telemetry;
  private final ToolCallTracer tracer;

  McpTelemetry(McpTelemetryBuilder b) {
    this.telemetry = b.telemetry;
    this.tracer = new ToolCallTracer(b.telemetry, new MetaPropagation(b.telemetry.propagator(), b.maxMetaValueLength),
        b.networkTransport, b.protocolVersion, b.reuseInProcessToolSpan);
  }

  /** Decorators with the default options. */
  public static McpTelemetry create(AiTelemetry telemetry) {
    return builder(telemetry).build();
  }

  /** A builder for the options: network transport, protocol version, reuse of in-process tool spans. */
  public static McpTelemetryBuilder builder(AiTelemetry telemetry) {
    return new McpTelemetryBuilder(Objects.requireNonNull(telemetry, "telemetry"));
  }

  // ---------------------------------------------------------------- server: tool specifications

  /**
   * The same tool (same {@code Tool} instance: name, schemas, annotations) whose handler runs inside a SERVER span.
   * Wrapping an already wrapped specification returns it unchanged.
   */
  public McpServerFeatures.SyncToolSpecification wrap(McpServerFeatures.SyncToolSpecification spec) {
    Objects.requireNonNull(spec, "spec");
    if (spec.callHandler() instanceof TracedSyncToolHandler) {
      return spec;
    }
    declare(spec.tool());
    return new McpServerFeatures.SyncToolSpecification(spec.tool(),
        new TracedSyncToolHandler<>(spec.tool(), spec.callHandler(), ExchangeAccess.SYNC, tracer));
  }

  /**
   * The same tool whose {@code Mono} runs inside a SERVER span that starts at subscription and ends exactly once,
   * on success, error or cancellation. Wrapping an already wrapped specification returns it unchanged.
   */
  public McpServerFeatures.AsyncToolSpecification wrap(McpServerFeatures.AsyncToolSpecification spec) {
    Objects.requireNonNull(spec, "spec");
    if (spec.callHandler() instanceof TracedAsyncToolHandler) {
      return spec;
    }
    declare(spec.tool());
    return new McpServerFeatures.AsyncToolSpecification(spec.tool(),
        new TracedAsyncToolHandler<>(spec.tool(), spec.callHandler(), ExchangeAccess.ASYNC, tracer));
  }

  /** Like {@link #wrap(McpServerFeatures.SyncToolSpecification)} for stateless servers (no {@code mcp.session.id}). */
  public McpStatelessServerFeatures.SyncToolSpecification wrap(McpStatelessServerFeatures.SyncToolSpecification spec) {
    Objects.requireNonNull(spec, "spec");
    if (spec.callHandler() instanceof TracedSyncToolHandler) {
      return spec;
    }
    declare(spec.tool());
    return new McpStatelessServerFeatures.SyncToolSpecification(spec.tool(),
        new TracedSyncToolHandler<>(spec.tool(), spec.callHandler(), ExchangeAccess.STATELESS, tracer));
  }

  /** Like {@link #wrap(McpServerFeatures.AsyncToolSpecification)} for stateless servers. */
  public McpStatelessServerFeatures.AsyncToolSpecification wrap(
      McpStatelessServerFeatures.AsyncToolSpecification spec) {
    Objects.requireNonNull(spec, "spec");
    if (spec.callHandler() instanceof TracedAsyncToolHandler) {
      return spec;
    }
    declare(spec.tool());
    return new McpStatelessServerFeatures.AsyncToolSpecification(spec.tool(),
        new TracedAsyncToolHandler<>(spec.tool(), spec.callHandler(), ExchangeAccess.STATELESS, tracer));
  }

  /** Its invocation counter starts at 0 now, so that its first call shows in Prometheus' rate(). */
  private void declare(Tool tool) {
    if (tool != null) {
      telemetry.declareTool(tool.name());
    }
  }

  /**
   * Wraps every specification of a list of any one of the four specification types, keeping the order; the
   * result is unmodifiable and has the element type of the argument:
   *
   * <pre>{@code
   * List<McpServerFeatures.SyncToolSpecification> traced = mcp.wrapAll(specs);
   * List<McpStatelessServerFeatures.AsyncToolSpecification> tracedStateless = mcp.wrapAll(statelessSpecs);
   * }</pre>
   *
   * <p>(One generic method rather than four overloads, which Java's erasure forbids for {@code List} parameters.)
   *
   * @throws IllegalArgumentException if an element is not a tool specification (a wiring mistake, found at startup)
   */
  @SuppressWarnings("unchecked")
  public <T> List<T> wrapAll(List<T> specs) {
    Objects.requireNonNull(specs, "specs");
    List<T> wrapped = new ArrayList<>(specs.size());
    for (T spec : specs) {
      wrapped.add((T) wrapAny(spec));
    }
    return Collections.unmodifiableList(wrapped);
  }

  private Object wrapAny(Object spec) {
    if (spec instanceof McpServerFeatures.SyncToolSpecification) {
      return wrap((McpServerFeatures.SyncToolSpecification) spec);
    }
    if (spec instanceof McpServerFeatures.AsyncToolSpecification) {
      return wrap((McpServerFeatures.AsyncToolSpecification) spec);
    }
    if (spec instanceof McpStatelessServerFeatures.SyncToolSpecification) {
      return wrap((McpStatelessServerFeatures.SyncToolSpecification) spec);
    }
    if (spec instanceof McpStatelessServerFeatures.AsyncToolSpecification) {
      return wrap((McpStatelessServerFeatures.AsyncToolSpecification) spec);
    }
    throw new IllegalArgumentException("not an MCP tool specification: "
        + (spec == null ? "null" : spec.getClass().getName()));
  }

  // ---------------------------------------------------------------- client: propagation and CLIENT spans

  /**
   * A copy of {@code request} whose {@code _meta} also carries the current context ({@code traceparent}, {@code
   * tracestate}, {@code baggage} with the W3C propagators). The caller's own {@code _meta} keys are kept and its map
   * is not modified; on any instrumentation failure, or with nothing to inject, the request itself is returned.
   */
  public CallToolRequest injectContext(CallToolRequest request) {
    return injectContext(request, Context.current());
  }

  /** Like {@link #injectContext(CallToolRequest)} with an explicit context. */
  public CallToolRequest injectContext(CallToolRequest request, Context context) {
    Objects.requireNonNull(request, "request");
    return tracer.inject(context == null ? Context.current() : context, request);
  }

  /**
   * Calls a tool through {@code client} inside a CLIENT span {@code tools/call {tool}} (metric {@code
   * mcp.client.operation.duration}), with the span's context in the request's {@code _meta} so that the server span
   * becomes its child. The result, or the client's exception (e.g. {@code McpError}), is passed through unchanged.
   */
  public CallToolResult callTool(McpSyncClient client, CallToolRequest request) {
    Objects.requireNonNull(client, "client");
    return callTool(request, client::callTool, () -> negotiatedVersion(client::getCurrentInitializationResult));
  }

  /**
   * The reactive form of {@link #callTool(McpSyncClient, CallToolRequest)}: the span's parent is the context current
   * now; the span starts at subscription and ends once on the result, the error or cancellation.
   */
  public Mono<CallToolResult> callTool(McpAsyncClient client, CallToolRequest request) {
    Objects.requireNonNull(client, "client");
    return callToolAsync(request, client::callTool, () -> negotiatedVersion(client::getCurrentInitializationResult));
  }

  /**
   * Runs {@code call} (any code that sends the request: an SDK client, a pool, a retrying wrapper) inside a CLIENT
   * span and hands it the request with the span's context in {@code _meta}. The span is current while {@code call}
   * runs. Its exception passes through as the same instance.
   */
  public CallToolResult callTool(CallToolRequest request, Function<CallToolRequest, CallToolResult> call) {
    return callTool(request, call, () -> null);
  }

  /** The reactive form of {@link #callTool(CallToolRequest, Function)}; see {@link #callTool(McpAsyncClient, CallToolRequest)}. */
  public Mono<CallToolResult> callToolAsync(CallToolRequest request,
      Function<CallToolRequest, Mono<CallToolResult>> call) {
    return callToolAsync(request, call, () -> null);
  }

  @SuppressWarnings("try") // the scope is used for its side effect: the span is current inside
  private CallToolResult callTool(CallToolRequest request, Function<CallToolRequest, CallToolResult> call,
      Supplier<String> version) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(call, "call");
    TracedCall traced = tracer.startClient(request, Context.current(), version.get());
    CallToolRequest carrying = tracer.inject(traced, request);
    CallToolResult result;
    try (Scope ignored = traced.makeCurrent()) {
      result = call.apply(carrying);
    } catch (Throwable t) {
      traced.fail(t);
      throw t;
    }
    traced.succeed(result);
    return result;
  }

  @SuppressWarnings("try")
  private Mono<CallToolResult> callToolAsync(CallToolRequest request,
      Function<CallToolRequest, Mono<CallToolResult>> call, Supplier<String> version) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(call, "call");
    Context parent = Context.current(); // the caller's context now; subscription may happen on another thread
    return Mono.defer(() -> {
      TracedCall traced = tracer.startClient(request, parent, version.get());
      CallToolRequest carrying = tracer.inject(traced, request);
      Mono<CallToolResult> mono;
      try (Scope ignored = traced.makeCurrent()) {
        mono = call.apply(carrying);
      } catch (Throwable t) {
        traced.fail(t);
        throw t;
      }
      return ReactiveCalls.observe(mono, traced);
    });
  }

  private String negotiatedVersion(Supplier<InitializeResult> init) {
    try {
      InitializeResult result = init.get();
      return result == null ? null : result.protocolVersion();
    } catch (RuntimeException e) {
      telemetry.reportInternalError("McpTelemetry protocol version", e);
      return null;
    }
  }
}
