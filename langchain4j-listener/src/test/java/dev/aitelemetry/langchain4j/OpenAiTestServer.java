package dev.aitelemetry.langchain4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A local OpenAI-compatible endpoint for tests: a JDK {@link HttpServer} on 127.0.0.1 (free port) that answers
 * {@code POST /v1/chat/completions} and {@code /v1/embeddings} with scripted replies in the real OpenAI wire format,
 * and records every request (path, headers, body) it receives.
 *
 * <pre>{@code
 * try (OpenAiTestServer server = OpenAiTestServer.start()) {
 *   server.enqueue(OpenAiTestServer.Reply.text("Hello!").usage(11, 7, 3, 2));
 *   ChatModel model = OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("sk-test")
 *       .modelName("gpt-4o-mini").build();
 *   model.chat("Hi");
 *   server.requests().get(0).header("authorization");   // "Bearer sk-test"
 * }
 * }</pre>
 *
 * <p>Replies are served in the order they were enqueued; when the queue is empty the fallback reply is used (set
 * with {@link #setFallback}; by default an HTTP 500 saying that nothing was scripted). Requests are handled on a
 * pool of threads, so concurrent clients are served concurrently.
 */
final class OpenAiTestServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor;
  private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  /** Released on close, so that delayed or paused replies never outlive the test. */
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile Reply fallback = Reply.error(500, "server_error", "OpenAiTestServer: no scripted reply left");

  private OpenAiTestServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts a server on 127.0.0.1 and a free port. */
  static OpenAiTestServer start() {
    try {
      HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
      ExecutorService pool = Executors.newFixedThreadPool(64, r -> {
        Thread t = new Thread(r, "openai-test-server");
        t.setDaemon(true);
        return t;
      });
      http.setExecutor(pool);
      OpenAiTestServer s = new OpenAiTestServer(http, pool);
      http.createContext("/", s::handle);
      http.start();
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The base URL to give a LangChain4j OpenAI builder, e.g. {@code http://127.0.0.1:54321/v1}. */
  String baseUrl() {
    return "http://127.0.0.1:" + port() + "/v1";
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** Adds replies to serve, in order, to the next requests. */
  OpenAiTestServer enqueue(Reply... next) {
    replies.addAll(List.of(next));
    return this;
  }

  /** The reply for requests that find the queue empty (e.g. the same answer for 50 concurrent calls). */
  OpenAiTestServer setFallback(Reply reply) {
    this.fallback = Objects.requireNonNull(reply, "reply");
    return this;
  }

  /** Every request received so far, in arrival order. */
  List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** The only request received; fails if there were none or several. */
  RecordedRequest onlyRequest() {
    List<RecordedRequest> all = requests();
    if (all.size() != 1) {
      throw new AssertionError("expected exactly one request, got " + all.size());
    }
    return all.get(0);
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      requests.add(new RecordedRequest(
          exchange.getRequestMethod(), exchange.getRequestURI().getPath(), copy(exchange.getRequestHeaders()), body,
          Thread.currentThread().getName()));
      Reply reply = replies.poll();
      (reply == null ? fallback : reply).writeTo(exchange, closed);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Map<String, List<String>> copy(Headers headers) {
    Map<String, List<String>> result = new TreeMap<>();
    headers.forEach((k, v) -> result.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
    return Collections.unmodifiableMap(result);
  }

  /** One request as the endpoint received it; header names are lower case. */
  record RecordedRequest(String method, String path, Map<String, List<String>> headers, String body,
      String serverThread) {
    /** The first value of a header, or null. */
    String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The body parsed as JSON. */
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * A scripted reply. Factories give a chat completion ({@link #text}, {@link #toolCall}), a streamed chat
   * completion ({@link #streaming}), an embeddings response ({@link #embeddings}), an OpenAI error ({@link
   * #error}) or any JSON body ({@link #json}); the fluent setters adjust ids, usage, delays and pauses. Immutable
   * enough for tests: a reply may be served many times (as a fallback).
   */
  static final class Reply {
    private enum Kind { COMPLETION, STREAM, EMBEDDINGS, ERROR, JSON_BODY }

    private final Kind kind;
    private String id = "chatcmpl-test-1";
    private String model = "gpt-4o-mini-2024-07-18";
    private String content;
    private List<String> chunks = List.of();
    private final List<ToolCall> toolCalls = new ArrayList<>();
    private String finishReason = "stop";
    private int promptTokens = 11;
    private int completionTokens = 7;
    private Integer cachedTokens = 3;
    private Integer reasoningTokens = 2;
    private boolean usage = true;
    private int status = 200;
    private String errorType;
    private String errorMessage;
    private String errorCode;
    private List<float[]> vectors = List.of();
    private Duration delay = Duration.ZERO;
    private CountDownLatch pauseAfterFirstChunk;
    private String jsonBody;

    private Reply(Kind kind) {
      this.kind = kind;
    }

    /** A chat completion whose assistant message is {@code content}; usage 11 in (3 cached), 7 out (2 reasoning). */
    static Reply text(String content) {
      Reply r = new Reply(Kind.COMPLETION);
      r.content = content;
      return r;
    }

    /** A chat completion asking for one tool call ({@code finish_reason=tool_calls}). */
    static Reply toolCall(String callId, String toolName, String argumentsJson) {
      Reply r = new Reply(Kind.COMPLETION);
      r.toolCalls.add(new ToolCall(callId, toolName, argumentsJson));
      r.finishReason = "tool_calls";
      return r;
    }

    /**
     * A streamed chat completion ({@code text/event-stream}): a role chunk, one chunk per piece of content, a
     * chunk with the finish reason, the usage chunk that {@code stream_options.include_usage} asks for (empty
     * choices) and {@code [DONE]}.
     */
    static Reply streaming(String... contentChunks) {
      Reply r = new Reply(Kind.STREAM);
      r.chunks = List.of(contentChunks);
      return r;
    }

    /** An embeddings response with one vector per input; usage {@code prompt_tokens} 11. */
    static Reply embeddings(float[]... vectors) {
      Reply r = new Reply(Kind.EMBEDDINGS);
      r.vectors = List.of(vectors);
      r.model = "text-embedding-3-small";
      return r;
    }

    /**
     * An OpenAI error body with an HTTP status, e.g. {@code error(429, "requests", "Rate limit reached")}.
     * The error code is {@code rate_limit_exceeded} for 429 and null otherwise.
     */
    static Reply error(int status, String type, String message) {
      Reply r = new Reply(Kind.ERROR);
      r.status = status;
      r.errorType = type;
      r.errorMessage = message;
      r.errorCode = status == 429 ? "rate_limit_exceeded" : null;
      return r;
    }

    /**
     * A 200 reply with exactly this JSON body, for another provider's wire format (e.g. an Anthropic {@code
     * /v1/messages} response; the server answers every path).
     */
    static Reply json(String body) {
      Reply r = new Reply(Kind.JSON_BODY);
      r.jsonBody = body;
      return r;
    }

    /** The response id ({@code id}). */
    Reply id(String value) {
      this.id = value;
      return this;
    }

    /** The model the provider answers with ({@code model}). */
    Reply model(String value) {
      this.model = value;
      return this;
    }

    /** The OpenAI finish reason ({@code stop}, {@code length}, {@code tool_calls}, {@code content_filter}). */
    Reply finishReason(String value) {
      this.finishReason = value;
      return this;
    }

    /** Adds another tool call to a tool-call completion (parallel tool calls). */
    Reply andToolCall(String callId, String toolName, String argumentsJson) {
      toolCalls.add(new ToolCall(callId, toolName, argumentsJson));
      return this;
    }

    /**
     * Usage: {@code prompt_tokens} (OpenAI counts cached tokens in it), {@code completion_tokens} (reasoning
     * included), {@code prompt_tokens_details.cached_tokens}, {@code completion_tokens_details.reasoning_tokens};
     * null details are left out of the body.
     */
    Reply usage(int prompt, int completion, Integer cached, Integer reasoning) {
      this.promptTokens = prompt;
      this.completionTokens = completion;
      this.cachedTokens = cached;
      this.reasoningTokens = reasoning;
      this.usage = true;
      return this;
    }

    /** Leaves usage out (a stream without the usage chunk, a completion without {@code usage}). */
    Reply withoutUsage() {
      this.usage = false;
      return this;
    }

    /** Waits this long before answering (bounded: closing the server cuts it short); for timeouts. */
    Reply delay(Duration value) {
      this.delay = value;
      return this;
    }

    /** For streams: after the first content chunk, waits for {@code gate} (at most 10 s) before the rest. */
    Reply pauseAfterFirstChunk(CountDownLatch gate) {
      this.pauseAfterFirstChunk = gate;
      return this;
    }

    private void writeTo(HttpExchange exchange, CountDownLatch closed) throws IOException, InterruptedException {
      if (!delay.isZero() && closed.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
        return;
      }
      switch (kind) {
        case COMPLETION -> sendJson(exchange, 200, completion());
        case EMBEDDINGS -> sendJson(exchange, 200, embeddingsBody());
        case ERROR -> sendJson(exchange, status, errorBody());
        case STREAM -> stream(exchange, closed);
        case JSON_BODY -> sendJson(exchange, 200, (ObjectNode) JSON.readTree(jsonBody));
      }
    }

    private static void sendJson(HttpExchange exchange, int status, ObjectNode body) throws IOException {
      byte[] bytes = JSON.writeValueAsBytes(body);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.getResponseHeaders().set("x-request-id", "req_test");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }

    private void stream(HttpExchange exchange, CountDownLatch closed) throws IOException, InterruptedException {
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        ObjectNode roleDelta = JSON.createObjectNode().put("role", "assistant").put("content", "");
        event(out, chunk(roleDelta, null));
        for (int i = 0; i < chunks.size(); i++) {
          event(out, chunk(JSON.createObjectNode().put("content", chunks.get(i)), null));
          if (i == 0 && pauseAfterFirstChunk != null) {
            pauseAfterFirstChunk.await(10, TimeUnit.SECONDS);
            if (closed.getCount() == 0) {
              return;
            }
          }
        }
        for (int i = 0; i < toolCalls.size(); i++) {
          ToolCall call = toolCalls.get(i);
          ObjectNode tc = JSON.createObjectNode().put("index", i).put("id", call.id()).put("type", "function");
          tc.putObject("function").put("name", call.name()).put("arguments", call.arguments());
          ObjectNode delta = JSON.createObjectNode();
          delta.putArray("tool_calls").add(tc);
          event(out, chunk(delta, null));
        }
        event(out, chunk(JSON.createObjectNode(), finishReason));
        if (usage) {
          ObjectNode last = base("chat.completion.chunk");
          last.putArray("choices");
          last.set("usage", usageNode());
          event(out, last);
        }
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    }

    private static void event(OutputStream out, ObjectNode data) throws IOException {
      out.write(("data: " + JSON.writeValueAsString(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    }

    private ObjectNode chunk(ObjectNode delta, String finish) {
      ObjectNode node = base("chat.completion.chunk");
      ObjectNode choice = node.putArray("choices").addObject();
      choice.put("index", 0);
      choice.set("delta", delta);
      choice.putNull("logprobs");
      if (finish == null) {
        choice.putNull("finish_reason");
      } else {
        choice.put("finish_reason", finish);
      }
      node.putNull("usage");
      return node;
    }

    private ObjectNode base(String object) {
      ObjectNode node = JSON.createObjectNode();
      node.put("id", id).put("object", object).put("created", 1_760_000_000L).put("model", model);
      node.put("service_tier", "default").put("system_fingerprint", "fp_test");
      return node;
    }

    private ObjectNode completion() {
      ObjectNode node = base("chat.completion");
      ObjectNode choice = node.putArray("choices").addObject();
      choice.put("index", 0);
      ObjectNode message = choice.putObject("message").put("role", "assistant");
      if (content == null) {
        message.putNull("content");
      } else {
        message.put("content", content);
      }
      message.putNull("refusal");
      if (!toolCalls.isEmpty()) {
        ArrayNode calls = message.putArray("tool_calls");
        for (ToolCall call : toolCalls) {
          ObjectNode tc = calls.addObject().put("id", call.id()).put("type", "function");
          tc.putObject("function").put("name", call.name()).put("arguments", call.arguments());
        }
      }
      choice.putNull("logprobs");
      choice.put("finish_reason", finishReason);
      if (usage) {
        node.set("usage", usageNode());
      }
      return node;
    }

    private ObjectNode usageNode() {
      ObjectNode u = JSON.createObjectNode();
      u.put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
          .put("total_tokens", promptTokens + completionTokens);
      if (cachedTokens != null) {
        u.putObject("prompt_tokens_details").put("cached_tokens", cachedTokens).put("audio_tokens", 0);
      }
      if (reasoningTokens != null) {
        u.putObject("completion_tokens_details").put("reasoning_tokens", reasoningTokens).put("audio_tokens", 0)
            .put("accepted_prediction_tokens", 0).put("rejected_prediction_tokens", 0);
      }
      return u;
    }

    private ObjectNode embeddingsBody() {
      ObjectNode node = JSON.createObjectNode().put("object", "list").put("model", model);
      ArrayNode data = node.putArray("data");
      for (int i = 0; i < vectors.size(); i++) {
        ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
        ArrayNode values = item.putArray("embedding");
        for (float v : vectors.get(i)) {
          values.add(v);
        }
      }
      node.putObject("usage").put("prompt_tokens", promptTokens).put("total_tokens", promptTokens);
      return node;
    }

    private ObjectNode errorBody() {
      ObjectNode node = JSON.createObjectNode();
      ObjectNode error = node.putObject("error").put("message", errorMessage).put("type", errorType);
      error.putNull("param");
      if (errorCode == null) {
        error.putNull("code");
      } else {
        error.put("code", errorCode);
      }
      return node;
    }

    private record ToolCall(String id, String name, String arguments) {}
  }
}
