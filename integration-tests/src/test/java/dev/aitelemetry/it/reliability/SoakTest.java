// One million listener calls against the in-memory SDK: no per-call retained state, metric labels capped.
package dev.aitelemetry.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aitelemetry.core.AiTelemetry;
import dev.aitelemetry.core.GenAiAttributes;
import dev.aitelemetry.langchain4j.LangChain4jTelemetry;
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
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.metrics.data.MetricData;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Drives the chat-model listener directly (the callbacks LangChain4j makes, without HTTP) {@value #CALLS} times
 * against a real SDK with a metric reader, cycling through {@value #MODELS} distinct model names, one call in a thousand
 * failing. The heap after full GCs at the end must be within {@value #TOLERANCE_MB} MB of the heap after the
 * warm-up: that is under {@value #TOLERANCE_MB} bytes per call, where one retained span, map or Cleaner entry per
 * call would be hundreds. The metric series must stay at the cardinality cap.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SoakTest {
  static final int CALLS = 1_000_000;
  static final int WARMUP = 100_000;
  static final int MODELS = 10_000;
  static final long TOLERANCE_MB = 4;
  static final int CAP = dev.aitelemetry.core.AiTelemetryBuilder.DEFAULT_MAX_DISTINCT_METRIC_VALUES;

  @Test
  void aMillionListenerCallsRetainNothing() throws InterruptedException {
    try (TestSdk otel = TestSdk.countingOnly()) {
      AiTelemetry telemetry = AiTelemetry.create(otel.sdk);
      ChatModelListener listener = LangChain4jTelemetry.create(telemetry).chatModelListener();
      String[] models = new String[MODELS];
      for (int i = 0; i < MODELS; i++) {
        models[i] = "model-" + i;
      }
      RuntimeException failure = new RuntimeException("provider said no");

      long w0 = System.nanoTime();
      calls(listener, models, failure, 0, WARMUP);
      System.out.println("soak warm-up ms " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - w0));
      otel.collectMetrics();
      long g0 = System.nanoTime();
      long warm = usedHeapAfterGc();
      System.out.println("soak gc ms " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - g0));
      long t0 = System.nanoTime();
      calls(listener, models, failure, WARMUP, CALLS);
      long seconds = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      Collection<MetricData> metrics = otel.collectMetrics();
      long end = usedHeapAfterGc();

      assertThat(otel.counting.started()).isEqualTo(CALLS);
      assertThat(otel.counting.ended()).isEqualTo(CALLS);
      assertThat(otel.counting.open()).isEmpty();
      assertThat(telemetry.internalErrorCount()).isZero();
      assertThat(Context.current()).isSameAs(Context.root());

      Set<String> modelLabels = metrics.stream()
          .filter(m -> m.getName().equals("gen_ai.client.operation.duration"))
          .flatMap(m -> m.getHistogramData().getPoints().stream())
          .map(p -> p.getAttributes().get(GenAiAttributes.GEN_AI_REQUEST_MODEL))
          .filter(Objects::nonNull)
          .collect(Collectors.toSet());
      long series = metrics.stream().mapToLong(m -> m.getData().getPoints().size()).sum();
      assertThat(modelLabels).hasSize(CAP + 1).contains("_OTHER");

      long growth = end - warm;
      Figures.record("Soak", "listener calls (after " + WARMUP + " warm-up)", CALLS - WARMUP);
      Figures.record("Soak", "time for the measured calls ms", seconds);
      Figures.record("Soak", "spans started/ended", otel.counting.started() + "/" + otel.counting.ended());
      Figures.record("Soak", "heap after warm-up KiB", warm / 1024);
      Figures.record("Soak", "heap at the end KiB", end / 1024);
      Figures.record("Soak", "heap growth KiB (bytes per call)",
          growth / 1024 + " (" + String.format("%.3f", (double) growth / (CALLS - WARMUP)) + ")");
      Figures.record("Soak", "distinct model names sent / model label values kept", MODELS + " / " + modelLabels.size());
      Figures.record("Soak", "metric points in total (all instruments)", series);
      assertThat(growth).as("heap growth in bytes").isLessThan(TOLERANCE_MB * 1024 * 1024);
    }
  }

  private static void calls(ChatModelListener listener, String[] models, RuntimeException failure, int from,
      int to) {
    ChatResponse.Builder ok = ChatResponse.builder().aiMessage(AiMessage.from("fine"))
        .tokenUsage(new TokenUsage(120, 30));
    for (int i = from; i < to; i++) {
      String model = models[i % models.length];
      ChatRequest request = ChatRequest.builder().modelName(model).messages(UserMessage.from("hi")).build();
      Map<Object, Object> attributes = new ConcurrentHashMap<>();
      listener.onRequest(new ChatModelRequestContext(request, ModelProvider.OPEN_AI, attributes));
      if (i % 1000 == 999) {
        listener.onError(new ChatModelErrorContext(failure, request, ModelProvider.OPEN_AI, attributes));
      } else {
        listener.onResponse(new ChatModelResponseContext(ok.modelName(model).id("r" + (i & 1023)).build(),
            request, ModelProvider.OPEN_AI, attributes));
      }
    }
  }

  /** Used heap after a few full GCs (bounded: five rounds), letting the Cleaner thread run in between. */
  static long usedHeapAfterGc() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(100);
      best = Math.min(best, rt.totalMemory() - rt.freeMemory());
    }
    return best;
  }
}
