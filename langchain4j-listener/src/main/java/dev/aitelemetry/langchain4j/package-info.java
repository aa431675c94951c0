/**
 * OpenTelemetry instrumentation for LangChain4j (1.19): chat models, streaming, AI services, agents and tools,
 * and memory stores, on top of {@link dev.aitelemetry.core.AiTelemetry}. {@link
 * dev.aitelemetry.langchain4j.LangChain4jTelemetry} is the front door.
 *
 * <h2>Chat models</h2>
 *
 * <pre>{@code
 * LangChain4jTelemetry lc = LangChain4jTelemetry.builder(aiTelemetry)
 *     .baseUrl("https://api.openai.com/v1")            // server.address / server.port, optional
 *     .build();
 * ChatModel model = lc.wrap(OpenAiChatModel.builder()   // the chat span current during the HTTP call
 *     .apiKey(key).modelName("gpt-4o-mini")
 *     .listeners(List.of(lc.chatModelListener()))     // one CLIENT span "chat {model}" per call
 *     .customHeaders(lc.traceHeaders())                // traceparent/tracestate to the endpoint
 *     .build());
 * }</pre>
 *
 * <p>Each call gives one span covering LangChain4j's retries, with the request parameters that are set, the
 * response id, model and finish reason, token usage (cached and reasoning tokens from {@code OpenAiTokenUsage};
 * {@code AnthropicTokenUsage}, whose input count excludes cached tokens, is added up), the cost when the model is
 * priced, and {@code error.type} = the HTTP status code (or the exception class) on failure. Metrics: {@code
 * gen_ai.client.operation.duration}, {@code gen_ai.client.token.usage}, {@code gen_ai.client.operation.cost}.
 * With content capture on, {@code gen_ai.input.messages}, {@code gen_ai.output.messages}, {@code
 * gen_ai.system_instructions} and {@code gen_ai.tool.definitions} are written in the semconv JSON schema.
 *
 * <p>LangChain4j does not tell a listener whether a synchronous or a streaming model called it, so the listener
 * alone never makes the chat span current. {@link
 * dev.aitelemetry.langchain4j.LangChain4jTelemetry#wrap(dev.langchain4j.model.chat.ChatModel)} marks each call as
 * synchronous: the chat span is then current on the calling thread from {@code onRequest} to {@code
 * onResponse}/{@code onError}, so HTTP-client spans (e.g. of the OpenTelemetry Java agent) nest under it. Without
 * it they nest under the caller's span, as siblings of the chat span (before issue #7 the listener detected
 * synchronous callers with a stack walk, ~0.8 µs per call); the chat span itself and {@code traceHeaders()} are
 * the same either way.
 *
 * <h2>Trace propagation to the model endpoint</h2>
 *
 * <p>{@link dev.aitelemetry.langchain4j.LangChain4jTelemetry#traceHeaders()} is a {@code Supplier} for the OpenAI
 * builders' {@code customHeaders(Supplier)}. LangChain4j evaluates it for every HTTP request (retries included)
 * inside {@code doChat} on the thread that started the chat call, where the supplier finds that call (the one
 * started last on the thread, if not ended; otherwise it uses {@code Context.current()}), so a traced gateway or
 * proxy (LiteLLM proxy, vLLM, an Envoy sidecar) receives the chat span as its parent, for synchronous and
 * streaming models, wrapped or not. The configured propagator decides the
 * headers (W3C {@code traceparent}/{@code tracestate} by default).
 *
 * <h2>Streaming</h2>
 *
 * <p>The same listener on a {@code StreamingChatModel} gives one span per call with the usage of the final chunk;
 * it ends on the HTTP client's thread and never opens a scope on the caller. Unwrapped, {@code
 * gen_ai.request.stream=true} is set when the call ends on another thread than the one that started it (only
 * streaming models do that). Wrapping the model sets it at start, adds the time to first chunk ({@code
 * gen_ai.response.time_to_first_chunk}, histogram {@code gen_ai.client.operation.time_to_first_chunk}) and makes
 * the chat span current while the request is sent:
 *
 * <pre>{@code
 * StreamingChatModel streaming = lc.wrap(OpenAiStreamingChatModel.builder()
 *     .apiKey(key).modelName("gpt-4o-mini")
 *     .listeners(List.of(lc.chatModelListener())).customHeaders(lc.traceHeaders())
 *     .build());
 * }</pre>
 *
 * <h2>AI services, agents and tools</h2>
 *
 * <pre>{@code
 * Assistant assistant = lc.instrument(AiServices.builder(Assistant.class))
 *     .chatModel(model).tools(new MyTools())
 *     .build();
 * }</pre>
 *
 * <p>Each invocation is an INTERNAL span {@code invoke_agent {Interface}} whose children are its chat spans and
 * one {@code execute_tool {tool}} span per tool execution, timed by the before/after tool-execution hooks around
 * the real tool body, current while the tool runs (sequential execution), with {@code gen_ai.tool.name}, {@code
 * gen_ai.tool.call.id}, {@code gen_ai.tool.type=function}, opt-in arguments and result, ERROR status for a failed
 * tool, and the {@code gen_ai.execute_tool.duration} histogram. The {@code @MemoryId} becomes {@code
 * gen_ai.conversation.id}. {@code instrument} sets the builder's tool hooks; to keep your own, register {@link
 * dev.aitelemetry.langchain4j.LangChain4jTelemetry#aiServiceListeners()}, {@code beforeToolExecution()} and {@code
 * afterToolExecution()} yourself and combine hooks with {@code Consumer.andThen}.
 *
 * <h2>Limitations (LangChain4j 1.19.0)</h2>
 *
 * <ul>
 *   <li>{@code ChatModel.chat} catches {@code Exception} only: if the HTTP layer throws an {@code Error}, neither
 *       {@code onResponse} nor {@code onError} runs: the Error reaches the caller unchanged; the span is ended with
 *       {@code error.type=_OTHER} as soon as {@code chat} returns for a model wrapped with {@code lc.wrap} (which
 *       also closes its scope), otherwise only when the call's listener context is garbage-collected (an unwrapped
 *       model has no scope to leave behind).
 *   <li>{@code StreamingChatModel.chat} has no try/catch around {@code doChat}: a synchronous failure there (e.g.
 *       request validation) calls no {@code onError}; that span is ended with {@code error.type=_OTHER} when the
 *       call's listener context is garbage-collected.
 *   <li>Without {@link dev.aitelemetry.langchain4j.LangChain4jTelemetry#wrap(dev.langchain4j.model.chat.ChatModel)}
 *       a synchronous call's span is not current during the HTTP call (HTTP-client spans nest under the caller's
 *       span); {@code traceHeaders()} still sends the chat span.
 *   <li>Without {@link dev.aitelemetry.langchain4j.LangChain4jTelemetry#wrap(dev.langchain4j.model.chat.StreamingChatModel)}
 *       a streaming call is recognised only when it ends on another thread: {@code gen_ai.request.stream=true} is
 *       then set at the end (samplers do not see it), and a streaming model that calls back on the caller's thread
 *       is recorded without it.
 *   <li>The listener context carries no AI-service invocation: the chat span finds its {@code invoke_agent} parent
 *       through a same-thread hand-off from {@code AiServiceRequestIssuedEvent} (see {@code AgentInvocations}),
 *       honoured only when the messages match; a model decorator that rewrites the messages loses the link.
 *   <li>{@code ToolExecution} exposes no exception, so a failed tool's {@code error.type} is {@code tool_error}.
 *       When an argument error is rethrown ({@code ToolService.internalExecuteTool} has no try/finally), the
 *       after-hook never runs; the tool span is then ended by the AI-service error event.
 *   <li>An AI service returning a {@code TokenStream} that is never started never completes, so its {@code
 *       invoke_agent} span is never ended.
 * </ul>
 */
package dev.aitelemetry.langchain4j;
