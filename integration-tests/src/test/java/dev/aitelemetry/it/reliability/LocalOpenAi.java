// A local OpenAI-compatible chat-completions endpoint on 127.0.0.1 (JDK HttpServer), scripted by the prompt.
package dev.aitelemetry.it.reliability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers {@code POST /v1/chat/completions} like OpenAI, with usage. The last user message steers the answer:
 *
 * <ul>
 *   <li>{@code #status=NNN}: an OpenAI-style error with that HTTP status;
 *   <li>{@code #echoauth}: a 401 whose body quotes the request's {@code Authorization} and {@code api-key} headers
 *       (as some gateways do);
 *   <li>{@code #usage=none}: no {@code usage} object; {@code #tokens=IN,OUT}: those values verbatim ({@code null},
 *       negative, huge);
 *   <li>{@code #big=N}: a completion of N characters; {@code #model=NAME}: the response model ({@code null} for
 *       JSON null);
 *   <li>{@code #delay=MS}: the answer only after MS milliseconds (at most 5,000), for client timeouts.
 * </ul>
 *
 * Otherwise the completion is {@code "ok <hash of the prompt>"}, so instrumented and plain calls can be compared.
 * A request with {@code "stream":true} is answered as server-sent events (three chunks, then usage).
 */
public final class LocalOpenAi implements AutoCloseable {
  private static final Pattern CONTENT = Pattern.compile("\"content\"\\s*:\\s*\"((?:[^\"\\\\]++|\\\\.)*+)\"");
  private static final Pattern STATUS = Pattern.compile("#status=(\\d{3})");
  private static final Pattern TOKENS = Pattern.compile("#tokens=([-0-9a-z]+),([-0-9a-z]+)");
  private static final Pattern BIG = Pattern.compile("#big=(\\d+)");
  private static final Pattern MODEL = Pattern.compile("#model=([A-Za-z0-9._/@:-]*)");
  private static final Pattern DELAY = Pattern.compile("#delay=(\\d{1,4})");

  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicInteger requests = new AtomicInteger();
  private final List<Map<String, List<String>>> headers = new CopyOnWriteArrayList<>();
  private final Map<String, Boolean> seen = new ConcurrentHashMap<>();

  private LocalOpenAi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    executor = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "local-openai");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/v1/chat/completions", this::handle);
    server.start();
  }

  public static LocalOpenAi start() {
    try {
      return new LocalOpenAi();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the local OpenAI endpoint", e);
    }
  }

  /** E.g. {@code http://127.0.0.1:PORT/v1}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public int requests() {
    return requests.get();
  }

  /** Request headers as received, for checking that a secret was really sent. */
  public List<Map<String, List<String>>> receivedHeaders() {
    return List.copyOf(headers);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.incrementAndGet();
      if (headers.size() < 1000) {
        headers.add(Map.copyOf(exchange.getRequestHeaders()));
      }
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String prompt = lastContent(body);
      Matcher delay = DELAY.matcher(prompt);
      if (delay.find()) {
        try {
          Thread.sleep(Math.min(5_000, Long.parseLong(delay.group(1))));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      Matcher status = STATUS.matcher(prompt);
      if (prompt.contains("#echoauth")) {
        String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
        String apiKey = String.valueOf(exchange.getRequestHeaders().getFirst("api-key"));
        send(exchange, 401, "application/json", "{\"error\":{\"message\":\"Invalid credentials: Authorization="
            + json(auth) + " api-key=" + json(apiKey) + "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}");
        return;
      }
      if (status.find()) {
        send(exchange, Integer.parseInt(status.group(1)), "application/json",
            "{\"error\":{\"message\":\"scripted failure\",\"type\":\"server_error\",\"code\":null}}");
        return;
      }
      String content;
      Matcher big = BIG.matcher(prompt);
      if (big.find()) {
        content = "x".repeat(Integer.parseInt(big.group(1)));
      } else {
        content = "ok " + Integer.toHexString(prompt.hashCode());
      }
      Matcher m = MODEL.matcher(prompt);
      String model = m.find() ? (m.group(1).equals("null") ? "null" : "\"" + m.group(1) + "\"")
          : "\"gpt-4o-mini-2024-07-18\"";
      String usage;
      Matcher tokens = TOKENS.matcher(prompt);
      if (prompt.contains("#usage=none")) {
        usage = null;
      } else if (tokens.find()) {
        usage = "{\"prompt_tokens\":" + tokens.group(1) + ",\"completion_tokens\":" + tokens.group(2) + "}";
      } else {
        usage = "{\"prompt_tokens\":" + (10 + prompt.length()) + ",\"completion_tokens\":5,\"total_tokens\":"
            + (15 + prompt.length()) + "}";
      }
      if (body.replace(" ", "").contains("\"stream\":true")) {
        stream(exchange, model, content, usage);
      } else {
        send(exchange, 200, "application/json", "{\"id\":\"chatcmpl-" + requests.get()
            + "\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":" + model
            + ",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + json(content)
            + "\"},\"finish_reason\":\"stop\"}]" + (usage == null ? "" : ",\"usage\":" + usage) + "}");
      }
    } catch (RuntimeException e) {
      // a broken script must show up as a failed call, not as a hung one
      try {
        send(exchange, 500, "text/plain", "test server failure: " + e);
      } catch (IOException ignored) {
        // the client went away
      }
    }
  }

  private void stream(HttpExchange exchange, String model, String content, String usage) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    int third = Math.max(1, content.length() / 3);
    for (int i = 0; i < content.length(); i += third) {
      String part = content.substring(i, Math.min(content.length(), i + third));
      event(out, "{\"id\":\"chatcmpl-s\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":"
          + model + ",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"" + json(part)
          + "\"},\"finish_reason\":null}]}");
    }
    event(out, "{\"id\":\"chatcmpl-s\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":"
        + model + ",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
    if (usage != null) {
      event(out, "{\"id\":\"chatcmpl-s\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":"
          + model + ",\"choices\":[],\"usage\":" + usage + "}");
    }
    out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static void event(OutputStream out, String json) throws IOException {
    out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static String lastContent(String body) {
    Matcher m = CONTENT.matcher(body);
    String last = "";
    while (m.find()) {
      last = m.group(1);
    }
    return last;
  }

  static String json(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
