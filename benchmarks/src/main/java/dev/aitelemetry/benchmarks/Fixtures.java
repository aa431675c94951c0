package dev.aitelemetry.benchmarks;

import dev.aitelemetry.cost.ModelPrice;
import dev.aitelemetry.cost.PricingTable;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.langchain4j.model.output.FinishReason;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.atomic.LongAdder;

/** What every benchmark shares: the SDK under test, a realistic chat request/response and pricing tables. */
final class Fixtures {
  static final String SERVER_ADDRESS = "api.openai.com";
  static final int SERVER_PORT = 443;
  static final String REQUEST_MODEL = "gpt-4o";
  static final String RESPONSE_MODEL = "gpt-4o-2024-08-06";

  private Fixtures() {}

  /** An SDK that records everything: always-on sampler, batch processor, discarding exporter, metric reader. */
  static Sdk sdk() {
    DiscardingExporter exporter = new DiscardingExporter();
    SdkTracerProvider tracing = SdkTracerProvider.builder()
        .setSampler(Sampler.alwaysOn())
        .addSpanProcessor(BatchSpanProcessor.builder(exporter)
            .setMaxQueueSize(16_384)
            .setMaxExportBatchSize(512)
            .setScheduleDelay(Duration.ofMillis(50))
            .build())
        .build();
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    SdkMeterProvider metering = SdkMeterProvider.builder().registerMetricReader(reader).build();
    OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
        .setTracerProvider(tracing)
        .setMeterProvider(metering)
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
    return new Sdk(sdk, reader, exporter);
  }

  /** The SDK and what reads its output. */
  record Sdk(OpenTelemetrySdk openTelemetry, InMemoryMetricReader metrics, DiscardingExporter exporter)
      implements AutoCloseable {
    @Override
    public void close() {
      openTelemetry.close();
    }
  }

  /** Counts and drops spans: the cheapest possible exporter, so the benchmark measures instrumentation. */
  static final class DiscardingExporter implements SpanExporter {
    final LongAdder exported = new LongAdder();

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      exported.add(spans.size());
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  /** A chat request as an application sends it: model, two messages and five sampling parameters. */
  static ChatRequest chatRequest() {
    return ChatRequest.builder()
        .modelName(REQUEST_MODEL)
        .messages(SystemMessage.from("You are an SRE assistant. Answer briefly."),
            UserMessage.from("Why is the checkout service returning 503 since 10:02?"))
        .temperature(0.2)
        .topP(0.9)
        .maxOutputTokens(512)
        .frequencyPenalty(0.1)
        .presencePenalty(0.0)
        .build();
  }

  /** The response: id, dated model, finish reason and OpenAI usage with cached and reasoning tokens. */
  static ChatResponse chatResponse() {
    OpenAiTokenUsage usage = OpenAiTokenUsage.builder()
        .inputTokenCount(1200)
        .inputTokensDetails(OpenAiTokenUsage.InputTokensDetails.builder().cachedTokens(1000).build())
        .outputTokenCount(300)
        .outputTokensDetails(OpenAiTokenUsage.OutputTokensDetails.builder().reasoningTokens(120).build())
        .totalTokenCount(1500)
        .build();
    return ChatResponse.builder()
        .aiMessage(AiMessage.from("The payment gateway's connection pool is exhausted; see the 10:01 deploy."))
        .id("chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT")
        .modelName(RESPONSE_MODEL)
        .tokenUsage(usage)
        .finishReason(FinishReason.STOP)
        .build();
  }

  /** Real model keys that the lookup cases resolve to; the rest of a table is synthetic. */
  static final String[] REAL_KEYS = {"gpt-4o", "gpt-4o-mini", "claude-3-5-sonnet", "claude-3-5-haiku",
      "gemini-2.0-flash", "mistral-large-2411", "deepseek-chat", "o3-mini"};

  /** A table of {@code size} models: the real keys above plus synthetic ones, all with cache prices. */
  static PricingTable pricingTable(int size) {
    PricingTable.Builder b = PricingTable.builder();
    for (String key : REAL_KEYS) {
      b.model(key, ModelPrice.perMillionTokens("USD", "2.50", "10.00").cacheRead("1.25"));
    }
    for (int i = REAL_KEYS.length; i < size; i++) {
      b.model("synthetic-model-" + i, ModelPrice.perMillionTokens("USD", "0." + (i % 97 + 1), "1." + (i % 89))
          .cacheRead("0.0" + (i % 9 + 1)));
    }
    return b.build();
  }
}
