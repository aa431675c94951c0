package dev.aitelemetry.langchain4j;

import static dev.aitelemetry.core.GenAiAttributes.*;
import static dev.aitelemetry.langchain4j.ChatOtel.attr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aitelemetry.langchain4j.OpenAiTestServer.Reply;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.UserMessage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** AI services with tools, over a real {@code OpenAiChatModel} and the local endpoint. */
class AiServiceTracingTest {
  interface Assistant {
    String chat(String question);
  }

  interface MemoryAssistant {
    String chat(@MemoryId String conversation, @UserMessage String question);
  }

  /** A tool whose body starts a span of its own, to show that the tool span is current while it runs. */
  final class WeatherTools {
    @Tool("Current weather in a city")
    String weather(String city) {
      Span inner = otel.sdk.getTracer("test").spanBuilder("lookup " + city).startSpan();
      inner.end();
      if (city.equals("Atlantis")) {
        throw new IllegalArgumentException("no such city");
      }
      return "sunny in " + city;
    }
  }

  private final OpenAiTestServer server = OpenAiTestServer.start();
  private ChatOtel otel = new ChatOtel();
  private LangChain4jTelemetry lc = LangChain4jTelemetry.create(otel.telemetry);

  @AfterEach
  void close() {
    server.close();
    otel.close();
  }

  private ChatModel model() {
    return OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("sk-test-key").modelName("gpt-4o-mini")
        .maxRetries(0).listeners(List.of(lc.chatModelListener())).build();
  }

  private Assistant assistant() {
    return lc.instrument(AiServices.builder(Assistant.class)).chatModel(model()).tools(new WeatherTools()).build();
  }

  private void captureContent() {
    otel.close();
    otel = new ChatOtel(true);
    lc = LangChain4jTelemetry.create(otel.telemetry);
  }

  @Test
  void aToolRoundIsInvokeAgentWithChatToolChatAsItsChildrenInOrder() {
    server.enqueue(Reply.toolCall("call_1", "weather", "{\"city\":\"Oslo\"}"), Reply.text("It is sunny."));
    Span request = otel.sdk.getTracer("test").spanBuilder("request").startSpan();

    String answer;
    try (Scope ignored = request.makeCurrent()) {
      answer = assistant().chat("Weather in Oslo?");
    } finally {
      request.end();
    }

    assertThat(answer).isEqualTo("It is sunny.");
    SpanData agent = otel.onlySpanNamed("invoke_agent Assistant");
    assertThat(agent.getKind()).isEqualTo(SpanKind.INTERNAL);
    assertThat(agent.getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId());
    assertThat(attr(agent, GEN_AI_OPERATION_NAME)).isEqualTo("invoke_agent");
    assertThat(attr(agent, GEN_AI_PROVIDER_NAME)).isEqualTo("openai");
    List<SpanData> children = otel.spans().stream()
        .filter(s -> s.getParentSpanId().equals(agent.getSpanId()))
        .sorted(Comparator.comparingLong(SpanData::getStartEpochNanos))
        .collect(Collectors.toList());
    assertThat(children).extracting(SpanData::getName)
        .containsExactly("chat gpt-4o-mini", "execute_tool weather", "chat gpt-4o-mini");
    SpanData firstChat = children.get(0);
    SpanData tool = children.get(1);
    SpanData secondChat = children.get(2);
    assertThat(firstChat.getEndEpochNanos()).isLessThanOrEqualTo(tool.getStartEpochNanos());
    assertThat(tool.getEndEpochNanos()).isLessThanOrEqualTo(secondChat.getStartEpochNanos());
    assertThat(attr(firstChat, GEN_AI_RESPONSE_FINISH_REASONS)).containsExactly("tool_call");
    assertThat(agent.getEndEpochNanos()).isGreaterThanOrEqualTo(secondChat.getEndEpochNanos());
  }

  @Test
  void theToolSpanCoversTheRealToolBodyAndCarriesItsIdentity() {
    server.enqueue(Reply.toolCall("call_1", "weather", "{\"city\":\"Oslo\"}"), Reply.text("It is sunny."));

    assistant().chat("Weather in Oslo?");

    SpanData tool = otel.onlySpanNamed("execute_tool weather");
    SpanData body = otel.onlySpanNamed("lookup Oslo");
    assertThat(tool.getKind()).isEqualTo(SpanKind.INTERNAL);
    assertThat(attr(tool, GEN_AI_OPERATION_NAME)).isEqualTo("execute_tool");
    assertThat(attr(tool, GEN_AI_TOOL_NAME)).isEqualTo("weather");
    assertThat(attr(tool, GEN_AI_TOOL_CALL_ID)).isEqualTo("call_1");
    assertThat(attr(tool, GEN_AI_TOOL_TYPE)).isEqualTo("function");
    assertThat(tool.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    // a real interval around the body (not a zero-length span stamped after the fact)
    assertThat(body.getParentSpanId()).isEqualTo(tool.getSpanId());
    assertThat(tool.getStartEpochNanos()).isLessThanOrEqualTo(body.getStartEpochNanos());
    assertThat(tool.getEndEpochNanos()).isGreaterThanOrEqualTo(body.getEndEpochNanos())
        .isGreaterThan(tool.getStartEpochNanos());
    assertThat(attr(tool, GEN_AI_TOOL_CALL_ARGUMENTS)).isNull(); // opt-in
    assertThat(attr(tool, GEN_AI_TOOL_CALL_RESULT)).isNull();
    assertThat(Context.current()).isSameAs(Context.root());
  }

  @Test
  void toolArgumentsAndResultAreRecordedWhenContentCaptureIsOn() {
    captureContent();
    server.enqueue(Reply.toolCall("call_1", "weather", "{\"city\":\"Oslo\"}"), Reply.text("It is sunny."));

    assistant().chat("Weather in Oslo?");

    SpanData tool = otel.onlySpanNamed("execute_tool weather");
    assertThat(attr(tool, GEN_AI_TOOL_CALL_ARGUMENTS)).isEqualTo("{\"city\":\"Oslo\"}");
    assertThat(attr(tool, GEN_AI_TOOL_CALL_RESULT)).isEqualTo("sunny in Oslo");
  }

  @Test
  void aFailingToolMarksItsSpanErrorWhileTheServiceGoesOn() {
    server.enqueue(Reply.toolCall("call_1", "weather", "{\"city\":\"Atlantis\"}"), Reply.text("Unknown city."));

    assertThat(assistant().chat("Weather in Atlantis?")).isEqualTo("Unknown city.");

    SpanData tool = otel.onlySpanNamed("execute_tool weather");
    assertThat(tool.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(attr(tool, ERROR_TYPE)).isEqualTo("tool_error");
    assertThat(otel.onlySpanNamed("invoke_agent Assistant").getStatus().getStatusCode())
        .isEqualTo(StatusCode.UNSET);
  }

  @Test
  void toolDurationsGoToTheExecuteToolHistogram() {
    server.enqueue(Reply.toolCall("call_1", "weather", "{\"city\":\"Oslo\"}"), Reply.text("It is sunny."));

    assistant().chat("Weather in Oslo?");

    HistogramPointData point = ChatOtel.points(otel.metric("gen_ai.execute_tool.duration")).get(0);
    assertThat(point.getCount()).isEqualTo(1);
    assertThat(point.getAttributes().get(GEN_AI_TOOL_NAME)).isEqualTo("weather");
  }

  @Test
  void theAgentSpanSharesTheLibrarysInstrumentationScopeAndVersion() {
    server.enqueue(Reply.text("Hello."));

    assistant().chat("Hi");

    var scope = otel.onlySpanNamed("invoke_agent Assistant").getInstrumentationScopeInfo();
    var chatScope = otel.onlySpanNamed("chat gpt-4o-mini").getInstrumentationScopeInfo();
    assertThat(scope).isEqualTo(chatScope);
    assertThat(scope.getVersion()).isNotNull();
  }

  @Test
  void aiServiceToolsDoNotCountAsMcpToolInvocations() {
    server.enqueue(Reply.toolCall("call_1", "weather", "{\"city\":\"Oslo\"}"), Reply.text("It is sunny."));

    assistant().chat("Weather in Oslo?");

    // The MCP server behind such a tool counts the invocation; counting here too would count it twice.
    assertThat(otel.collect().stream().map(m -> m.getName())).doesNotContain("mcp.tool.invocations")
        .contains("gen_ai.execute_tool.duration");
  }

  @Test
  void theMemoryIdIsTheConversationIdOfTheAgentAndItsChatSpans() {
    server.enqueue(Reply.text("Hello Ada."));
    MemoryAssistant assistant = lc.instrument(AiServices.builder(MemoryAssistant.class)).chatModel(model())
        .chatMemoryProvider(id -> MessageWindowChatMemory.withMaxMessages(10)).build();

    assistant.chat("conversation-7", "Hi, I am Ada");

    assertThat(attr(otel.onlySpanNamed("invoke_agent MemoryAssistant"), GEN_AI_CONVERSATION_ID))
        .isEqualTo("conversation-7");
    assertThat(attr(otel.onlySpanNamed("chat gpt-4o-mini"), GEN_AI_CONVERSATION_ID)).isEqualTo("conversation-7");
  }

  @Test
  void withoutAMemoryIdThereIsNoConversationId() {
    server.enqueue(Reply.text("Hi."));

    assistant().chat("Hi");

    assertThat(attr(otel.onlySpanNamed("invoke_agent Assistant"), GEN_AI_CONVERSATION_ID)).isNull();
    assertThat(attr(otel.onlySpanNamed("chat gpt-4o-mini"), GEN_AI_CONVERSATION_ID)).isNull();
  }

  @Test
  void aFailedModelCallFailsTheChatSpanAndTheAgentSpan() {
    server.setFallback(Reply.error(500, "server_error", "boom"));

    assertThatThrownBy(() -> assistant().chat("Hi")).isInstanceOf(RuntimeException.class);

    SpanData agent = otel.onlySpanNamed("invoke_agent Assistant");
    SpanData chat = otel.onlySpanNamed("chat gpt-4o-mini");
    assertThat(chat.getParentSpanId()).isEqualTo(agent.getSpanId());
    assertThat(attr(chat, ERROR_TYPE)).isEqualTo("500");
    assertThat(agent.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(attr(agent, ERROR_TYPE)).isEqualTo("500");
    assertThat(Context.current()).isSameAs(Context.root());
  }

  @Test
  void aKeyQuotedInTheProvidersErrorIsRedactedOnTheAgentSpanAsOnTheChatSpan() {
    String leaked = "sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";
    server.setFallback(Reply.error(401, "invalid_request_error", "Incorrect API key provided: " + leaked));

    assertThatThrownBy(() -> assistant().chat("Hi")).isInstanceOf(RuntimeException.class);

    SpanData agent = otel.onlySpanNamed("invoke_agent Assistant");
    SpanData chat = otel.onlySpanNamed("chat gpt-4o-mini");
    assertThat(attr(agent, ERROR_TYPE)).isEqualTo("401");
    assertThat(agent.getEvents()).extracting(e -> e.getName()).containsExactly("exception");
    for (SpanData span : List.of(agent, chat)) {
      assertThat(span.getStatus().getDescription()).contains("Incorrect API key").doesNotContain(leaked);
      assertThat(span.getEvents().get(0).getAttributes().asMap().values().toString())
          .contains("Incorrect API key").doesNotContain(leaked);
    }
  }

  @Test
  void anArgumentErrorThatLangChain4jRethrowsStillEndsTheToolSpanAndLeavesNoScope() {
    server.enqueue(Reply.toolCall("call_1", "weather", "not json"));

    assertThatThrownBy(() -> assistant().chat("Weather?")).isInstanceOf(RuntimeException.class);

    SpanData tool = otel.onlySpanNamed("execute_tool weather");
    assertThat(tool.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(otel.onlySpanNamed("invoke_agent Assistant").getStatus().getStatusCode())
        .isEqualTo(StatusCode.ERROR);
    assertThat(Context.current()).isSameAs(Context.root());
  }
}
