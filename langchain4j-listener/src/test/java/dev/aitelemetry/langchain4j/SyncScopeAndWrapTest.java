package dev.aitelemetry.langchain4j;

import static dev.aitelemetry.core.GenAiAttributes.*;
import static dev.aitelemetry.langchain4j.ChatOtel.attr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.aitelemetry.langchain4j.OpenAiTestServer.Reply;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which span is current during a synchronous call (only with {@code lc.wrap(ChatModel)}), which span {@code
 * traceHeaders()} sends (always the chat span), {@code gen_ai.request.stream} of an unwrapped streaming model, and
 * {@link TracedChatModel}'s delegation.
 */
class SyncScopeAndWrapTest {
  private final OpenAiTestServer server = OpenAiTestServer.start();
  private final ChatOtel otel = new ChatOtel();
  private final LangChain4jTelemetry lc = LangChain4jTelemetry.create(otel.telemetry);

  @AfterEach
  void close() {
    server.close();
    otel.close();
  }

  /** Headers that also record the span current while LangChain4j evaluates them (inside doChat). */
  private Supplier<Map<String, String>> recordingHeaders(List<SpanContext> currentDuringDoChat) {
    Supplier<Map<String, String>> trace = lc.traceHeaders();
    return () -> {
      currentDuringDoChat.add(Span.current().getSpanContext());
      return trace.get();
    };
  }

  private static String traceparent(SpanData span) {
    return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getSpanContext().getTraceFlags().asHex();
  }

  @Test
  void unwrappedSyncModelOpensNoScopeButTheTraceparentIsStillTheChatSpan() {
    server.enqueue(Reply.text("ok"));
    List<SpanContext> current = new CopyOnWriteArrayList<>();
    ChatModel model = OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("sk-test-key")
        .modelName("gpt-4o-mini").listeners(List.of(lc.chatModelListener()))
        .customHeaders(recordingHeaders(current)).build();
    Span parent = otel.sdk.getTracer("test").spanBuilder("request").startSpan();

    try (Scope ignored = parent.makeCurrent()) {
      model.chat("Hello");
    } finally {
      parent.end();
    }

    SpanData chat = otel.onlySpanNamed("chat gpt-4o-mini");
    assertThat(chat.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
    assertThat(current).isNotEmpty().allSatisfy(c -> assertThat(c).isEqualTo(parent.getSpanContext()));
    assertThat(server.onlyRequest().header("traceparent")).isEqualTo(traceparent(chat));
    assertThat(attr(chat, GEN_AI_REQUEST_STREAM)).isNull();
    assertThat(Context.current()).isSameAs(Context.root());
    assertThat(otel.telemetry.internalErrorCount()).isZero();
  }

  @Test
  void wrappedSyncModelMakesTheChatSpanCurrentDuringDoChat() {
    server.enqueue(Reply.text("ok"), Reply.error(400, "invalid_request_error", "bad"));
    List<SpanContext> current = new CopyOnWriteArrayList<>();
    ChatModel model = lc.wrap(OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("sk-test-key")
        .modelName("gpt-4o-mini").maxRetries(0).listeners(List.of(lc.chatModelListener()))
        .customHeaders(recordingHeaders(current)).build());

    assertThat(model.chat("Hello")).isEqualTo("ok");
    catchThrowable(() -> model.chat("Hello again"));

    List<SpanData> chats = otel.spansNamed("chat gpt-4o-mini");
    assertThat(chats).hasSize(2);
    // LangChain4j may evaluate the headers more than once per request: each time, the chat span was current
    assertThat(current.stream().map(SpanContext::getSpanId).distinct())
        .containsExactly(chats.get(0).getSpanId(), chats.get(1).getSpanId());
    for (int i = 0; i < 2; i++) {
      SpanData chat = chats.get(i);
      assertThat(server.requests().get(i).header("traceparent")).isEqualTo(traceparent(chat));
      assertThat(attr(chat, GEN_AI_REQUEST_STREAM)).isNull();
    }
    assertThat(attr(chats.get(1), ERROR_TYPE)).isEqualTo("400");
    assertThat(Context.current()).isSameAs(Context.root());
    assertThat(otel.telemetry.internalErrorCount()).isZero();
  }

  @Test
  void wrappedSyncCallWithAnErrorInsideDoChatIsEndedAtOnceAndLeavesNoScope() {
    AssertionError thrown = new AssertionError("the HTTP layer hit an Error");
    ChatModel model = lc.wrap(OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("sk-test-key")
        .modelName("gpt-4o-mini").maxRetries(0).listeners(List.of(lc.chatModelListener()))
        .customHeaders(() -> {
          throw thrown;
        }).build());

    assertThat(catchThrowable(() -> model.chat("Hello"))).isSameAs(thrown);

    SpanData chat = otel.onlySpanNamed("chat gpt-4o-mini"); // ended by the decorator, not by a GC
    assertThat(attr(chat, ERROR_TYPE)).isEqualTo("_OTHER");
    assertThat(Context.current()).isSameAs(Context.root());
  }

  @Test
  void unwrappedStreamingModelGetsStreamTrueAtTheEndAndSendsTheChatSpan() throws Exception {
    server.enqueue(Reply.streaming("Hel", "lo"));
    List<SpanContext> current = new CopyOnWriteArrayList<>();
    OpenAiStreamingChatModel model = OpenAiStreamingChatModel.builder().baseUrl(server.baseUrl())
        .apiKey("sk-test-key").modelName("gpt-4o-mini").listeners(List.of(lc.chatModelListener()))
        .customHeaders(recordingHeaders(current)).build();
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    RecordingStreamingHandler handler = new RecordingStreamingHandler(done);

    model.chat("Hi", handler);
    done.get(10, TimeUnit.SECONDS);

    assertThat(handler.completionThread).isNotSameAs(Thread.currentThread());
    SpanData chat = otel.awaitSpans(s -> s.getName().equals("chat gpt-4o-mini"), 1).get(0);
    assertThat(attr(chat, GEN_AI_REQUEST_STREAM)).isTrue();
    assertThat(current).isNotEmpty().allSatisfy(c -> assertThat(c.isValid()).isFalse()); // no scope
    assertThat(server.onlyRequest().header("traceparent")).isEqualTo(traceparent(chat));
    assertThat(Context.current()).isSameAs(Context.root());
  }

  @Test
  void traceHeadersIgnoreAChatCallThatHasEnded() {
    server.enqueue(Reply.text("ok"));
    ChatModel model = OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("sk-test-key")
        .modelName("gpt-4o-mini").listeners(List.of(lc.chatModelListener())).build();
    model.chat("Hello");
    Span other = otel.sdk.getTracer("test").spanBuilder("other").startSpan();

    Map<String, String> headers;
    try (Scope ignored = other.makeCurrent()) {
      headers = lc.traceHeaders().get();
    } finally {
      other.end();
    }

    assertThat(headers.get("traceparent")).contains(other.getSpanContext().getSpanId());
  }

  // ------------------------------------------------------------------ delegation

  /** Records every call it receives. */
  private static final class Stub implements ChatModel {
    final List<String> calls = new ArrayList<>();
    final List<Map<Object, Object>> listenerAttributes = new ArrayList<>();
    final ChatRequestParameters parameters = DefaultChatRequestParameters.builder().temperature(0.3).build();
    final ChatResponse response = ChatResponse.builder().aiMessage(AiMessage.from("answer")).build();
    final ChatModelListener listener = new ChatModelListener() {
      @Override
      public void onRequest(ChatModelRequestContext context) {
        listenerAttributes.add(Map.copyOf(context.attributes()));
      }
    };

    @Override
    public ChatResponse doChat(ChatRequest request) {
      calls.add("doChat");
      return response;
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
      calls.add("defaultRequestParameters");
      return parameters;
    }

    @Override
    public List<ChatModelListener> listeners() {
      return List.of(listener);
    }

    @Override
    public ModelProvider provider() {
      calls.add("provider");
      return ModelProvider.OPEN_AI;
    }

    @Override
    public Set<Capability> supportedCapabilities() {
      calls.add("supportedCapabilities");
      return Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
    }
  }

  @Test
  void theDecoratorForwardsEveryMethodToTheDelegate() {
    Stub stub = new Stub();
    ChatModel wrapped = lc.wrap(stub);
    ChatRequest request = ChatRequest.builder().messages(UserMessage.from("q")).build();

    assertThat(wrapped.defaultRequestParameters()).isSameAs(stub.parameters);
    assertThat(wrapped.provider()).isEqualTo(ModelProvider.OPEN_AI);
    assertThat(wrapped.supportedCapabilities()).containsExactly(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
    assertThat(wrapped.doChat(request)).isSameAs(stub.response);
    assertThat(stub.calls).containsExactly("defaultRequestParameters", "provider", "supportedCapabilities", "doChat");
    // the delegate's listeners run inside the delegate's chat; the decorator has none of its own
    assertThat(wrapped.listeners()).isEmpty();

    stub.calls.clear();
    assertThat(wrapped.chat(request)).isSameAs(stub.response);
    assertThat(wrapped.chat("q")).isEqualTo("answer");
    assertThat(wrapped.chat(UserMessage.from("q"), UserMessage.from("r"))).isSameAs(stub.response);
    assertThat(wrapped.chat(List.<ChatMessage>of(UserMessage.from("q")))).isSameAs(stub.response);
    Object mine = new Object();
    assertThat(wrapped.chat(request, ChatRequestOptions.builder().addListenerAttribute("mine", mine).build()))
        .isSameAs(stub.response);

    // every chat went through the delegate's own chat (listeners, then doChat), marked for the listener
    assertThat(stub.calls.stream().filter("doChat"::equals)).hasSize(5);
    assertThat(stub.listenerAttributes).hasSize(5)
        .allSatisfy(a -> assertThat(a.get(TracedChatModel.MARKER_KEY)).isInstanceOf(TracedChatModel.Marker.class));
    assertThat(stub.listenerAttributes.get(4)).containsEntry("mine", mine);
    assertThat(otel.telemetry.internalErrorCount()).isZero();
  }

  @Test
  void everyChatModelMethodIsOverridden() throws Exception {
    for (Method m : ChatModel.class.getMethods()) {
      if (Modifier.isStatic(m.getModifiers())) {
        continue;
      }
      Method own = TracedChatModel.class.getMethod(m.getName(), m.getParameterTypes());
      assertThat(own.getDeclaringClass()).as(m.toString()).isEqualTo(TracedChatModel.class);
    }
  }
}
