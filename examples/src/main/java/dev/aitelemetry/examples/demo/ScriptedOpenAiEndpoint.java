package dev.aitelemetry.examples.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local OpenAI-compatible endpoint for the demo when no {@code OPENAI_API_KEY} is set: answers {@code POST
 * /v1/chat/completions} on 127.0.0.1 in the real OpenAI wire format — tool calls, SSE streaming with a final usage
 * chunk, usage with cached and reasoning tokens — with scripted but plausible replies.
 *
 * <p>The script is simple on purpose: a question goes to {@code search_memory}, "remember …" to {@code
 * capture_solution}, "analyze …" to {@code analyze_logs}, "deploy …" to {@code deploy_fix}; after a tool result the
 * model answers from it. Token counts are estimated from the text (about four characters a token); on a
 * conversation's later turns part of the prompt is reported as cached, as OpenAI's prompt cache would.
 */
public final class ScriptedOpenAiEndpoint implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicLong ids = new AtomicLong(1000);
  private final AtomicLong requests = new AtomicLong();

  private ScriptedOpenAiEndpoint(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts the endpoint on 127.0.0.1 and a free port. */
  public static ScriptedOpenAiEndpoint start() {
    try {
      HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
      ExecutorService pool = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "scripted-openai");
        t.setDaemon(true);
        return t;
      });
      http.setExecutor(pool);
      ScriptedOpenAiEndpoint endpoint = new ScriptedOpenAiEndpoint(http, pool);
      http.createContext("/v1/chat/completions", endpoint::chatCompletions);
      http.start();
      return endpoint;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The base URL for LangChain4j's OpenAI builders, e.g. {@code http://127.0.0.1:54321/v1}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /** How many chat requests were served. */
  public long requestCount() {
    return requests.get();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void chatCompletions(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.incrementAndGet();
      JsonNode request = JSON.readTree(exchange.getRequestBody());
      Reply reply = script(request);
      pause(reply.latencyMillis());
      if (request.path("stream").asBoolean(false)) {
        stream(exchange, request, reply);
      } else {
        byte[] body = JSON.writeValueAsBytes(completion(request, reply));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
      }
    } catch (RuntimeException e) {
      ObjectNode error = JSON.createObjectNode();
      error.putObject("error").put("message", e.getClass().getSimpleName()).put("type", "server_error");
      byte[] body = JSON.writeValueAsBytes(error);
      exchange.sendResponseHeaders(500, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  /** What the model says next: a tool call, or text. */
  record Reply(String text, String toolName, ObjectNode toolArguments, long latencyMillis) {
    boolean isToolCall() {
      return toolName != null;
    }
  }

  static Reply script(JsonNode request) {
    JsonNode messages = request.path("messages");
    JsonNode last = messages.size() == 0 ? JSON.createObjectNode() : messages.get(messages.size() - 1);
    String role = last.path("role").asText();
    long latency = 120 + (Math.abs(textOf(last).hashCode()) % 280);
    if ("tool".equals(role)) {
      return new Reply(answerFromTool(textOf(last)), null, null, latency);
    }
    String user = textOf(last);
    String lower = user.toLowerCase(Locale.ROOT);
    boolean hasTools = request.path("tools").isArray() && request.path("tools").size() > 0;
    if (hasTools && "user".equals(role)) {
      if (lower.endsWith("?") || lower.startsWith("how") || lower.startsWith("why") || lower.startsWith("what")) {
        ObjectNode args = JSON.createObjectNode().put("query", user);
        return new Reply(null, "search_memory", args, latency);
      }
      if (lower.contains("remember") || lower.contains("save") || lower.contains("capture")) {
        ObjectNode args = JSON.createObjectNode();
        args.put("problem", firstClause(user));
        args.put("solution", user);
        return new Reply(null, "capture_solution", args, latency);
      }
      if (lower.contains("analy") || lower.contains("logs")) {
        ObjectNode args = JSON.createObjectNode().put("service", "checkout-api");
        return new Reply(null, "analyze_logs", args, latency);
      }
      if (lower.contains("deploy") || lower.contains("roll out")) {
        ObjectNode args = JSON.createObjectNode().put("ticket", "OPS-1427");
        return new Reply(null, "deploy_fix", args, latency);
      }
      ObjectNode args = JSON.createObjectNode().put("query", user);
      return new Reply(null, "search_memory", args, latency);
    }
    if (lower.startsWith("plan")) {
      return new Reply("1. Raise DB_POOL_SIZE to 40 on one canary pod. 2. Watch pool usage and p95 latency for"
          + " 30 minutes. 3. Roll out to every pod and keep the pool-usage alert.", null, null, latency);
    }
    if (lower.contains("classify") || lower.contains("category")) {
      return new Reply(lower.contains("deploy") ? "operations" : "troubleshooting", null, null, latency / 2);
    }
    return new Reply("In short: check the recent changes first, reproduce with the smallest input, then fix"
        + " the root cause and add a test that would have caught it.", null, null, latency);
  }

  private static String answerFromTool(String toolResult) {
    String gist = toolResult.length() > 220 ? toolResult.substring(0, 220) + "…" : toolResult;
    if (gist.startsWith("error:")) {
      return "The tool reported a problem, so I did not complete that step: " + gist;
    }
    return "Here is what I found: " + gist;
  }

  private ObjectNode completion(JsonNode request, Reply reply) {
    ObjectNode root = JSON.createObjectNode();
    root.put("id", "chatcmpl-demo" + ids.incrementAndGet());
    root.put("object", "chat.completion");
    root.put("created", System.currentTimeMillis() / 1000);
    root.put("model", responseModel(request.path("model").asText()));
    root.put("system_fingerprint", "fp_scripted");
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    if (reply.isToolCall()) {
      message.putNull("content");
      ObjectNode call = message.putArray("tool_calls").addObject();
      call.put("id", "call_" + ids.incrementAndGet());
      call.put("type", "function");
      call.putObject("function").put("name", reply.toolName())
          .put("arguments", reply.toolArguments().toString());
      choice.put("finish_reason", "tool_calls");
    } else {
      message.put("content", reply.text());
      choice.put("finish_reason", "stop");
    }
    root.set("usage", usage(request, reply));
    return root;
  }

  private void stream(HttpExchange exchange, JsonNode request, Reply reply) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    String id = "chatcmpl-demo" + ids.incrementAndGet();
    String model = responseModel(request.path("model").asText());
    String text = reply.isToolCall() ? "" : reply.text();
    List<String> pieces = words(text);
    for (int i = 0; i < pieces.size(); i++) {
      ObjectNode delta = JSON.createObjectNode();
      if (i == 0) {
        delta.put("role", "assistant");
      }
      delta.put("content", pieces.get(i));
      send(out, chunk(id, model, delta, null));
      pause(15);
    }
    send(out, chunk(id, model, JSON.createObjectNode(), "stop"));
    if (request.path("stream_options").path("include_usage").asBoolean(false)) {
      ObjectNode usageChunk = chunk(id, model, null, null);
      usageChunk.putArray("choices");
      usageChunk.set("usage", usage(request, reply));
      send(out, usageChunk);
    }
    out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static ObjectNode chunk(String id, String model, ObjectNode delta, String finishReason) {
    ObjectNode root = JSON.createObjectNode();
    root.put("id", id);
    root.put("object", "chat.completion.chunk");
    root.put("created", System.currentTimeMillis() / 1000);
    root.put("model", model);
    if (delta != null) {
      ObjectNode choice = root.putArray("choices").addObject();
      choice.put("index", 0);
      choice.set("delta", delta);
      if (finishReason == null) {
        choice.putNull("finish_reason");
      } else {
        choice.put("finish_reason", finishReason);
      }
    }
    return root;
  }

  private static void send(OutputStream out, ObjectNode event) throws IOException {
    out.write(("data: " + event + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Usage in OpenAI's shape: cached prompt tokens and reasoning tokens in their detail objects. */
  static ObjectNode usage(JsonNode request, Reply reply) {
    int promptChars = 0;
    for (JsonNode m : request.path("messages")) {
      promptChars += textOf(m).length() + 16;
    }
    promptChars += request.path("tools").toString().length();
    long prompt = Math.max(8, promptChars / 4);
    long visible = Math.max(1, (reply.isToolCall() ? reply.toolArguments().toString().length() + 20
        : reply.text().length()) / 4);
    String model = request.path("model").asText().toLowerCase(Locale.ROOT);
    boolean reasoningModel = model.matches("o\\d.*") || model.startsWith("gpt-5");
    long reasoning = reasoningModel ? visible * 3 : 0;
    // OpenAI caches repeated prompt prefixes in 64-token steps once a conversation goes on.
    long cached = request.path("messages").size() > 2 ? (prompt / 2) / 64 * 64 : 0;
    ObjectNode usage = JSON.createObjectNode();
    usage.put("prompt_tokens", prompt);
    usage.put("completion_tokens", visible + reasoning);
    usage.put("total_tokens", prompt + visible + reasoning);
    usage.putObject("prompt_tokens_details").put("cached_tokens", cached).put("audio_tokens", 0);
    usage.putObject("completion_tokens_details").put("reasoning_tokens", reasoning).put("audio_tokens", 0)
        .put("accepted_prediction_tokens", 0).put("rejected_prediction_tokens", 0);
    return usage;
  }

  /** The dated snapshot a real provider answers with, so that the demo shows snapshot-to-price matching. */
  static String responseModel(String requested) {
    switch (requested) {
      case "gpt-4o":
        return "gpt-4o-2024-08-06";
      case "gpt-4o-mini":
        return "gpt-4o-mini-2024-07-18";
      case "o4-mini":
        return "o4-mini-2025-04-16";
      default:
        return requested;
    }
  }

  private static String textOf(JsonNode message) {
    JsonNode content = message.path("content");
    if (content.isTextual()) {
      return content.asText();
    }
    if (content.isArray()) {
      StringBuilder sb = new StringBuilder();
      for (JsonNode part : (ArrayNode) content) {
        sb.append(part.path("text").asText(""));
      }
      return sb.toString();
    }
    return "";
  }

  private static String firstClause(String text) {
    String t = text.replaceFirst("(?i)^(please )?(remember|save|capture)( that)?:?\\s*", "");
    int cut = t.indexOf(':');
    return (cut > 0 ? t.substring(0, cut) : t).trim();
  }

  private static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    for (String w : text.split("(?<= )")) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    if (out.isEmpty()) {
      out.add("");
    }
    return out;
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
