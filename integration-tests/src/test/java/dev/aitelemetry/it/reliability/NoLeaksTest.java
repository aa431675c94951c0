// 10,000 mixed calls on 8 threads: every span started is ended exactly once, every thread ends on the root context.
package dev.aitelemetry.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aitelemetry.core.AiTelemetry;
import dev.aitelemetry.core.GenAiAttributes;
import dev.aitelemetry.core.LlmCall;
import dev.aitelemetry.cost.TokenUsage;
import dev.aitelemetry.langchain4j.LangChain4jTelemetry;
import dev.aitelemetry.mcp.McpTelemetry;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Mono;

/**
 * The issue's mix of outcomes, {@value #CALLS} calls in all on {@value #THREADS} threads, against the real SDK:
 * chat over HTTP (success, provider error, client timeout), streaming over HTTP completing on the HTTP client's thread, MCP
 * tools over a real client and server ({@code isError}), MCP handlers that throw a {@code RuntimeException} or an
 * {@code Error}, an async MCP handler cut by a timeout, an async tool cancelled by its caller, memory searches and
 * hand-written LLM calls. Every outcome reaches the caller as without instrumentation.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class NoLeaksTest {
  static final int CALLS = 10_000;
  static final int THREADS = 8;
  static final int KINDS = 10;

  @Test
  void tenThousandMixedCallsLeaveNoOpenSpanAndNoContext() throws Exception {
    try (TestSdk otel = TestSdk.countingOnly(); LocalOpenAi endpoint = LocalOpenAi.start()) {
      AiTelemetry telemetry = AiTelemetry.create(otel.sdk);
      LangChain4jTelemetry lc = LangChain4jTelemetry.builder(telemetry).baseUrl(endpoint.baseUrl()).build();
      McpTelemetry mcp = McpTelemetry.create(telemetry);
      ChatModel chat = OpenAiChatModel.builder().baseUrl(endpoint.baseUrl()).apiKey("sk-test")
          .modelName("gpt-4o-mini").timeout(Duration.ofSeconds(10)).maxRetries(0)
          .listeners(List.of(lc.chatModelListener())).customHeaders(lc.traceHeaders()).build();
      // The same model with a 50 ms client timeout, for calls the endpoint answers only after 300 ms.
      ChatModel impatient = OpenAiChatModel.builder().baseUrl(endpoint.baseUrl()).apiKey("sk-test")
          .modelName("gpt-4o-mini").timeout(Duration.ofMillis(50)).maxRetries(0)
          .listeners(List.of(lc.chatModelListener())).customHeaders(lc.traceHeaders()).build();
      StreamingChatModel streaming = lc.wrap(OpenAiStreamingChatModel.builder().baseUrl(endpoint.baseUrl())
          .apiKey("sk-test").modelName("gpt-4o-mini").timeout(Duration.ofSeconds(10))
          .listeners(List.of(lc.chatModelListener())).customHeaders(lc.traceHeaders()).build());
      McpSchema.Tool tool = McpSchema.Tool.builder("boom", Map.of("type", "object")).build();
      var throwsRuntime = mcp.wrap(McpServerFeatures.SyncToolSpecification.builder().tool(tool)
          .callHandler((ex, req) -> {
            throw new IllegalStateException("tool failed");
          }).build()).callHandler();
      var throwsError = mcp.wrap(McpServerFeatures.SyncToolSpecification.builder().tool(tool)
          .callHandler((ex, req) -> {
            throw new AssertionError("tool hit an Error");
          }).build()).callHandler();
      var neverAnswers = mcp.wrap(McpServerFeatures.AsyncToolSpecification.builder().tool(tool)
          .callHandler((ex, req) -> Mono.<CallToolResult>never()).build()).callHandler();
      var store = lc.wrap(Workload.filledStore(), "kb");
      var plainStore = Workload.filledStore();

      LongAdder[] outcomes = new LongAdder[KINDS];
      for (int k = 0; k < KINDS; k++) {
        outcomes[k] = new LongAdder();
      }
      LongAdder timeouts = new LongAdder();
      Map<String, Long> contextLeaks = new ConcurrentHashMap<>();
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      long t0 = System.nanoTime();
      try (PipeMcp server = PipeMcp.start(List.of(mcp.wrap(Workload.lookupTool())))) {
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < THREADS; w++) {
          int worker = w;
          futures.add(pool.submit(() -> {
            for (int i = worker; i < CALLS; i += THREADS) {
              int kind = i % KINDS;
              switch (kind) {
                case 0:
                  assertThat(chat.chat(ChatRequest.builder().messages(UserMessage.from("hello " + i)).build())
                      .aiMessage().text()).startsWith("ok ");
                  break;
                case 1: {
                  int n = i;
                  if (i % 100 == 1) { // one in ten provider failures is a client timeout instead
                    assertThatThrownBy(() -> impatient.chat("slow #delay=300 " + n))
                        .isInstanceOf(dev.langchain4j.exception.TimeoutException.class);
                    timeouts.increment();
                  } else {
                    assertThatThrownBy(() -> chat.chat("fail #status=500 " + n))
                        .isInstanceOf(dev.langchain4j.exception.InternalServerException.class);
                  }
                  break;
                }
                case 2: {
                  CallToolResult r = server.client().callTool(CallToolRequest.builder("lookup")
                      .arguments(Map.of("q", (i % 20 == 2 ? "err" : "q") + i)).build());
                  assertThat(r.isError()).isEqualTo(i % 20 == 2);
                  break;
                }
                case 3:
                  assertThatThrownBy(() -> throwsRuntime.apply(null, CallToolRequest.builder("boom").build()))
                      .isInstanceOf(IllegalStateException.class).hasMessage("tool failed");
                  break;
                case 4:
                  assertThatThrownBy(() -> throwsError.apply(null, CallToolRequest.builder("boom").build()))
                      .isInstanceOf(AssertionError.class).hasMessage("tool hit an Error");
                  break;
                case 5:
                  assertThatThrownBy(() -> neverAnswers.apply(null, CallToolRequest.builder("boom").build())
                      .timeout(Duration.ofMillis(2)).block(Duration.ofSeconds(10)))
                      .hasCauseInstanceOf(java.util.concurrent.TimeoutException.class);
                  break;
                case 6: {
                  CompletableFuture<String> never = new CompletableFuture<>();
                  CompletableFuture<String> f = telemetry.callToolAsync("slow_tool", () -> never);
                  assertThat(f.cancel(true)).isTrue();
                  break;
                }
                case 7:
                  assertThat(stream(streaming, "stream " + i)).startsWith("ok ");
                  break;
                case 8:
                  assertThat(search(store, i)).isEqualTo(search(plainStore, i));
                  break;
                default:
                  try (LlmCall call = telemetry.traceLlmCall("openai", "gpt-4o")) {
                    call.setUsage(TokenUsage.of(100, 20));
                  }
              }
              outcomes[kind].increment();
              if (Context.current() != Context.root()) {
                contextLeaks.merge("kind " + kind, 1L, Long::sum);
              }
            }
            return null;
          }));
        }
        for (Future<?> f : futures) {
          f.get(150, TimeUnit.SECONDS);
        }
        // every pool thread, afterwards: each runs exactly one of these (the barrier holds them together)
        CyclicBarrier barrier = new CyclicBarrier(THREADS);
        List<Future<Boolean>> checks = new ArrayList<>();
        for (int w = 0; w < THREADS; w++) {
          checks.add(pool.submit(() -> {
            barrier.await(10, TimeUnit.SECONDS);
            return Context.current() == Context.root();
          }));
        }
        for (Future<Boolean> c : checks) {
          assertThat(c.get(20, TimeUnit.SECONDS)).as("root context on a pool thread").isTrue();
        }
      } finally {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
      }
      long millis = (System.nanoTime() - t0) / 1_000_000;
      // Streaming spans end on the HTTP client's thread right after the handler saw the response: wait briefly.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (otel.counting.ended() < otel.counting.started() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(contextLeaks).as("calls after which the calling thread's context was not the root").isEmpty();
      assertThat(Context.current()).isSameAs(Context.root());
      assertThat(otel.counting.open()).as("spans started and never ended").isEmpty();
      assertThat(otel.counting.ended()).isEqualTo(otel.counting.started());
      assertThat(otel.counting.unmatchedEnds()).as("spans ended twice").isZero();
      // at least one span per call (MCP client calls have a server span; chat calls one chat span)
      assertThat(otel.counting.started()).isGreaterThanOrEqualTo(CALLS);
      assertThat(telemetry.internalErrorCount()).as("library failures").isZero();
      StringBuilder mix = new StringBuilder();
      for (int k = 0; k < KINDS; k++) {
        mix.append(k == 0 ? "" : "/").append(outcomes[k].sum());
      }
      Figures.record("NoLeaks", "calls on " + THREADS + " threads", CALLS);
      assertThat(timeouts.sum()).isEqualTo(CALLS / 100);
      Figures.record("NoLeaks", "of the chat provider failures, client timeouts (50 ms against a 300 ms answer)",
          timeouts.sum());
      Figures.record("NoLeaks", "calls per kind (chat ok/chat 500/MCP tool (isError every 2nd)/MCP RuntimeException"
          + "/MCP Error/MCP async timeout/async cancel/streaming/memory search/hand-written LLM call)", mix);
      Figures.record("NoLeaks", "spans started/ended/open/ended twice", otel.counting.started() + "/"
          + otel.counting.ended() + "/" + otel.counting.open().size() + "/" + otel.counting.unmatchedEnds());
      Figures.record("NoLeaks", "threads not on the root context afterwards", contextLeaks.size());
      Figures.record("NoLeaks", "wall time ms", millis);
    }
  }

  private static String stream(StreamingChatModel model, String prompt) throws Exception {
    CompletableFuture<String> done = new CompletableFuture<>();
    model.chat(prompt, new StreamingChatResponseHandler() {
      @Override
      public void onPartialResponse(String partialResponse) {}

      @Override
      public void onCompleteResponse(ChatResponse response) {
        done.complete(response.aiMessage().text());
      }

      @Override
      public void onError(Throwable error) {
        done.completeExceptionally(error);
      }
    });
    return done.get(20, TimeUnit.SECONDS);
  }

  private static String search(dev.langchain4j.store.embedding.EmbeddingStore<dev.langchain4j.data.segment.TextSegment>
      store, int i) {
    return store.search(dev.langchain4j.store.embedding.EmbeddingSearchRequest.builder()
            .queryEmbedding(Workload.vector(i)).maxResults(2).build()).matches().stream()
        .map(m -> m.embeddingId() + "@" + m.score()).reduce("", String::concat);
  }

  /**
   * LangChain4j 1.19's {@code ChatModel.chat} catches {@code Exception} only: an {@code Error} from inside {@code
   * doChat} (here from the header supplier, which runs there on the calling thread) reaches the caller unchanged but
   * calls neither {@code onResponse} nor {@code onError}. The bound the library promises: the span is ended with
   * {@code error.type=_OTHER} once the call's listener context is garbage-collected. What it cannot promise: the
   * calling thread's context (the listener's scope stays open there); that thread is discarded here.
   */
  @Test
  void errorThrownInsideTheHttpLayerEndsTheSpanOnceTheCallIsCollected() throws Exception {
    try (TestSdk otel = TestSdk.create(); LocalOpenAi endpoint = LocalOpenAi.start()) {
      AiTelemetry telemetry = AiTelemetry.create(otel.sdk);
      LangChain4jTelemetry lc = LangChain4jTelemetry.create(telemetry);
      AssertionError thrown = new AssertionError("the HTTP layer hit an Error");
      ChatModel chat = OpenAiChatModel.builder().baseUrl(endpoint.baseUrl()).apiKey("sk-test")
          .modelName("gpt-4o-mini").timeout(Duration.ofSeconds(10)).maxRetries(0)
          .listeners(List.of(lc.chatModelListener()))
          .customHeaders(() -> {
            throw thrown;
          }).build();
      AtomicReference<Throwable> seen = new AtomicReference<>();
      AtomicReference<Boolean> rootAfter = new AtomicReference<>();
      Thread caller = new Thread(() -> {
        try {
          chat.chat("hello");
        } catch (Throwable t) {
          seen.set(t);
        }
        rootAfter.set(Context.current() == Context.root());
      }, "caller-that-sees-an-Error");
      caller.start();
      caller.join(30_000);
      assertThat(seen.get()).as("the Error reaches the caller unchanged").isSameAs(thrown);
      assertThat(otel.counting.started()).isEqualTo(1);
      int gcs = 0;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (otel.counting.ended() < 1 && System.nanoTime() < deadline) {
        System.gc();
        gcs++;
        Thread.sleep(100);
      }
      assertThat(otel.counting.open()).as("span still open after %d GCs", gcs).isEmpty();
      SpanData span = otel.spans().get(0);
      assertThat(span.getAttributes().get(GenAiAttributes.ERROR_TYPE)).isEqualTo("_OTHER");
      Figures.record("NoLeaks", "Error inside doChat: span ended with _OTHER after GCs", gcs);
      Figures.record("NoLeaks", "Error inside doChat: calling thread back on the root context", rootAfter.get());
    }
  }
}
