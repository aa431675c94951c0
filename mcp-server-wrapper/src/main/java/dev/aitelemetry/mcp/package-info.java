/**
 * OpenTelemetry for the MCP Java SDK (2.1.0): traced tool specifications for servers, traced tool calls and
 * {@code _meta} trace-context propagation for clients. Built on {@link dev.aitelemetry.core.AiTelemetry}; depends on
 * {@code mcp-core} only, so the application keeps its choice of MCP JSON module (Jackson 2 or 3).
 *
 * <h2>Server</h2>
 *
 * <pre>{@code
 * AiTelemetry telemetry = AiTelemetry.create(openTelemetry);
 * McpTelemetry mcp = McpTelemetry.builder(telemetry).networkTransport("pipe").build();   // or McpTelemetry.create(telemetry)
 *
 * McpSyncServer server = McpServer.sync(new StdioServerTransportProvider(mapper))
 *     .capabilities(ServerCapabilities.builder().tools(true).build())
 *     .tools(mcp.wrapAll(List.of(searchMemory, storeMemory)))   // or mcp.wrap(spec) one by one
 *     .build();
 * }</pre>
 *
 * <p>The same works for {@code McpServer.async(...)} with {@code McpServerFeatures.AsyncToolSpecification} and for
 * stateless servers with both {@code McpStatelessServerFeatures} specification types. Per call of a wrapped tool:
 *
 * <ul>
 *   <li>one SERVER span {@code tools/call {tool}} with {@code mcp.method.name}, {@code gen_ai.tool.name}, {@code
 *       gen_ai.operation.name=execute_tool}, {@code gen_ai.tool.description}, {@code mcp.session.id} (stateful
 *       servers), {@code network.transport} and {@code mcp.protocol.version} when known;
 *   <li>parent: the context in {@code params._meta} ({@code traceparent}, {@code tracestate}, {@code baggage});
 *       an ambient span (e.g. the Java agent's HTTP server span) is linked, or is the parent when {@code _meta}
 *       has no valid context. Malformed or oversized (over 4 KiB by default) values are ignored. Baggage reaches
 *       the tool through {@code Baggage.current()} and is never copied into attributes;
 *   <li>outcome: {@code isError=true} gives status ERROR and {@code error.type=tool_error}; a thrown exception is
 *       recorded with {@code error.type} = its class name (an {@code McpError}: its JSON-RPC code) and rethrown as
 *       the same instance; an async handler's span ends exactly once on its value, error or cancellation ({@code
 *       error.type=cancelled});
 *   <li>metrics: {@code mcp.server.operation.duration} (s, buckets 0.01…300) and {@code mcp.tool.invocations}
 *       (Prometheus {@code mcp_tool_invocations_total}) by tool name and {@code error.type};
 *   <li>opt-in content ({@code AiTelemetryBuilder.captureContent(true)} or {@code
 *       OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true}): {@code gen_ai.tool.call.arguments} (JSON) and
 *       {@code gen_ai.tool.call.result} (structured content as JSON, else the text parts), redacted and truncated
 *       by core;
 *   <li>an in-process {@code execute_tool} span for the same tool that is already current (LangChain4j, {@code
 *       AiTelemetry.traceToolInvocation}) is enriched with the MCP attributes instead of getting a second span
 *       (switch off with {@link dev.aitelemetry.mcp.McpTelemetryBuilder#reuseInProcessToolSpan(boolean)}). The
 *       call still records its {@code mcp.server.operation.duration} point, with its {@code error.type}, and is
 *       counted once in {@code mcp.tool.invocations}: by the in-process span if that span counts invocations
 *       ({@code traceToolInvocation}), else by the MCP layer (LangChain4j tool spans do not count).
 * </ul>
 *
 * <h2>Client</h2>
 *
 * <pre>{@code
 * CallToolResult r = mcp.callTool(syncClient, CallToolRequest.builder("search_memory").arguments(args).build());
 * Mono<CallToolResult> m = mcp.callTool(asyncClient, request);
 * CallToolResult r2 = mcp.callTool(request, req -> myPool.borrow().callTool(req));   // any client code
 * CallToolRequest withContext = mcp.injectContext(request);                         // propagation only
 * }</pre>
 *
 * <p>The CLIENT span {@code tools/call {tool}} records {@code mcp.client.operation.duration} (not counted as an
 * invocation: the server counts it) and is injected into a copy of the request's {@code _meta}, keeping the
 * caller's own keys, so the server span becomes its child. Inside an in-process {@code execute_tool} span of the
 * same tool no CLIENT span is started: that span gets the MCP attributes and is injected instead, and {@code
 * mcp.client.operation.duration} is still recorded.
 *
 * <h2>What a tool-handler decorator cannot see (MCP Java SDK 2.1.0)</h2>
 *
 * <p>References are to {@code modelcontextprotocol/java-sdk}, {@code mcp-core/src/main/java/io/modelcontextprotocol};
 * the same methods are in the 2.1.0 bytecode.
 *
 * <ul>
 *   <li><b>Unknown tools</b>: {@code McpAsyncServer.toolsCallRequestHandler()} (and {@code
 *       McpStatelessAsyncServer.toolsCallRequestHandler()}) answers {@code -32602 "Unknown tool"} before any
 *       handler runs: no server span, no metric.
 *   <li><b>Input-validation failures</b>: the same method returns {@code ToolInputValidator.validate(...)}'s error
 *       result without calling the handler (when {@code validateToolInputs}, the default).
 *   <li><b>Output-schema failures</b>: {@code McpAsyncServer.StructuredOutputCallToolHandler} wraps our handler and
 *       may replace a successful result by an {@code isError} one afterwards; our span records the success.
 *   <li><b>JSON-RPC request id</b>: only {@code McpServerSession.handleIncomingRequest(...)} has {@code request.id()};
 *       {@code CallToolRequest} and the exchange do not carry it, so {@code jsonrpc.request.id} is never set.
 *   <li><b>Protocol version and transport</b>: the exchange exposes neither the negotiated version nor the
 *       transport; configure them ({@link dev.aitelemetry.mcp.McpTelemetryBuilder#protocolVersion}, {@link
 *       dev.aitelemetry.mcp.McpTelemetryBuilder#networkTransport}) or put the {@code MCP-Protocol-Version} header
 *       into the transport context under {@link dev.aitelemetry.mcp.McpTelemetry#PROTOCOL_VERSION_CONTEXT_KEY}.
 *   <li><b>The JSON-RPC error actually sent</b>: {@code McpServerSession.handle(...)} maps a non-{@code McpError}
 *       exception to {@code -32603} after our handler returned; we record the exception's class name instead.
 *   <li><b>Cancellation</b>: the SDK does not act on {@code notifications/cancelled} nor on client timeouts, so a
 *       running handler is only cancelled by code around it (a {@code timeout} operator, a server shutdown).
 *   <li><b>Ambient context on worker threads</b>: sync tools run on {@code Schedulers.boundedElastic()} ({@code
 *       McpServerFeatures.AsyncToolSpecification.fromSync(...)}); an HTTP server span is only "ambient" there if the
 *       OpenTelemetry Java agent (or Reactor context propagation) carries it to that thread.
 * </ul>
 */
package dev.aitelemetry.mcp;
