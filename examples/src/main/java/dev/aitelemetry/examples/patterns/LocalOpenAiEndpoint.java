// A stand-in for the OpenAI chat-completions API on 127.0.0.1, so that the LLM-call examples run offline.
package dev.aitelemetry.examples.patterns;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * Answers {@code POST /v1/chat/completions} with an OpenAI-shaped body, fixed usage included (1200 prompt tokens of
 * which 1000 cached, 300 completion tokens), or with an error status when asked to. Real HTTP on loopback, so the
 * example's client code is exactly what it would be against OpenAI.
 */
final class LocalOpenAiEndpoint implements AutoCloseable {
  static final String RESPONSE_MODEL = "gpt-4o-2024-08-06";
  static final String RESPONSE_ID = "chatcmpl-local-1";
  static final String ANSWER = "Raise the connection pool of checkout-api from 10 to 40.";
  static final long PROMPT_TOKENS = 1200;
  static final long CACHED_TOKENS = 1000;
  static final long COMPLETION_TOKENS = 300;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final int status;

  private LocalOpenAiEndpoint(int status) throws IOException {
    this.status = status;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/chat/completions", this::handle);
    server.start();
  }

  /** An endpoint that answers every request successfully. */
  static LocalOpenAiEndpoint start() throws IOException {
    return new LocalOpenAiEndpoint(200);
  }

  /** An endpoint that answers every request with {@code status} and an OpenAI-shaped error body. */
  static LocalOpenAiEndpoint failingWith(int status) throws IOException {
    return new LocalOpenAiEndpoint(status);
  }

  /** The base URL a client appends {@code /chat/completions} to, as with {@code https://api.openai.com/v1}. */
  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      try (InputStream in = exchange.getRequestBody()) {
        in.readAllBytes(); // a client may wait for its body to be consumed before it reads the answer
      }
      ObjectNode body = status == 200 ? completion() : error();
      byte[] bytes = JSON.writeValueAsBytes(body);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static ObjectNode completion() {
    ObjectNode body = JSON.createObjectNode()
        .put("id", RESPONSE_ID)
        .put("object", "chat.completion")
        .put("model", RESPONSE_MODEL);
    ObjectNode choice = body.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
    choice.putObject("message").put("role", "assistant").put("content", ANSWER);
    ObjectNode usage = body.putObject("usage")
        .put("prompt_tokens", PROMPT_TOKENS)
        .put("completion_tokens", COMPLETION_TOKENS)
        .put("total_tokens", PROMPT_TOKENS + COMPLETION_TOKENS);
    usage.putObject("prompt_tokens_details").put("cached_tokens", CACHED_TOKENS);
    usage.putObject("completion_tokens_details").put("reasoning_tokens", 0);
    return body;
  }

  private ObjectNode error() {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("error").put("message", "stand-in endpoint answers " + status).put("type", "requests");
    return body;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
