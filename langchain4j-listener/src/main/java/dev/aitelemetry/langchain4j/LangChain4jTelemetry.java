package dev.aitelemetry.langchain4j;

import dev.aitelemetry.core.AiTelemetry;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.observability.api.listener.AiServiceListener;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.tool.BeforeToolExecution;
import dev.langchain4j.service.tool.ToolExecution;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The front door of the LangChain4j integration: hands out the listeners, decorators and wrappers that turn
 * LangChain4j chat calls, AI-service invocations, tool executions and memory operations into OpenTelemetry spans
 * and metrics through {@link AiTelemetry}.
 *
 * <pre>{@code
 * LangChain4jTelemetry lc = LangChain4jTelemetry.create(aiTelemetry);
 * ChatModel model = lc.wrap(OpenAiChatModel.builder()
 *     .apiKey(key).modelName("gpt-4o-mini")
 *     .listeners(List.of(lc.chatModelListener()))
 *     .customHeaders(lc.traceHeaders())
 *     .build());
 * }</pre>
 *
 * <p>The listener alone gives the chat spans of any model; {@link #wrap(ChatModel)} adds, for a synchronous model,
 * that the chat span is current on the calling thread during the HTTP request, so HTTP-client spans (e.g. of the
 * OpenTelemetry Java agent) nest under it. An unwrapped model's HTTP-client spans nest under the caller's span
 * instead (the chat span is their sibling); {@link #traceHeaders()} sends the chat span either way.
 *
 * <p>Thread-safe; create one per {@link AiTelemetry} and share it between models and AI services.
 */
public final class LangChain4jTelemetry {
  private final AiTelemetry telemetry;
  private final String serverAddress;
  private final Integer serverPort;
  private final ChatModelListener chatModelListener;
  private final AgentInvocations agents;
  /** Created on first use: it needs the optional {@code langchain4j} artifact (AI services, tool hooks). */
  private volatile AiServiceTracing aiServiceTracing;

  private LangChain4jTelemetry(Builder builder) {
    this.telemetry = builder.telemetry;
    this.serverAddress = builder.serverAddress;
    this.serverPort = builder.serverPort;
    this.agents = new AgentInvocations(telemetry);
    this.chatModelListener = new TelemetryChatModelListener(telemetry, serverAddress, serverPort, agents);
  }

  /** The integration with defaults: no server address on chat spans. */
  public static LangChain4jTelemetry create(AiTelemetry telemetry) {
    return builder(telemetry).build();
  }

  /** A builder for options such as the server address of the model endpoint. */
  public static Builder builder(AiTelemetry telemetry) {
    return new Builder(Objects.requireNonNull(telemetry, "telemetry"));
  }

  /** The {@link AiTelemetry} spans and metrics go through. */
  public AiTelemetry telemetry() {
    return telemetry;
  }

  // ---------------------------------------------------------------- chat models (issue #3)

  /**
   * A listener for any LangChain4j {@code ChatModel} or {@code StreamingChatModel}: one CLIENT span
   * {@code chat {model}} per call, with usage, cost and the GenAI client metrics. Register it at build time,
   * e.g. {@code OpenAiChatModel.builder().listeners(List.of(lc.chatModelListener()))}. The same instance may be
   * shared by any number of models.
   */
  public ChatModelListener chatModelListener() {
    return chatModelListener;
  }

  /**
   * Decorates a synchronous model that already has {@link #chatModelListener()}: the chat span is then current on
   * the calling thread from the listener's {@code onRequest} to its {@code onResponse}/{@code onError}, i.e. while
   * the HTTP request runs, so HTTP-client instrumentation (the OpenTelemetry Java agent's spans, or anything reading
   * {@code Context.current()}) nests under the chat span. Without it the listener opens no scope (LangChain4j does
   * not tell a listener whether the caller is synchronous): HTTP-client spans nest under the caller's span, while
   * the chat span itself and {@link #traceHeaders()} are unchanged. A wrapped call that got neither {@code
   * onResponse} nor {@code onError} (an {@code Error} thrown inside {@code doChat}) is ended with {@code
   * error.type=_OTHER} as soon as {@code chat} returns, and its scope closed.
   *
   * <pre>{@code
   * ChatModel model = lc.wrap(OpenAiChatModel.builder()
   *     .listeners(List.of(lc.chatModelListener())).customHeaders(lc.traceHeaders()) ... .build());
   * }</pre>
   *
   * @throws NullPointerException if {@code model} is null
   */
  public ChatModel wrap(ChatModel model) {
    return new TracedChatModel(Objects.requireNonNull(model, "model"), telemetry);
  }

  /**
   * Decorates a streaming model that already has {@link #chatModelListener()}: records the time to first chunk
   * ({@code gen_ai.response.time_to_first_chunk} on the span, the {@code
   * gen_ai.client.operation.time_to_first_chunk} histogram) and makes the chat span current on the calling thread
   * while the request is sent, so {@link #traceHeaders()} propagates the chat span of streaming calls too.
   *
   * <pre>{@code
   * StreamingChatModel model = lc.wrap(OpenAiStreamingChatModel.builder()
   *     .listeners(List.of(lc.chatModelListener())).customHeaders(lc.traceHeaders()) ... .build());
   * }</pre>
   *
   * @throws NullPointerException if {@code model} is null
   */
  public StreamingChatModel wrap(StreamingChatModel model) {
    return new TracedStreamingChatModel(Objects.requireNonNull(model, "model"), telemetry);
  }

  /**
   * Headers for the OpenAI builders' {@code customHeaders(Supplier)}: the current trace context written by the
   * configured propagator (W3C {@code traceparent}/{@code tracestate} by default), so that a traced gateway or
   * proxy in front of the model (LiteLLM proxy, vLLM, an Envoy sidecar) joins the trace as a child of the chat
   * span. LangChain4j calls the supplier inside {@code doChat} for every HTTP request, retries included, on the
   * thread that started the chat call, which the supplier finds there: wrapped with {@code wrap} or not, sync or
   * streaming, the chat span is sent.
   */
  public Supplier<Map<String, String>> traceHeaders() {
    return traceHeaders(Map.of());
  }

  /**
   * Like {@link #traceHeaders()}, plus fixed headers of your own (the builders keep only one {@code
   * customHeaders} setting).
   */
  public Supplier<Map<String, String>> traceHeaders(Map<String, String> staticHeaders) {
    return new TraceHeaders(telemetry, Objects.requireNonNull(staticHeaders, "staticHeaders"));
  }

  // ---------------------------------------------------------------- AI services, agents and tools (issue #3)

  /**
   * Registers {@link #aiServiceListeners()}, {@link #beforeToolExecution()} and {@link #afterToolExecution()} on an
   * AI-service builder: one {@code invoke_agent {Interface}} span per invocation with its chat and {@code
   * execute_tool {tool}} spans as children. This sets the builder's before/after tool-execution hooks; to keep
   * hooks of your own, register the pieces yourself and combine them with {@code Consumer.andThen}.
   *
   * <pre>{@code
   * Assistant assistant = lc.instrument(AiServices.builder(Assistant.class))
   *     .chatModel(model).tools(new MyTools()).build();
   * }</pre>
   */
  public <T> AiServices<T> instrument(AiServices<T> services) {
    AiServiceTracing tracing = aiServiceTracing();
    return services.registerListeners(tracing.listeners())
        .beforeToolExecution(tracing.beforeToolExecution())
        .afterToolExecution(tracing.afterToolExecution());
  }

  /**
   * The AI-service listeners, for {@code AiServices.registerListeners(...)}: they open and close the {@code
   * invoke_agent} span of each invocation and tell the chat-model listener which invocation a chat call belongs
   * to.
   */
  public List<AiServiceListener<?>> aiServiceListeners() {
    return aiServiceTracing().listeners();
  }

  /** For {@code AiServices.beforeToolExecution(...)}: starts the {@code execute_tool} span before the tool runs. */
  public Consumer<BeforeToolExecution> beforeToolExecution() {
    return aiServiceTracing().beforeToolExecution();
  }

  /** For {@code AiServices.afterToolExecution(...)}: ends the {@code execute_tool} span with its result. */
  public Consumer<ToolExecution> afterToolExecution() {
    return aiServiceTracing().afterToolExecution();
  }

  private AiServiceTracing aiServiceTracing() {
    AiServiceTracing tracing = aiServiceTracing;
    if (tracing == null) {
      synchronized (this) {
        tracing = aiServiceTracing;
        if (tracing == null) {
          tracing = new AiServiceTracing(telemetry, agents);
          aiServiceTracing = tracing;
        }
      }
    }
    return tracing;
  }

  // ---------------------------------------------------------------- memory stores, embeddings, retrieval (issue #4)

  /**
   * Traces every operation on an embedding store as a GenAI memory operation on the store {@code storeId}: {@code
   * add}/{@code addAll} are {@code create_memory} ({@code upsert_memory} when the caller supplies the ids), {@code
   * search} is {@code search_memory}, {@code remove}/{@code removeAll} are {@code delete_memory}. Spans carry
   * {@code gen_ai.memory.store.id}, {@code gen_ai.memory.record.id} (single-record operations), {@code
   * gen_ai.memory.record.count}, the search's {@link MemoryAttributes#SEARCH_MAX_RESULTS max results} and {@link
   * MemoryAttributes#SEARCH_MIN_SCORE min score}, {@code db.system.name} when the store class is a known database,
   * and, only with content capture on, the request's query text ({@code gen_ai.memory.query.text}; see {@link
   * EmbeddingSearchRequests}) and the records' ids and scores ({@code gen_ai.memory.records}). The span kind is
   * INTERNAL for {@code InMemoryEmbeddingStore}, CLIENT otherwise. Each call also records {@code
   * gen_ai.memory.operation.duration} and {@code gen_ai.memory.operation.record_count}.
   *
   * <p>Every method of {@link EmbeddingStore}, the default ones included, is overridden and forwarded unchanged to
   * the same method of {@code store}; its exceptions reach the caller unchanged. LangChain4j's own {@code
   * EmbeddingStoreListener} cannot replace this decorator: its contexts expose the listening wrapper, not the
   * store, so the database behind it is unknown.
   *
   * <pre>{@code
   * EmbeddingStore<TextSegment> store = lc.wrap(new InMemoryEmbeddingStore<>(), "knowledge_graph");
   * }</pre>
   *
   * @param storeId the store's name on spans and metrics ({@code gen_ai.memory.store.id}); may be null
   * @throws NullPointerException if {@code store} is null
   */
  public EmbeddingStore<TextSegment> wrap(EmbeddingStore<TextSegment> store, String storeId) {
    return new TracedEmbeddingStore<>(telemetry, store, storeId);
  }

  /**
   * Traces a chat memory store, e.g. the one behind a {@code MessageWindowChatMemory}: {@code getMessages} is
   * {@code search_memory} with the number of messages returned, {@code updateMessages} is {@code update_memory},
   * {@code deleteMessages} is {@code delete_memory}; {@code gen_ai.conversation.id} is the memory id when it is a
   * string or a number. Messages are never recorded. LangChain4j has no listener for chat memory stores.
   *
   * <p>Used under an AI service {@linkplain #instrument instrumented} by this instance, the memory spans are
   * children of the invocation's {@code invoke_agent} span (when one invocation is in flight on that memory id).
   *
   * @param storeId the store's name on spans and metrics ({@code gen_ai.memory.store.id}); may be null
   * @throws NullPointerException if {@code store} is null
   */
  public ChatMemoryStore wrap(ChatMemoryStore store, String storeId) {
    return new TracedChatMemoryStore(telemetry, store, storeId, agents::memoryParent);
  }

  /**
   * Traces an embedding model: one CLIENT span {@code embeddings {model}} per {@code embed}/{@code embedAll}
   * call, with {@code gen_ai.usage.input_tokens} (when the model reports usage), {@code
   * gen_ai.embeddings.dimension.count} and the cost when the model is priced (e.g. {@code
   * text-embedding-3-small}); the call goes to {@code gen_ai.client.operation.duration} and {@code
   * gen_ai.client.token.usage}. Texts are never recorded. An alternative for models built by the application is
   * LangChain4j's {@code EmbeddingModelListener}; this decorator also covers models the application did not
   * build.
   *
   * @throws NullPointerException if {@code model} is null
   */
  public EmbeddingModel wrap(EmbeddingModel model) {
    return new TracedEmbeddingModel(telemetry, model);
  }

  /**
   * Traces a content retriever (retrieval-augmented generation): one CLIENT span {@code retrieval
   * {dataSourceId}} per {@code retrieve}, with the number of contents returned ({@code
   * aitelemetry.retrieval.document_count}) and, only with content capture on, the query text and the contents' ids and
   * scores. Traced stores and models used inside the retriever appear as children of this span.
   *
   * @param dataSourceId {@code gen_ai.data_source.id}; may be null
   * @throws NullPointerException if {@code retriever} is null
   */
  public ContentRetriever wrap(ContentRetriever retriever, String dataSourceId) {
    return new TracedContentRetriever(telemetry, retriever, dataSourceId);
  }

  /** Options of {@link LangChain4jTelemetry}. */
  public static final class Builder {
    private final AiTelemetry telemetry;
    private String serverAddress;
    private Integer serverPort;

    private Builder(AiTelemetry telemetry) {
      this.telemetry = telemetry;
    }

    /**
     * The host and port the chat models talk to, written as {@code server.address}/{@code server.port} on chat
     * spans and metrics (LangChain4j does not tell listeners which URL a model uses).
     */
    public Builder server(String address, int port) {
      this.serverAddress = address;
      this.serverPort = port;
      return this;
    }

    /**
     * Derives {@code server.address}/{@code server.port} from the model's base URL, e.g.
     * {@code https://api.openai.com/v1} gives {@code api.openai.com} and 443.
     *
     * @throws IllegalArgumentException if {@code baseUrl} is not an absolute URL with a host
     */
    public Builder baseUrl(String baseUrl) {
      URI uri = URI.create(Objects.requireNonNull(baseUrl, "baseUrl"));
      if (uri.getHost() == null) {
        throw new IllegalArgumentException("Not an absolute URL with a host: " + baseUrl);
      }
      int port = uri.getPort();
      if (port < 0) {
        port = "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
      }
      return server(uri.getHost(), port);
    }

    /** Builds the integration. */
    public LangChain4jTelemetry build() {
      return new LangChain4jTelemetry(this);
    }
  }
}
