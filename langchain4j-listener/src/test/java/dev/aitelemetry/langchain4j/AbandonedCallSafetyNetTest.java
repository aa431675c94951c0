package dev.aitelemetry.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aitelemetry.core.AiTelemetry;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The abandoned-call Cleaner watches each call's attributes map. A call that ends normally must never be taken for
 * abandoned, even when a GC runs while it is ending and its map has no further use in the compiled code.
 */
class AbandonedCallSafetyNetTest {
  /** Enough calls for the JIT to compile the listener, after which liveness ends at a reference's last use. */
  private static final int WARMUP = 150_000;
  private static final int CALLS = 150_000;

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void aCallThatEndsWhileGcRunsIsNeverEndedAsAbandoned() throws InterruptedException {
    try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().build()).build()) {
      AiTelemetry telemetry = AiTelemetry.create(sdk);
      ChatModelListener listener = LangChain4jTelemetry.create(telemetry).chatModelListener();
      ChatResponse response = ChatResponse.builder().aiMessage(AiMessage.from("fine"))
          .tokenUsage(new TokenUsage(120, 30)).modelName("gpt-4o-mini").build();
      RuntimeException failure = new RuntimeException("provider said no");
      calls(listener, response, failure, WARMUP);
      AtomicBoolean done = new AtomicBoolean();
      Thread collector = new Thread(() -> {
        while (!done.get()) {
          System.gc(); // many collections during the calls below
          try {
            Thread.sleep(1);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "gc-pressure");
      collector.setDaemon(true);
      collector.start();
      try {
        calls(listener, response, failure, CALLS);
      } finally {
        done.set(true);
        collector.join(TimeUnit.SECONDS.toMillis(30));
      }
      // Let the cleaner thread process whatever the last collections found.
      System.gc();
      Thread.sleep(200);
      assertThat(telemetry.internalErrorCount()).as("calls taken for abandoned").isZero();
    }
  }

  @Test
  @Timeout(value = 1, unit = TimeUnit.MINUTES)
  void anAbandonedCallIsEndedWhenItsContextIsCollectedAndItsThreadKeepsNothingOfIt() throws InterruptedException {
    try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().build()).build()) {
      AiTelemetry telemetry = AiTelemetry.create(sdk);
      ChatModelListener listener = LangChain4jTelemetry.create(telemetry).chatModelListener();
      WeakReference<Object> call = startAndAbandonACall(listener);

      // This thread lives on; only the Cleaner can end the call, and nothing may keep it reachable afterwards.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (call.get() != null && System.nanoTime() < deadline) {
        System.gc();
        Thread.sleep(50);
      }
      assertThat(call.get()).as("the abandoned call, still reachable after 30 s of GCs").isNull();
      assertThat(telemetry.internalErrorCount()).as("the abandoned call reported").isEqualTo(1);
    }
  }

  /** Starts a call on this thread whose onResponse/onError never comes; returns a weak handle on its state. */
  private static WeakReference<Object> startAndAbandonACall(ChatModelListener listener) {
    ChatRequest request = ChatRequest.builder().modelName("gpt-4o-mini").messages(UserMessage.from("hi")).build();
    Map<Object, Object> attributes = new ConcurrentHashMap<>();
    listener.onRequest(new ChatModelRequestContext(request, ModelProvider.OPEN_AI, attributes));
    Object state = attributes.values().stream().filter(v -> v instanceof ChatCall).findFirst().orElseThrow();
    return new WeakReference<>(state);
  }

  private static void calls(ChatModelListener listener, ChatResponse response, RuntimeException failure, int n) {
    for (int i = 0; i < n; i++) {
      ChatRequest request = ChatRequest.builder().modelName("gpt-4o-mini").messages(UserMessage.from("hi")).build();
      Map<Object, Object> attributes = new ConcurrentHashMap<>();
      listener.onRequest(new ChatModelRequestContext(request, ModelProvider.OPEN_AI, attributes));
      if (i % 2 == 0) {
        listener.onResponse(new ChatModelResponseContext(response, request, ModelProvider.OPEN_AI, attributes));
      } else {
        listener.onError(new ChatModelErrorContext(failure, request, ModelProvider.OPEN_AI, attributes));
      }
    }
  }
}
