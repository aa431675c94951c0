package dev.aitelemetry.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aitelemetry.langchain4j.OpenAiTestServer.Reply;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Many threads sharing one listener and one model: per-call state never leaks between calls or threads, whether
 * the model is used as built (no scope) or through {@code lc.wrap(ChatModel)} (the chat span current during the
 * HTTP call).
 */
class ConcurrentChatCallsTest {
  private static final int CALLS = 50;
  private static final int THREADS = 8;

  @Test
  void fiftyConcurrentCallsGiveFiftySpansUnderTheirOwnParentsAndLeaveNoContextBehind() throws Exception {
    try (OpenAiTestServer server = OpenAiTestServer.start(); ChatOtel otel = new ChatOtel()) {
      server.setFallback(Reply.text("ok"));
      LangChain4jTelemetry lc = LangChain4jTelemetry.create(otel.telemetry);
      ChatModel model = OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("sk-test-key")
          .modelName("gpt-4o-mini").listeners(List.of(lc.chatModelListener()))
          .customHeaders(lc.traceHeaders()).build();
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        List<Future<SpanContext>> parents = askConcurrently(pool, otel, model);
        Map<String, SpanContext> parentsById = new java.util.HashMap<>();
        for (Future<SpanContext> f : parents) {
          SpanContext p = f.get(30, TimeUnit.SECONDS);
          parentsById.put(p.getSpanId(), p);
        }

        List<SpanData> chats = otel.spansNamed("chat gpt-4o-mini");
        assertThat(chats).hasSize(CALLS);
        assertThat(chats.stream().map(SpanData::getSpanId).distinct()).hasSize(CALLS);
        Map<String, SpanData> chatByParent = chats.stream()
            .collect(Collectors.toMap(SpanData::getParentSpanId, Function.identity()));
        assertThat(chatByParent.keySet()).isEqualTo(parentsById.keySet()); // one chat under each parent
        chats.forEach(c -> assertThat(c.getTraceId())
            .isEqualTo(parentsById.get(c.getParentSpanId()).getTraceId()));
        // and each request went out with its own chat span as traceparent
        assertThat(server.requests()).hasSize(CALLS);
        assertThat(server.requests().stream().map(r -> r.header("traceparent").substring(36, 52)))
            .containsExactlyInAnyOrderElementsOf(chats.stream().map(SpanData::getSpanId).toList());

        // every pool thread runs one probe at the same time (barrier), and each finds the root context
        CyclicBarrier barrier = new CyclicBarrier(THREADS);
        List<Future<Context>> probes = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
          probes.add(pool.submit(() -> {
            barrier.await(10, TimeUnit.SECONDS);
            return Context.current();
          }));
        }
        for (Future<Context> probe : probes) {
          assertThat(probe.get(10, TimeUnit.SECONDS)).isSameAs(Context.root());
        }
        assertThat(otel.telemetry.internalErrorCount()).isZero();
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void fiftyConcurrentWrappedCallsEachMakeTheirOwnChatSpanCurrentAndLeaveNoContextOnAnyPoolThread()
      throws Exception {
    try (OpenAiTestServer server = OpenAiTestServer.start(); ChatOtel otel = new ChatOtel()) {
      server.setFallback(Reply.text("ok"));
      LangChain4jTelemetry lc = LangChain4jTelemetry.create(otel.telemetry);
      Supplier<Map<String, String>> traceHeaders = lc.traceHeaders();
      // the span current on the calling thread while LangChain4j builds the HTTP request (inside doChat)
      Set<String> currentDuringHttp = ConcurrentHashMap.newKeySet();
      ChatModel model = lc.wrap(OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("sk-test-key")
          .modelName("gpt-4o-mini").maxRetries(0).listeners(List.of(lc.chatModelListener()))
          .customHeaders(() -> {
            currentDuringHttp.add(Span.current().getSpanContext().getSpanId());
            return traceHeaders.get();
          }).build());
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        List<Future<SpanContext>> parents = askConcurrently(pool, otel, model);
        Map<String, SpanContext> parentByQuestion = new HashMap<>();
        for (int i = 0; i < CALLS; i++) {
          parentByQuestion.put("Question " + i, parents.get(i).get(30, TimeUnit.SECONDS));
        }

        List<SpanData> chats = otel.spansNamed("chat gpt-4o-mini");
        assertThat(chats).hasSize(CALLS);
        Map<String, SpanData> chatById = chats.stream()
            .collect(Collectors.toMap(SpanData::getSpanId, Function.identity()));
        assertThat(chatById).hasSize(CALLS);
        assertThat(chats.stream().map(SpanData::getParentSpanId).distinct()).hasSize(CALLS);
        // during each HTTP call its own chat span was current (never the caller's span, never another call's)
        assertThat(currentDuringHttp).isEqualTo(chatById.keySet());
        // each request carried its own chat span, and that chat span is a child of the span that asked it
        assertThat(server.requests()).hasSize(CALLS);
        for (OpenAiTestServer.RecordedRequest request : server.requests()) {
          String question = request.json().get("messages").get(0).get("content").asText();
          SpanContext parent = parentByQuestion.get(question);
          String traceparent = request.header("traceparent");
          SpanData chat = chatById.get(traceparent.substring(36, 52));
          assertThat(chat).as(question).isNotNull();
          assertThat(traceparent).as(question).isEqualTo(
              "00-" + chat.getTraceId() + "-" + chat.getSpanId() + "-" + chat.getSpanContext().getTraceFlags().asHex());
          assertThat(chat.getParentSpanId()).as(question).isEqualTo(parent.getSpanId());
          assertThat(chat.getTraceId()).as(question).isEqualTo(parent.getTraceId());
        }

        // every pool thread runs one probe at the same time (barrier), and each finds the root context
        CyclicBarrier barrier = new CyclicBarrier(THREADS);
        List<Future<Context>> probes = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
          probes.add(pool.submit(() -> {
            barrier.await(10, TimeUnit.SECONDS);
            return Context.current();
          }));
        }
        for (Future<Context> probe : probes) {
          assertThat(probe.get(10, TimeUnit.SECONDS)).isSameAs(Context.root());
        }
        assertThat(Context.current()).isSameAs(Context.root());
        assertThat(otel.telemetry.internalErrorCount()).isZero();
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /** {@value #CALLS} questions on the pool, each under a parent span of its own; returns those parents. */
  private static List<Future<SpanContext>> askConcurrently(ExecutorService pool, ChatOtel otel, ChatModel model) {
    List<Future<SpanContext>> parents = new ArrayList<>();
    for (int i = 0; i < CALLS; i++) {
      int n = i;
      parents.add(pool.submit(() -> {
        Span parent = otel.sdk.getTracer("test").spanBuilder("request " + n).setNoParent().startSpan();
        try (Scope ignored = parent.makeCurrent()) {
          model.chat("Question " + n);
        } finally {
          parent.end();
        }
        return parent.getSpanContext();
      }));
    }
    return parents;
  }
}
