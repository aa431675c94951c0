package dev.aitelemetry.langchain4j;

import static dev.aitelemetry.core.GenAiAttributes.*;
import static dev.aitelemetry.langchain4j.ChatOtel.attr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.aitelemetry.langchain4j.OpenAiTestServer.Reply;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The chat-model listener on a real synchronous {@code OpenAiChatModel} talking HTTP to a local endpoint. */
class ChatModelListenerTest {
  private final OpenAiTestServer server = OpenAiTestServer.start();
  private ChatOtel otel = new ChatOtel();
  private LangChain4jTelemetry lc = LangChain4jTelemetry.builder(otel.telemetry).baseUrl(server.baseUrl()).build();

  @AfterEach
  void close() {
    server.close();
    otel.close();
  }

  private OpenAiChatModel.OpenAiChatModelBuilder model() {
    return OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("sk-test-key").modelName("gpt-4o-mini")
        .listeners(List.of(lc.chatModelListener()));
  }

  private void captureContent() {
    otel.close();
    otel = new ChatOtel(true);
    lc = LangChain4jTelemetry.builder(otel.telemetry).baseUrl(server.baseUrl()).build();
  }

  @Test
  void aCallIsOneClientSpanWithRequestResponseAndUsageAttributes() {
    server.enqueue(Reply.text("Hi there").id("chatcmpl-42").usage(20, 9, 5, 4));
    ChatModel model = model().temperature(0.2).topP(0.9).maxTokens(100).frequencyPenalty(0.5)
        .presencePenalty(0.25).stop(List.of("END")).seed(7).build();

    model.chat("Hello");

    SpanData span = otel.onlySpanNamed("chat gpt-4o-mini");
    assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    Attributes a = span.getAttributes();
    assertThat(a.get(GEN_AI_OPERATION_NAME)).isEqualTo("chat");
    assertThat(a.get(GEN_AI_PROVIDER_NAME)).isEqualTo("openai");
    assertThat(a.get(GEN_AI_REQUEST_MODEL)).isEqualTo("gpt-4o-mini");
    assertThat(a.get(GEN_AI_REQUEST_TEMPERATURE)).isEqualTo(0.2);
    assertThat(a.get(GEN_AI_REQUEST_TOP_P)).isEqualTo(0.9);
    assertThat(a.get(GEN_AI_REQUEST_MAX_TOKENS)).isEqualTo(100L);
    assertThat(a.get(GEN_AI_REQUEST_FREQUENCY_PENALTY)).isEqualTo(0.5);
    assertThat(a.get(GEN_AI_REQUEST_PRESENCE_PENALTY)).isEqualTo(0.25);
    assertThat(a.get(GEN_AI_REQUEST_STOP_SEQUENCES)).containsExactly("END");
    assertThat(a.get(GEN_AI_REQUEST_SEED)).isEqualTo(7L);
    assertThat(a.get(GEN_AI_RESPONSE_ID)).isEqualTo("chatcmpl-42");
    assertThat(a.get(GEN_AI_RESPONSE_MODEL)).isEqualTo("gpt-4o-mini-2024-07-18");
    assertThat(a.get(GEN_AI_RESPONSE_FINISH_REASONS)).containsExactly("stop");
    assertThat(a.get(GEN_AI_USAGE_INPUT_TOKENS)).isEqualTo(20L); // OpenAI's prompt_tokens include cached ones
    assertThat(a.get(GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS)).isEqualTo(5L);
    assertThat(a.get(GEN_AI_USAGE_OUTPUT_TOKENS)).isEqualTo(9L);
    assertThat(a.get(GEN_AI_USAGE_REASONING_OUTPUT_TOKENS)).isEqualTo(4L);
    assertThat(a.get(SERVER_ADDRESS)).isEqualTo("127.0.0.1");
    assertThat(a.get(SERVER_PORT)).isEqualTo((long) server.port());
    assertThat(a.get(GEN_AI_REQUEST_STREAM)).isNull();
    assertThat(a.get(ERROR_TYPE)).isNull();
  }

  @Test
  void unsetRequestParametersAreNotWritten() {
    server.enqueue(Reply.text("ok"));

    model().build().chat("Hello");

    Attributes a = otel.onlySpanNamed("chat gpt-4o-mini").getAttributes();
    assertThat(a.get(GEN_AI_REQUEST_TEMPERATURE)).isNull();
    assertThat(a.get(GEN_AI_REQUEST_TOP_P)).isNull();
    assertThat(a.get(GEN_AI_REQUEST_TOP_K)).isNull();
    assertThat(a.get(GEN_AI_REQUEST_MAX_TOKENS)).isNull();
    assertThat(a.get(GEN_AI_REQUEST_FREQUENCY_PENALTY)).isNull();
    assertThat(a.get(GEN_AI_REQUEST_PRESENCE_PENALTY)).isNull();
    assertThat(a.get(GEN_AI_REQUEST_STOP_SEQUENCES)).isNull();
    assertThat(a.get(GEN_AI_REQUEST_SEED)).isNull();
    assertThat(a.get(GEN_AI_OUTPUT_TYPE)).isNull();
  }

  @Test
  void aJsonResponseFormatIsTheOutputType() {
    server.enqueue(Reply.text("{\"a\":1}"));

    model().build().chat(ChatRequest.builder().messages(UserMessage.from("json please"))
        .parameters(OpenAiChatRequestParameters.builder().responseFormat(ResponseFormat.JSON).build()).build());

    assertThat(attr(otel.onlySpanNamed("chat gpt-4o-mini"), GEN_AI_OUTPUT_TYPE)).isEqualTo("json");
  }

  @Test
  void aPricedModelGetsItsCostOnTheSpanAndInTheCostHistogram() {
    server.enqueue(Reply.text("ok").usage(1_000_000, 1_000_000, 400_000, 0));

    model().build().chat("Hello");

    // 600k uncached x 0.15 + 400k cached x 0.075 + 1M output x 0.60 = 0.09 + 0.03 + 0.60 USD
    SpanData span = otel.onlySpanNamed("chat gpt-4o-mini");
    assertThat(attr(span, GEN_AI_USAGE_COST_AMOUNT)).isCloseTo(0.72, within(1e-9));
    assertThat(attr(span, GEN_AI_USAGE_COST_CURRENCY)).isEqualTo("USD");
    HistogramPointData cost = ChatOtel.points(otel.metric("gen_ai.client.operation.cost")).get(0);
    assertThat(cost.getSum()).isCloseTo(0.72, within(1e-9));
    assertThat(cost.getAttributes().get(GEN_AI_USAGE_COST_CURRENCY)).isEqualTo("USD");
  }

  @Test
  void durationAndTokenMetricsCarryOnlyBoundedLabels() {
    server.enqueue(Reply.text("ok").usage(20, 9, 5, 4));

    model().build().chat("Hello");

    HistogramPointData duration = ChatOtel.points(otel.metric("gen_ai.client.operation.duration")).get(0);
    assertThat(duration.getCount()).isEqualTo(1);
    assertThat(duration.getAttributes().asMap().keySet()).containsExactlyInAnyOrder(
        GEN_AI_OPERATION_NAME, GEN_AI_PROVIDER_NAME, GEN_AI_REQUEST_MODEL, GEN_AI_RESPONSE_MODEL, SERVER_ADDRESS,
        SERVER_PORT);
    List<HistogramPointData> tokens = ChatOtel.points(otel.metric("gen_ai.client.token.usage"));
    assertThat(tokens).hasSize(2);
    assertThat(tokens).anySatisfy(p -> {
      assertThat(p.getAttributes().get(GEN_AI_TOKEN_TYPE)).isEqualTo("input");
      assertThat(p.getSum()).isEqualTo(20);
    });
    assertThat(tokens).anySatisfy(p -> {
      assertThat(p.getAttributes().get(GEN_AI_TOKEN_TYPE)).isEqualTo("output");
      assertThat(p.getSum()).isEqualTo(9);
    });
  }

  @Test
  void rateLimitingIsOneErrorSpanOverAllRetriesWithTheStatusCodeAsErrorType() {
    server.setFallback(Reply.error(429, "requests", "Rate limit reached"));
    ChatModel model = model().maxRetries(2).build();

    assertThatThrownBy(() -> model.chat("Hello")).isInstanceOf(dev.langchain4j.exception.RateLimitException.class);

    assertThat(server.requests()).hasSize(3);
    SpanData span = otel.onlySpanNamed("chat gpt-4o-mini");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(attr(span, ERROR_TYPE)).isEqualTo("429");
    assertThat(span.getEvents()).anySatisfy(e -> assertThat(e.getName()).isEqualTo("exception"));
    HistogramPointData duration = ChatOtel.points(otel.metric("gen_ai.client.operation.duration")).get(0);
    assertThat(duration.getAttributes().get(ERROR_TYPE)).isEqualTo("429");
  }

  @Test
  void aServerErrorThatARetryRecoversIsOneSuccessfulSpan() {
    server.enqueue(Reply.error(500, "server_error", "The server had an error"), Reply.text("recovered"));

    ChatResponse response = model().maxRetries(2).build().chat(ChatRequest.builder()
        .messages(UserMessage.from("Hello")).build());

    assertThat(response.aiMessage().text()).isEqualTo("recovered");
    assertThat(server.requests()).hasSize(2);
    SpanData span = otel.onlySpanNamed("chat gpt-4o-mini");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(attr(span, ERROR_TYPE)).isNull();
  }

  @Test
  void aServerErrorAfterAllRetriesHasErrorType500() {
    server.setFallback(Reply.error(500, "server_error", "The server had an error"));

    assertThatThrownBy(() -> model().maxRetries(1).build().chat("Hello"))
        .isInstanceOf(dev.langchain4j.exception.InternalServerException.class);

    assertThat(attr(otel.onlySpanNamed("chat gpt-4o-mini"), ERROR_TYPE)).isEqualTo("500");
  }

  @Test
  void aTimeoutFailsTheSpanWithTheExceptionClassAsErrorType() {
    server.enqueue(Reply.text("too late").delay(Duration.ofSeconds(5)));
    ChatModel model = model().timeout(Duration.ofMillis(300)).maxRetries(0).build();

    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> model.chat("Hello"));

    SpanData span = otel.onlySpanNamed("chat gpt-4o-mini");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(attr(span, ERROR_TYPE)).isEqualTo(thrown.getClass().getName());
  }

  @Test
  void aToolCallResponseHasFinishReasonToolCall() {
    server.enqueue(Reply.toolCall("call_1", "weather", "{\"city\":\"Oslo\"}"));

    model().build().chat(ChatRequest.builder().messages(UserMessage.from("Weather in Oslo?"))
        .toolSpecifications(weatherTool()).build());

    assertThat(attr(otel.onlySpanNamed("chat gpt-4o-mini"), GEN_AI_RESPONSE_FINISH_REASONS))
        .containsExactly("tool_call");
  }

  @Test
  void contentIsNotRecordedByDefault() {
    server.enqueue(Reply.text("secret answer"));

    model().build().chat(ChatRequest.builder().messages(SystemMessage.from("Be brief"), UserMessage.from("Hi"))
        .toolSpecifications(weatherTool()).build());

    Attributes a = otel.onlySpanNamed("chat gpt-4o-mini").getAttributes();
    assertThat(a.get(GEN_AI_INPUT_MESSAGES)).isNull();
    assertThat(a.get(GEN_AI_OUTPUT_MESSAGES)).isNull();
    assertThat(a.get(GEN_AI_SYSTEM_INSTRUCTIONS)).isNull();
    assertThat(a.get(GEN_AI_TOOL_DEFINITIONS)).isNull();
  }

  @Test
  void capturedContentFollowsTheSemconvMessageSchema() throws Exception {
    captureContent();
    server.enqueue(Reply.toolCall("call_1", "weather", "{\"city\":\"Oslo\"}"));

    model().build().chat(ChatRequest.builder()
        .messages(SystemMessage.from("Be brief"), UserMessage.from("Weather in Oslo?"),
            dev.langchain4j.data.message.AiMessage.from(dev.langchain4j.agent.tool.ToolExecutionRequest.builder()
                .id("call_0").name("weather").arguments("{\"city\":\"Bergen\"}").build()),
            dev.langchain4j.data.message.ToolExecutionResultMessage.from("call_0", "weather", "rain"))
        .toolSpecifications(weatherTool()).build());

    Attributes a = otel.onlySpanNamed("chat gpt-4o-mini").getAttributes();
    assertJson(a.get(GEN_AI_SYSTEM_INSTRUCTIONS), "[{\"type\":\"text\",\"content\":\"Be brief\"}]");
    assertJson(a.get(GEN_AI_INPUT_MESSAGES), "["
        + "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Weather in Oslo?\"}]},"
        + "{\"role\":\"assistant\",\"parts\":[{\"type\":\"tool_call\",\"id\":\"call_0\",\"name\":\"weather\","
        + "\"arguments\":{\"city\":\"Bergen\"}}]},"
        + "{\"role\":\"tool\",\"parts\":[{\"type\":\"tool_call_response\",\"id\":\"call_0\",\"response\":\"rain\"}]}]");
    assertJson(a.get(GEN_AI_OUTPUT_MESSAGES), "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"tool_call\","
        + "\"id\":\"call_1\",\"name\":\"weather\",\"arguments\":{\"city\":\"Oslo\"}}],\"finish_reason\":\"tool_call\"}]");
    assertJson(a.get(GEN_AI_TOOL_DEFINITIONS), "[{\"type\":\"function\",\"name\":\"weather\","
        + "\"description\":\"Current weather\",\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":"
        + "{\"type\":\"string\"}},\"required\":[\"city\"]}}]");
  }

  @Test
  void theApiKeyAppearsInNoExportedAttributeEventOrMetric() {
    captureContent();
    server.enqueue(Reply.text("ok"), Reply.error(401, "invalid_request_error", "Incorrect API key provided"));
    ChatModel model = model().maxRetries(0).customHeaders(lc.traceHeaders()).build();

    model.chat("Hello");
    org.assertj.core.api.Assertions.catchThrowable(() -> model.chat("Hello again"));

    assertThat(server.requests().get(0).header("authorization")).isEqualTo("Bearer sk-test-key");
    assertThat(otel.spans()).hasSize(2);
    StringBuilder exported = new StringBuilder();
    for (SpanData span : otel.spans()) {
      exported.append(span).append(span.getAttributes()).append(span.getEvents());
    }
    otel.collect().forEach(exported::append);
    assertThat(exported.toString()).contains("gpt-4o-mini").doesNotContain("sk-test-key");
  }

  @Test
  void theTraceparentTheEndpointReceivesIsTheChatSpanOnEveryAttempt() {
    server.enqueue(Reply.error(500, "server_error", "boom"), Reply.text("ok"));

    model().maxRetries(1).customHeaders(lc.traceHeaders(Map.of("x-team", "search"))).build().chat("Hello");

    SpanData span = otel.onlySpanNamed("chat gpt-4o-mini");
    String expected = "00-" + span.getTraceId() + "-" + span.getSpanId() + "-"
        + span.getSpanContext().getTraceFlags().asHex();
    assertThat(server.requests()).hasSize(2).allSatisfy(r -> {
      assertThat(r.header("traceparent")).isEqualTo(expected);
      assertThat(r.header("x-team")).isEqualTo("search");
    });
  }

  @Test
  void theChatSpanIsNoLongerCurrentAfterTheCall() {
    server.enqueue(Reply.text("ok"), Reply.error(400, "invalid_request_error", "bad"));
    ChatModel model = model().maxRetries(0).build();

    model.chat("Hello");
    org.assertj.core.api.Assertions.catchThrowable(() -> model.chat("Hello"));

    assertThat(io.opentelemetry.context.Context.current()).isSameAs(io.opentelemetry.context.Context.root());
  }

  @Test
  void callbacksWithoutOnRequestAreReportedNotThrown() {
    ChatRequest request = ChatRequest.builder().messages(UserMessage.from("x")).build();
    Map<Object, Object> attributes = new ConcurrentHashMap<>();
    long before = otel.telemetry.internalErrorCount();

    lc.chatModelListener().onResponse(new ChatModelResponseContext(
        ChatResponse.builder().aiMessage(dev.langchain4j.data.message.AiMessage.from("x")).build(), request,
        ModelProvider.OPEN_AI, attributes));
    lc.chatModelListener().onError(new ChatModelErrorContext(new RuntimeException("x"), request,
        ModelProvider.OPEN_AI, attributes));

    assertThat(otel.telemetry.internalErrorCount()).isEqualTo(before + 2);
    assertThat(otel.spans()).isEmpty();
  }

  private static ToolSpecification weatherTool() {
    return ToolSpecification.builder().name("weather").description("Current weather")
        .parameters(JsonObjectSchema.builder().addStringProperty("city").required("city").build()).build();
  }

  private static void assertJson(String actual, String expected) {
    try {
      assertThat(OpenAiTestServer.JSON.readTree(actual)).isEqualTo(OpenAiTestServer.JSON.readTree(expected));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
