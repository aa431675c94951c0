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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Many threads sharing one listener and one model: per-call state never leaks between calls or threads. */
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
}
