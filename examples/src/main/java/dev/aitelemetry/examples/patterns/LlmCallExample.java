// Example of the guide's LLM-call scope: a hand-written OpenAI HTTP client call traced with tokens and cost.
package dev.aitelemetry.examples.patterns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aitelemetry.core.AiTelemetry;
import dev.aitelemetry.core.AiTelemetrySetup;
import dev.aitelemetry.core.LlmCall;
import dev.aitelemetry.cost.Cost;
import dev.aitelemetry.cost.TokenUsage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Mirrors the Python guide's {@code trace_llm_call(provider, model)} context manager, for code that talks to a
 * model's HTTP API itself instead of through a framework.
 *
 * <p>{@link AiTelemetry#traceLlmCall} opens span {@code chat gpt-4o} (CLIENT) around the request. From the response
 * the code sets {@code gen_ai.response.model}, id, finish reasons and a {@link TokenUsage}; when the scope closes,
 * the call is priced from the response model ({@code gpt-4o-2024-08-06} matches {@code gpt-4o}) and the span gets
 * {@code gen_ai.usage.cost} and the {@code gen_ai.usage.cost.*} attributes, and {@code gen_ai.client.token.usage}
 * and {@code gen_ai.client.operation.cost} get a point. {@link LlmCall#cost()} hands the same cost to the caller. An
 * HTTP error is recorded with its status code as {@code error.type}.
 *
 * <p>Without {@code OPENAI_API_KEY} it talks to a stand-in endpoint on 127.0.0.1; with it, to {@code
 * OPENAI_BASE_URL} (default {@code https://api.openai.com/v1}). Run it, exporting over OTLP to {@code
 * OTEL_EXPORTER_OTLP_ENDPOINT} (or the guide's {@code OTLP_ENDPOINT}):
 *
 * <pre>
 * mvn -q -B -pl examples -am package -DskipTests
 * java -cp 'examples/target/aitelemetry-demo.jar:examples/target/lib/*' dev.aitelemetry.examples.patterns.LlmCallExample
 * </pre>
 */
public final class LlmCallExample {
  static final String PROVIDER = "openai";
  static final String MODEL = "gpt-4o";
  static final String QUESTION = "checkout-api reports 'connection pool exhausted'. What should I change?";

  private static final ObjectMapper JSON = new ObjectMapper();

  private LlmCallExample() {}

  /** The model's answer and what it cost, when the model is priced. */
  public record Answer(String text, Optional<Cost> cost) {}

  public static void main(String[] args) throws IOException, InterruptedException {
    String apiKey = System.getenv("OPENAI_API_KEY");
    try (AiTelemetrySetup setup = AiTelemetrySetup.init("patterns-llm-call")) {
      Answer answer;
      if (apiKey == null || apiKey.isBlank()) {
        try (LocalOpenAiEndpoint endpoint = LocalOpenAiEndpoint.start()) {
          answer = ask(setup.telemetry(), httpClient(), endpoint.baseUrl(), "unused", QUESTION);
        }
      } else {
        String baseUrl = System.getenv().getOrDefault("OPENAI_BASE_URL", "https://api.openai.com/v1");
        answer = ask(setup.telemetry(), httpClient(), URI.create(baseUrl), apiKey, QUESTION);
      }
      System.out.println("answer: " + answer.text());
      System.out.println("cost: " + answer.cost().map(c -> c.amount().toPlainString() + " " + c.currency())
          .orElse("unknown (model not in the pricing table)"));
    }
  }

  /** Runs the example against the stand-in endpoint: one successful call. */
  public static Answer run(AiTelemetry telemetry) throws IOException, InterruptedException {
    try (LocalOpenAiEndpoint endpoint = LocalOpenAiEndpoint.start()) {
      return ask(telemetry, httpClient(), endpoint.baseUrl(), "unused", QUESTION);
    }
  }

  static HttpClient httpClient() {
    return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** One chat completion, the way a hand-written client does it, inside the guide's LLM-call scope. */
  public static Answer ask(AiTelemetry telemetry, HttpClient http, URI baseUrl, String apiKey, String question)
      throws IOException, InterruptedException {
    ObjectNode body = JSON.createObjectNode().put("model", MODEL);
    body.putArray("messages").addObject().put("role", "user").put("content", question);
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/chat/completions"))
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json")
        // The key travels only in this header; nothing here copies headers onto the span.
        .header("Authorization", "Bearer " + apiKey)
        .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
        .build();

    try (LlmCall call = telemetry.traceLlmCall(PROVIDER, MODEL)) {
      // The catches sit inside the try-with-resources on purpose: an outer catch would run after close(), when the
      // span has already ended as a success.
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          throw new HttpStatusException(response.statusCode());
        }
        JsonNode json = JSON.readTree(response.body());
        call.setResponseModel(json.path("model").asText(null));
        call.setResponseId(json.path("id").asText(null));
        JsonNode choice = json.path("choices").path(0);
        call.setFinishReasons(List.of(choice.path("finish_reason").asText("stop")));
        JsonNode usage = json.path("usage");
        // OpenAI's prompt_tokens already include the cached ones, and completion_tokens the reasoning ones: the
        // meaning TokenUsage has, so the numbers go in unchanged.
        call.setUsage(new TokenUsage(
            usage.path("prompt_tokens").asLong(),
            usage.path("completion_tokens").asLong(),
            usage.path("prompt_tokens_details").path("cached_tokens").asLong(),
            0,
            usage.path("completion_tokens_details").path("reasoning_tokens").asLong()));
        return new Answer(choice.path("message").path("content").asText(), call.cost());
      } catch (HttpStatusException e) {
        // The status code rather than the class name: it is what an alert on error.type wants to tell apart.
        call.recordException(e, Integer.toString(e.status()));
        throw e;
      } catch (IOException | InterruptedException | RuntimeException e) {
        call.recordException(e);
        throw e;
      }
    }
  }

  /** The API answered with a status other than 200. */
  public static final class HttpStatusException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;

    HttpStatusException(int status) {
      super("chat completion failed with HTTP " + status);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }
}
