// Failures inside the library: the host call is unchanged, every span still ends, one log line per kind of failure.
package dev.aitelemetry.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aitelemetry.core.AiTelemetry;
import dev.aitelemetry.core.GenAiAttributes;
import dev.aitelemetry.langchain4j.LangChain4jTelemetry;
import dev.aitelemetry.mcp.McpTelemetry;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.output.TokenUsage;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each failure is provoked {@value #CALLS} times through real calls (chat over HTTP, MCP tool calls) or direct
 * listener callbacks. The host sees exactly what an uninstrumented call returns, no span stays open, the thread's
 * context is the root again, and the library logs one WARNING per kind of failure, not one per call.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class InternalFailuresTest {
  static final int CALLS = 30;

  private static LocalOpenAi endpoint;
  private static ChatModel plainModel;

  @BeforeAll
  static void start() {
    endpoint = LocalOpenAi.start();
    plainModel = model(List.of());
  }

  @AfterAll
  static void stop() {
    endpoint.close();
  }

  static ChatModel model(List<ChatModelListener> listeners) {
    return OpenAiChatModel.builder().baseUrl(endpoint.baseUrl()).apiKey("sk-test").modelName("gpt-4o-mini")
        .timeout(Duration.ofSeconds(10)).maxRetries(0).listeners(listeners).build();
  }

  static String answer(ChatModel model, int i) {
    ChatResponse r = model.chat(ChatRequest.builder().messages(UserMessage.from("question " + i)).build());
    return r.aiMessage().text() + " " + r.tokenUsage();
  }

  /** Runs the chat calls, compares each with the plain model, checks spans, context and the log. */
  private void chatCalls(String failure, String logKind, Function<AiTelemetry, ChatModel> tracedModel,
      TestSdk otel, AiTelemetry telemetry) {
    try (LogCapture log = LogCapture.library()) {
      ChatModel traced = tracedModel.apply(telemetry);
      for (int i = 0; i < CALLS; i++) {
        assertThat(answer(traced, i)).isEqualTo(answer(plainModel, i));
        assertThat(Context.current()).isSameAs(Context.root());
      }
      assertOutcome(failure, logKind, otel, telemetry, log, CALLS);
    }
  }

  private static void assertOutcome(String failure, String logKind, TestSdk otel, AiTelemetry telemetry,
      LogCapture log, long expectedSpans) {
    List<LogRecord> warnings = log.warnings();
    assertThat(otel.counting.open()).as("open spans after: %s", failure).isEmpty();
    assertThat(otel.counting.started()).isEqualTo(expectedSpans).isEqualTo(otel.counting.ended());
    assertThat(otel.counting.unmatchedEnds()).isZero();
    assertThat(telemetry.internalErrorCount()).as("failures reported").isGreaterThanOrEqualTo(CALLS);
    assertThat(warnings).as("log lines for %d x %s", CALLS, failure).hasSize(1);
    assertThat(warnings.get(0).getMessage()).contains(logKind).contains("instrumented call was not affected");
    Figures.record("InternalFailures", "[" + failure + "] calls/spans started/ended/failures reported/log lines",
        CALLS + "/" + otel.counting.started() + "/" + otel.counting.ended() + "/" + telemetry.internalErrorCount()
            + "/" + warnings.size());
  }

  @Test
  void costModelThatThrows() {
    try (TestSdk otel = TestSdk.create()) {
      AiTelemetry telemetry = AiTelemetry.builder(otel.sdk).pricing((model, usage) -> {
        throw new IllegalStateException("pricing service down");
      }).build();
      chatCalls("CostModel throws", "CostModel.cost",
          t -> model(List.of(LangChain4jTelemetry.create(t).chatModelListener())), otel, telemetry);
      assertThat(otel.spans()).allSatisfy(s -> {
        assertThat(s.getAttributes().get(GenAiAttributes.GEN_AI_USAGE_INPUT_TOKENS)).isPositive();
        assertThat(s.getAttributes().get(GenAiAttributes.GEN_AI_USAGE_COST_AMOUNT)).isNull();
      });
    }
  }

  @Test
  void redactorThatThrows() {
    try (TestSdk otel = TestSdk.create()) {
      AiTelemetry telemetry = AiTelemetry.builder(otel.sdk).captureContent(true).redactor(text -> {
        throw new IllegalStateException("redactor bug");
      }).build();
      chatCalls("Redactor throws (chat)", "Redactor.redact",
          t -> model(List.of(LangChain4jTelemetry.create(t).chatModelListener())), otel, telemetry);
      // and MCP tools, whose arguments and results are content too
      try (PipeMcp traced = PipeMcp.start(List.of(McpTelemetry.create(telemetry).wrap(Workload.lookupTool())));
          PipeMcp plain = PipeMcp.start(List.of(Workload.lookupTool()))) {
        for (int i = 0; i < 10; i++) {
          var request = io.modelcontextprotocol.spec.McpSchema.CallToolRequest.builder("lookup")
              .arguments(Map.of("q", "alice@example.com " + i)).build();
          assertThat(traced.client().callTool(request)).isEqualTo(plain.client().callTool(request));
        }
      }
      // content is dropped, never recorded unredacted
      for (SpanData s : otel.spans()) {
        assertThat(s.getAttributes().get(GenAiAttributes.GEN_AI_INPUT_MESSAGES)).isNull();
        assertThat(s.getAttributes().get(GenAiAttributes.GEN_AI_OUTPUT_MESSAGES)).isNull();
        assertThat(s.getAttributes().get(GenAiAttributes.GEN_AI_TOOL_CALL_ARGUMENTS)).isNull();
        assertThat(s.getAttributes().toString()).doesNotContain("alice@example.com");
      }
      assertThat(otel.spans()).hasSize(CALLS + 10);
    }
  }

  /** A listener registered before ours wipes the per-call attributes map in onResponse. */
  @Test
  void listenerStateRemovedByAnotherListener() {
    ChatModelListener wiper = new ChatModelListener() {
      @Override
      public void onResponse(ChatModelResponseContext context) {
        context.attributes().clear();
      }
    };
    try (TestSdk otel = TestSdk.create()) {
      AiTelemetry telemetry = AiTelemetry.create(otel.sdk);
      chatCalls("another listener removed the span", "ChatModelListener.onResponse",
          t -> model(List.of(wiper, LangChain4jTelemetry.create(t).chatModelListener())), otel, telemetry);
      assertThat(otel.spans()).allSatisfy(s -> assertThat(s.getName()).isEqualTo("chat gpt-4o-mini"));
    }
  }

  @Test
  void onResponseCalledTwice() {
    try (TestSdk otel = TestSdk.create(); LogCapture log = LogCapture.library()) {
      AiTelemetry telemetry = AiTelemetry.create(otel.sdk);
      ChatModelListener listener = LangChain4jTelemetry.create(telemetry).chatModelListener();
      for (int i = 0; i < CALLS; i++) {
        ChatRequest request = ChatRequest.builder().modelName("gpt-4o").messages(UserMessage.from("hi")).build();
        Map<Object, Object> attributes = new ConcurrentHashMap<>();
        listener.onRequest(new ChatModelRequestContext(request, ModelProvider.OPEN_AI, attributes));
        ChatResponse response = ChatResponse.builder().aiMessage(AiMessage.from("hello")).modelName("gpt-4o")
            .tokenUsage(new TokenUsage(3, 1)).build();
        ChatModelResponseContext done =
            new ChatModelResponseContext(response, request, ModelProvider.OPEN_AI, attributes);
        listener.onResponse(done);
        listener.onResponse(done);
      }
      assertOutcome("onResponse called twice", "ChatModelListener.onResponse", otel, telemetry, log, CALLS);
    }
  }

  @Test
  void onErrorWithoutOnRequest() {
    try (TestSdk otel = TestSdk.create(); LogCapture log = LogCapture.library()) {
      AiTelemetry telemetry = AiTelemetry.create(otel.sdk);
      ChatModelListener listener = LangChain4jTelemetry.create(telemetry).chatModelListener();
      for (int i = 0; i < CALLS; i++) {
        ChatRequest request = ChatRequest.builder().messages(UserMessage.from("hi")).build();
        listener.onError(new ChatModelErrorContext(new RuntimeException("boom"), request, ModelProvider.OPEN_AI,
            new ConcurrentHashMap<>()));
      }
      assertOutcome("onError without onRequest", "ChatModelListener.onError", otel, telemetry, log, 0);
    }
  }
}
