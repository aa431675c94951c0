package dev.aitelemetry.langchain4j;

import static dev.aitelemetry.core.GenAiAttributes.ERROR_TYPE;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_REQUEST_TOP_K;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_REQUEST_TOP_K_INT;
import static dev.aitelemetry.langchain4j.ChatOtel.attr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.aitelemetry.core.AiTelemetry;
import dev.aitelemetry.cost.CostModel;
import dev.aitelemetry.langchain4j.OpenAiTestServer.Reply;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code gen_ai.request.top_k} from the {@code topK} of LangChain4j's {@link
 * dev.langchain4j.model.chat.request.ChatRequestParameters}: a double as semconv v1.41 says, an int under {@code
 * gen_ai_latest_experimental}. Anthropic sends {@code top_k} on the wire; LangChain4j's OpenAI model refuses it
 * before sending anything.
 */
class TopKTest {
  private static final String ANTHROPIC_REPLY = """
      {"id": "msg_test_1", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5-20250929",
       "content": [{"type": "text", "text": "ok"}], "stop_reason": "end_turn", "stop_sequence": null,
       "usage": {"input_tokens": 11, "output_tokens": 7}}""";

  private final OpenAiTestServer server = OpenAiTestServer.start();
  private final ChatOtel otel = new ChatOtel();

  @AfterEach
  void close() {
    server.close();
    otel.close();
  }

  /** The listener on an explicit semconv choice, whatever OTEL_SEMCONV_STABILITY_OPT_IN says in the build. */
  private LangChain4jTelemetry listener(boolean latestExperimentalSemconv) {
    AiTelemetry telemetry = AiTelemetry.builder(otel.sdk).pricing(CostModel.none())
        .latestExperimentalSemconv(latestExperimentalSemconv).build();
    return LangChain4jTelemetry.create(telemetry);
  }

  private ChatModel anthropic(LangChain4jTelemetry lc) {
    return AnthropicChatModel.builder().baseUrl(server.baseUrl()).apiKey("sk-ant-test").modelName("claude-sonnet-4-5")
        .maxTokens(100).maxRetries(0).listeners(List.of(lc.chatModelListener())).build();
  }

  private static ChatRequest askWithTopK(int topK) {
    return ChatRequest.builder().messages(UserMessage.from("Hello"))
        .parameters(DefaultChatRequestParameters.builder().topK(topK).build()).build();
  }

  @Test
  void topKFromTheRequestParametersIsADoubleAsSemconv141Says() {
    server.enqueue(Reply.json(ANTHROPIC_REPLY));

    anthropic(listener(false)).chat(askWithTopK(40));

    SpanData chat = otel.onlySpanNamed("chat claude-sonnet-4-5");
    assertThat(attr(chat, GEN_AI_REQUEST_TOP_K)).isEqualTo(40.0);
    assertThat(attr(chat, GEN_AI_REQUEST_TOP_K_INT)).isNull(); // the same name is never also written as an int
    assertThat(attr(chat, ERROR_TYPE)).isNull();
    assertThat(server.onlyRequest().json().get("top_k").asInt()).isEqualTo(40); // what the provider was asked
  }

  @Test
  void topKIsAnIntUnderTheLatestExperimentalConventions() {
    server.enqueue(Reply.json(ANTHROPIC_REPLY));

    anthropic(listener(true)).chat(askWithTopK(40));

    SpanData chat = otel.onlySpanNamed("chat claude-sonnet-4-5");
    assertThat(attr(chat, GEN_AI_REQUEST_TOP_K_INT)).isEqualTo(40L);
    assertThat(attr(chat, GEN_AI_REQUEST_TOP_K)).isNull();
    assertThat(server.onlyRequest().json().get("top_k").asInt()).isEqualTo(40);
  }

  @Test
  void openAiRefusesTopKBeforeSendingAndTheChatSpanRecordsTheTopKAndTheRefusal() {
    LangChain4jTelemetry lc = listener(false);
    ChatModel model = OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("sk-test-key")
        .modelName("gpt-4o-mini").maxRetries(0).listeners(List.of(lc.chatModelListener())).build();

    Throwable thrown = catchThrowable(() -> model.chat(askWithTopK(40)));

    assertThat(thrown).isInstanceOf(UnsupportedFeatureException.class).hasMessageContaining("topK");
    SpanData chat = otel.onlySpanNamed("chat gpt-4o-mini");
    assertThat(attr(chat, GEN_AI_REQUEST_TOP_K)).isEqualTo(40.0);
    assertThat(attr(chat, ERROR_TYPE)).isEqualTo(UnsupportedFeatureException.class.getName());
    assertThat(server.requests()).isEmpty();
  }
}
