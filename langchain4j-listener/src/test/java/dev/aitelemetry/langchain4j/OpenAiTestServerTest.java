package dev.aitelemetry.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.langchain4j.model.output.FinishReason;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The local OpenAI endpoint speaks the wire format real LangChain4j OpenAI models understand. */
class OpenAiTestServerTest {

  @Test
  void aChatCompletionReachesLangChain4jWithCachedAndReasoningTokenDetails() {
    try (OpenAiTestServer server = OpenAiTestServer.start()) {
      server.enqueue(OpenAiTestServer.Reply.text("Hello!").id("chatcmpl-1").usage(20, 9, 5, 4));
      ChatModel model = OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("sk-test")
          .modelName("gpt-4o-mini").build();

      ChatResponse response = model.chat(dev.langchain4j.model.chat.request.ChatRequest.builder()
          .messages(dev.langchain4j.data.message.UserMessage.from("Hi")).build());

      assertThat(response.aiMessage().text()).isEqualTo("Hello!");
      assertThat(response.id()).isEqualTo("chatcmpl-1");
      OpenAiTokenUsage usage = (OpenAiTokenUsage) response.tokenUsage();
      assertThat(usage.inputTokenCount()).isEqualTo(20);
      assertThat(usage.inputTokensDetails().cachedTokens()).isEqualTo(5);
      assertThat(usage.outputTokensDetails().reasoningTokens()).isEqualTo(4);
      assertThat(server.onlyRequest().path()).isEqualTo("/v1/chat/completions");
      assertThat(server.onlyRequest().header("Authorization")).isEqualTo("Bearer sk-test");
      assertThat(server.onlyRequest().json().get("model").asText()).isEqualTo("gpt-4o-mini");
    }
  }

  @Test
  void aToolCallCompletionBecomesAToolExecutionRequest() {
    try (OpenAiTestServer server = OpenAiTestServer.start()) {
      server.enqueue(OpenAiTestServer.Reply.toolCall("call_1", "weather", "{\"city\":\"Oslo\"}"));
      ChatModel model = OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("sk-test")
          .modelName("gpt-4o-mini").build();

      ChatResponse response = model.chat(dev.langchain4j.model.chat.request.ChatRequest.builder()
          .messages(dev.langchain4j.data.message.UserMessage.from("Weather?")).build());

      assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
      assertThat(response.aiMessage().toolExecutionRequests()).singleElement()
          .satisfies(r -> assertThat(r.id()).isEqualTo("call_1"))
          .satisfies(r -> assertThat(r.arguments()).isEqualTo("{\"city\":\"Oslo\"}"));
    }
  }

  @Test
  void aStreamEndsWithTheUsageChunk() throws Exception {
    try (OpenAiTestServer server = OpenAiTestServer.start()) {
      server.enqueue(OpenAiTestServer.Reply.streaming("Hel", "lo"));
      OpenAiStreamingChatModel model = OpenAiStreamingChatModel.builder().baseUrl(server.baseUrl())
          .apiKey("sk-test").modelName("gpt-4o-mini").build();
      CompletableFuture<ChatResponse> done = new CompletableFuture<>();

      model.chat("Hi", new RecordingStreamingHandler(done));

      ChatResponse response = done.get(10, TimeUnit.SECONDS);
      assertThat(response.aiMessage().text()).isEqualTo("Hello");
      assertThat(((OpenAiTokenUsage) response.tokenUsage()).inputTokensDetails().cachedTokens()).isEqualTo(3);
      assertThat(server.onlyRequest().json().at("/stream_options/include_usage").asBoolean()).isTrue();
    }
  }

  @Test
  void anErrorReplyFailsTheCallWithItsStatus() {
    try (OpenAiTestServer server = OpenAiTestServer.start()) {
      server.setFallback(OpenAiTestServer.Reply.error(429, "requests", "Rate limit reached"));
      ChatModel model = OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("sk-test")
          .modelName("gpt-4o-mini").maxRetries(1).build();

      assertThatThrownBy(() -> model.chat("Hi")).isInstanceOf(dev.langchain4j.exception.RateLimitException.class);
      assertThat(server.requests()).hasSize(2);
    }
  }
}
