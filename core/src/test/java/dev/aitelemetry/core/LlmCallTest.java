package dev.aitelemetry.core;

import static dev.aitelemetry.core.GenAiAttributes.*;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.equalTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aitelemetry.cost.Cost;
import dev.aitelemetry.cost.CostModel;
import dev.aitelemetry.cost.CostPart;
import dev.aitelemetry.cost.TokenUsage;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LlmCallTest {
  /** Prices only "gpt-4o" at 2.50 / 10.00 USD per million, like the bundled table, without depending on it. */
  static final CostModel GPT_4O_ONLY = (model, usage) -> {
    if (!model.startsWith("gpt-4o") || model.startsWith("gpt-4o-mini")) {
      return Optional.empty();
    }
    BigDecimal in = BigDecimal.valueOf(usage.inputTokens()).multiply(new BigDecimal("2.50"))
        .divide(BigDecimal.valueOf(1_000_000));
    BigDecimal out = BigDecimal.valueOf(usage.outputTokens()).multiply(new BigDecimal("10.00"))
        .divide(BigDecimal.valueOf(1_000_000));
    return Optional.of(new Cost(in.add(out), "USD", "gpt-4o", Map.of(CostPart.INPUT, in, CostPart.OUTPUT, out)));
  };

  final TestTelemetry otel = new TestTelemetry();

  @AfterEach
  void close() {
    otel.close();
  }

  AiTelemetry telemetry() {
    return otel.builder().pricing(GPT_4O_ONLY).build();
  }

  @Test
  void chatSpanIsNamedOperationThenModelAndIsAClientSpan() {
    telemetry().llmCall("openai", "gpt-4o").start().end();

    assertThat(otel.onlySpan()).hasName("chat gpt-4o").hasKind(SpanKind.CLIENT)
        .hasAttributesSatisfyingExactly(
            equalTo(GEN_AI_OPERATION_NAME, "chat"),
            equalTo(GEN_AI_PROVIDER_NAME, "openai"),
            equalTo(GEN_AI_REQUEST_MODEL, "gpt-4o"));
  }

  @Test
  void spanWithoutModelIsNamedAfterTheOperationAlone() {
    telemetry().llmCall("openai", null).start().end();

    assertThat(otel.onlySpan()).hasName("chat");
  }

  @Test
  void samplingRelevantAttributesAreVisibleToTheSamplerAtStart() {
    RecordingSampler sampler = new RecordingSampler();
    try (TestTelemetry sampled = new TestTelemetry(b -> b.setSampler(sampler))) {
      AiTelemetry telemetry = sampled.builder().build();
      telemetry.llmCall("openai", "gpt-4o").server("api.openai.com", 443).start().end();
    }

    assertThat(sampler.seen).containsEntry(GEN_AI_OPERATION_NAME, "chat")
        .containsEntry(GEN_AI_PROVIDER_NAME, "openai")
        .containsEntry(GEN_AI_REQUEST_MODEL, "gpt-4o")
        .containsEntry(SERVER_ADDRESS, "api.openai.com")
        .containsEntry(SERVER_PORT, 443L);
  }

  @Test
  void requestParametersAreRecordedWithTheirSemconvTypes() {
    telemetry().llmCall("openai", "gpt-4o")
        .temperature(0.2).topP(0.9).topK(40).maxTokens(256).frequencyPenalty(0.1).presencePenalty(0.3)
        .stopSequences(List.of("END")).seed(7).choiceCount(2).outputType("json").streaming(true)
        .conversationId("conv-1")
        .start().end();

    assertThat(otel.onlySpan()).hasAttributesSatisfying(
        equalTo(GEN_AI_REQUEST_TEMPERATURE, 0.2),
        equalTo(GEN_AI_REQUEST_TOP_P, 0.9),
        equalTo(GEN_AI_REQUEST_TOP_K, 40.0),
        equalTo(GEN_AI_REQUEST_MAX_TOKENS, 256L),
        equalTo(GEN_AI_REQUEST_FREQUENCY_PENALTY, 0.1),
        equalTo(GEN_AI_REQUEST_PRESENCE_PENALTY, 0.3),
        equalTo(GEN_AI_REQUEST_STOP_SEQUENCES, List.of("END")),
        equalTo(GEN_AI_REQUEST_SEED, 7L),
        equalTo(GEN_AI_REQUEST_CHOICE_COUNT, 2L),
        equalTo(GEN_AI_OUTPUT_TYPE, "json"),
        equalTo(GEN_AI_REQUEST_STREAM, true),
        equalTo(GEN_AI_CONVERSATION_ID, "conv-1"));
  }

  @Test
  void unsetRequestParametersAreAbsentNotZero() {
    telemetry().llmCall("openai", "gpt-4o")
        .temperature(null).topP(null).topK(null).maxTokens(null).seed(null).choiceCount(1).stopSequences(List.of())
        .start().end();

    Attributes attributes = otel.onlySpan().getAttributes();
    assertThat(attributes.get(GEN_AI_REQUEST_TEMPERATURE)).isNull();
    assertThat(attributes.get(GEN_AI_REQUEST_TOP_P)).isNull();
    assertThat(attributes.get(GEN_AI_REQUEST_TOP_K)).isNull();
    assertThat(attributes.get(GEN_AI_REQUEST_MAX_TOKENS)).isNull();
    assertThat(attributes.get(GEN_AI_REQUEST_SEED)).isNull();
    assertThat(attributes.get(GEN_AI_REQUEST_CHOICE_COUNT)).isNull();
    assertThat(attributes.get(GEN_AI_REQUEST_STOP_SEQUENCES)).isNull();
  }

  @Test
  void responseAttributesAreRecorded() {
    LlmCall call = telemetry().llmCall("openai", "gpt-4o").start();
    call.setResponseId("chatcmpl-1");
    call.setResponseModel("gpt-4o-2024-08-06");
    call.setFinishReasons(List.of("stop", "length"));
    call.end();

    assertThat(otel.onlySpan()).hasAttributesSatisfying(
        equalTo(GEN_AI_RESPONSE_ID, "chatcmpl-1"),
        equalTo(GEN_AI_RESPONSE_MODEL, "gpt-4o-2024-08-06"),
        equalTo(GEN_AI_RESPONSE_FINISH_REASONS, List.of("stop", "length")));
  }

  @Test
  void usageSetsAllTokenAttributesIncludingCacheAndReasoning() {
    LlmCall call = telemetry().llmCall("openai", "o3").start();
    call.setUsage(new TokenUsage(1200, 300, 1000, 50, 120));
    call.end();

    assertThat(otel.onlySpan()).hasAttributesSatisfying(
        equalTo(GEN_AI_USAGE_INPUT_TOKENS, 1200L),
        equalTo(GEN_AI_USAGE_OUTPUT_TOKENS, 300L),
        equalTo(GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, 1000L),
        equalTo(GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS, 50L),
        equalTo(GEN_AI_USAGE_REASONING_OUTPUT_TOKENS, 120L));
  }

  @Test
  void zeroCacheAndReasoningCountsAreNotWritten() {
    LlmCall call = telemetry().llmCall("openai", "gpt-4o").start();
    call.setUsage(TokenUsage.of(10, 5));
    call.end();

    Attributes attributes = otel.onlySpan().getAttributes();
    assertThat(attributes.get(GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS)).isNull();
    assertThat(attributes.get(GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS)).isNull();
    assertThat(attributes.get(GEN_AI_USAGE_REASONING_OUTPUT_TOKENS)).isNull();
  }

  @Test
  void pricedCallCarriesCostAttributesAndCostMetric() {
    LlmCall call = telemetry().llmCall("openai", "gpt-4o").start();
    call.setUsage(TokenUsage.of(1000, 100));
    call.end();

    // 1000 * 2.50 / 1e6 + 100 * 10.00 / 1e6 = 0.0035
    assertThat(otel.onlySpan()).hasAttributesSatisfying(
        equalTo(GEN_AI_USAGE_COST_AMOUNT, 0.0035),
        equalTo(GEN_AI_USAGE_COST_CURRENCY, "USD"),
        equalTo(GEN_AI_USAGE_COST_SOURCE, "local"),
        equalTo(GEN_AI_USAGE_COST, 0.0035));
    MetricData cost = otel.requireMetric("gen_ai.client.operation.cost");
    HistogramPointData point = TestTelemetry.histogramPoints(cost).get(0);
    assertThat(point.getSum()).isCloseTo(0.0035, within(1e-12));
    assertThat(point.getAttributes().get(GEN_AI_USAGE_COST_CURRENCY)).isEqualTo("USD");
    assertThat(point.getBoundaries()).isEqualTo(Instruments.COST_BUCKETS);
    assertThat(otel.metric("aitelemetry.cost.unpriced_calls")).isEmpty();
  }

  @Test
  void defaultPricingPricesTheGuideExampleExactly() {
    AiTelemetry telemetry = otel.builder().pricing(dev.aitelemetry.cost.PricingTable.defaults()).build();
    LlmCall call = telemetry.llmCall("openai", "gpt-4o").start();
    call.setResponseModel("gpt-4o-2024-08-06");
    call.setUsage(new TokenUsage(1200, 300, 1000, 0, 0));
    call.end();

    // 200 uncached * 2.50 + 1000 cached * 1.25 + 300 * 10.00, per million tokens
    assertThat(call.cost()).hasValueSatisfying(c -> {
      assertThat(c.amount()).isEqualByComparingTo("0.00475");
      assertThat(c.currency()).isEqualTo("USD");
    });
    assertThat(otel.onlySpan()).hasAttributesSatisfying(
        equalTo(GEN_AI_USAGE_COST_AMOUNT, 0.00475), equalTo(GEN_AI_USAGE_COST, 0.00475));
  }

  @Test
  void costIsPricedByTheResponseModelWhenItIsPriced() {
    List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
    AiTelemetry telemetry = otel.builder().pricing((model, usage) -> {
      asked.add(model);
      return GPT_4O_ONLY.cost(model, usage);
    }).build();
    LlmCall call = telemetry.llmCall("azure.ai.openai", "my-deployment").start();
    call.setResponseModel("gpt-4o-2024-08-06");
    call.setUsage(TokenUsage.of(1000, 0));
    call.end();

    assertThat(asked).containsExactly("gpt-4o-2024-08-06");
    assertThat(otel.onlySpan().getAttributes().get(GEN_AI_USAGE_COST_AMOUNT)).isEqualTo(0.0025);
  }

  @Test
  void costFallsBackToTheRequestModelWhenTheResponseModelIsNotPriced() {
    LlmCall call = telemetry().llmCall("openai", "gpt-4o").start();
    call.setResponseModel("some-proxy-alias");
    call.setUsage(TokenUsage.of(1000, 0));
    call.end();

    assertThat(otel.onlySpan().getAttributes().get(GEN_AI_USAGE_COST_AMOUNT)).isEqualTo(0.0025);
  }

  @Test
  void unpricedModelGetsNoCostAttributesAndCountsAsUnpriced() {
    LlmCall call = telemetry().llmCall("openai", "gpt-9").start();
    call.setUsage(TokenUsage.of(10, 10));
    call.end();

    Attributes attributes = otel.onlySpan().getAttributes();
    assertThat(attributes.get(GEN_AI_USAGE_COST_AMOUNT)).isNull();
    assertThat(attributes.get(GEN_AI_USAGE_COST)).isNull();
    assertThat(attributes.get(GEN_AI_USAGE_COST_CURRENCY)).isNull();
    MetricData unpriced = otel.requireMetric("aitelemetry.cost.unpriced_calls");
    assertThat(TestTelemetry.counterPoints(unpriced)).singleElement().satisfies(p -> {
      assertThat(p.getValue()).isEqualTo(1);
      assertThat(p.getAttributes().get(GEN_AI_REQUEST_MODEL)).isEqualTo("gpt-9");
    });
    assertThat(otel.metric("gen_ai.client.operation.cost")).isEmpty();
  }

  @Test
  void failingCostModelLeavesTheCallWithoutCostAndIsReported() {
    AiTelemetry telemetry = otel.builder().pricing((model, usage) -> {
      throw new IllegalStateException("price service down");
    }).build();

    LlmCall call = telemetry.llmCall("openai", "gpt-4o").start();
    call.setUsage(TokenUsage.of(10, 10));
    call.end();

    assertThat(otel.onlySpan().getAttributes().get(GEN_AI_USAGE_COST_AMOUNT)).isNull();
    assertThat(otel.onlySpan().getAttributes().get(GEN_AI_USAGE_INPUT_TOKENS)).isEqualTo(10L);
    assertThat(telemetry.internalErrorCount()).isEqualTo(1);
  }

  @Test
  void durationMetricUsesSemconvBucketsAndLowCardinalityAttributes() {
    LlmCall call = telemetry().llmCall("openai", "gpt-4o").server("api.openai.com", 443).start();
    call.setResponseModel("gpt-4o-2024-08-06");
    call.end();

    MetricData duration = otel.requireMetric("gen_ai.client.operation.duration");
    assertThat(duration.getUnit()).isEqualTo("s");
    HistogramPointData point = TestTelemetry.histogramPoints(duration).get(0);
    assertThat(point.getBoundaries()).containsExactly(
        0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92);
    assertThat(point.getAttributes().asMap()).containsOnlyKeys(
        GEN_AI_OPERATION_NAME, GEN_AI_PROVIDER_NAME, GEN_AI_REQUEST_MODEL, GEN_AI_RESPONSE_MODEL,
        SERVER_ADDRESS, SERVER_PORT);
    assertThat(point.getCount()).isEqualTo(1);
  }

  @Test
  void metricLabelsFollowEachCallWhenModelsAlternateAndPastTheCardinalityLimit() {
    // The attribute sets of the last label combination are reused when the next call has the same labels: calls
    // alternating between models, and models past the cardinality limit, must still be labelled correctly.
    AiTelemetry telemetry = otel.builder().pricing(GPT_4O_ONLY).maxDistinctMetricValues(2).build();
    String[][] calls = {{"gpt-4o", "gpt-4o"}, {"gpt-4o", "gpt-4o"}, {"gpt-4o", null},
        {"gpt-4o-mini", "gpt-4o-mini"}, {"gpt-4o", "gpt-4o"}, {"o3", "o3"}, {"o3", "o3"}, {"o1", "o1"},
        {"gpt-4o-mini", "gpt-4o-mini"}, {"gpt-4o", "gpt-4o-mini"}};
    for (String[] c : calls) {
      LlmCall call = telemetry.llmCall("openai", c[0]).start();
      call.setResponseModel(c[1]);
      call.end();
    }

    Map<String, Long> counts = new java.util.TreeMap<>();
    for (HistogramPointData p : TestTelemetry.histogramPoints(otel.requireMetric("gen_ai.client.operation.duration"))) {
      counts.put(p.getAttributes().get(GEN_AI_REQUEST_MODEL) + "/" + p.getAttributes().get(GEN_AI_RESPONSE_MODEL),
          p.getCount());
    }
    assertThat(counts).containsExactly(Map.entry("_OTHER/_OTHER", 3L), Map.entry("gpt-4o-mini/gpt-4o-mini", 2L),
        Map.entry("gpt-4o/gpt-4o", 3L), Map.entry("gpt-4o/gpt-4o-mini", 1L), Map.entry("gpt-4o/null", 1L));
  }

  @Test
  void tokenUsageMetricHasOneInputAndOneOutputPointWithSemconvBuckets() {
    LlmCall call = telemetry().llmCall("openai", "gpt-4o").start();
    call.setUsage(TokenUsage.of(1200, 300));
    call.end();

    MetricData tokens = otel.requireMetric("gen_ai.client.token.usage");
    assertThat(tokens.getUnit()).isEqualTo("{token}");
    assertThat(TestTelemetry.histogramPoints(tokens)).hasSize(2).allSatisfy(p ->
        assertThat(p.getBoundaries()).containsExactly(1.0, 4.0, 16.0, 64.0, 256.0, 1024.0, 4096.0, 16384.0,
            65536.0, 262144.0, 1048576.0, 4194304.0, 16777216.0, 67108864.0));
    assertThat(TestTelemetry.histogramPoints(tokens)).anySatisfy(p -> {
      assertThat(p.getAttributes().get(GEN_AI_TOKEN_TYPE)).isEqualTo("input");
      assertThat(p.getSum()).isEqualTo(1200.0);
    }).anySatisfy(p -> {
      assertThat(p.getAttributes().get(GEN_AI_TOKEN_TYPE)).isEqualTo("output");
      assertThat(p.getSum()).isEqualTo(300.0);
    });
  }

  @Test
  void failedCallHasErrorStatusErrorTypeAndErrorTypeOnTheDurationMetric() {
    LlmCall call = telemetry().llmCall("openai", "gpt-4o").start();
    call.recordException(new RuntimeException("HTTP 429 Too Many Requests"), "429");
    call.end();

    SpanData span = otel.onlySpan();
    assertThat(span).hasStatusSatisfying(s -> s.hasCode(StatusCode.ERROR))
        .hasAttributesSatisfying(equalTo(ERROR_TYPE, "429"));
    assertThat(span.getEvents()).anySatisfy(e -> assertThat(e.getName()).isEqualTo("exception"));
    HistogramPointData point =
        TestTelemetry.histogramPoints(otel.requireMetric("gen_ai.client.operation.duration")).get(0);
    assertThat(point.getAttributes().get(ERROR_TYPE)).isEqualTo("429");
  }

  @Test
  void exceptionWithoutExplicitTypeUsesItsClassNameNeverItsMessage() {
    LlmCall call = telemetry().llmCall("openai", "gpt-4o").start();
    call.recordException(new IllegalStateException("secret user text"));
    call.end();

    assertThat(otel.onlySpan().getAttributes().get(ERROR_TYPE)).isEqualTo("java.lang.IllegalStateException");
  }

  @Test
  void endTakesEffectOnceEvenWhenCalledFromManyThreads() throws Exception {
    LlmCall call = telemetry().llmCall("openai", "gpt-4o").start();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch go = new CountDownLatch(1);
    try {
      for (int i = 0; i < 8; i++) {
        pool.submit(() -> {
          go.await(5, TimeUnit.SECONDS);
          call.end();
          return null;
        });
      }
      go.countDown();
    } finally {
      pool.shutdown();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    assertThat(otel.finishedSpans()).hasSize(1);
    assertThat(TestTelemetry.histogramPoints(otel.requireMetric("gen_ai.client.operation.duration")).get(0)
        .getCount()).isEqualTo(1);
  }

  @Test
  void firstChunkSetsTimeToFirstChunkOnceAndRecordsTheStreamingMetric() {
    LlmCall call = telemetry().llmCall("openai", "gpt-4o").streaming(true).start();
    call.recordFirstChunk();
    Double first = null;
    call.recordFirstChunk();
    call.end();

    first = otel.onlySpan().getAttributes().get(GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK);
    assertThat(first).isNotNull().isGreaterThanOrEqualTo(0.0);
    MetricData ttfc = otel.requireMetric("gen_ai.client.operation.time_to_first_chunk");
    assertThat(TestTelemetry.histogramPoints(ttfc).get(0).getCount()).isEqualTo(1);
  }

  @Test
  void latestExperimentalConventionsRenameCacheWriteAndMakeTopKAnInteger() {
    AiTelemetry telemetry = otel.builder().latestExperimentalSemconv(true).build();
    LlmCall call = telemetry.llmCall("anthropic", "claude-sonnet-4").topK(5).start();
    call.setUsage(new TokenUsage(100, 10, 0, 40, 0));
    call.end();

    Attributes attributes = otel.onlySpan().getAttributes();
    assertThat(attributes.get(GEN_AI_USAGE_CACHE_WRITE_INPUT_TOKENS)).isEqualTo(40L);
    assertThat(attributes.get(GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS)).isNull();
    assertThat(attributes.get(GEN_AI_REQUEST_TOP_K_INT)).isEqualTo(5L);
  }

  @Test
  void latestExperimentalConventionsAreReadFromTheOptInVariable() {
    AiTelemetry telemetry = AiTelemetry.builder(otel.sdk)
        .environment(name -> name.equals("OTEL_SEMCONV_STABILITY_OPT_IN") ? "http, gen_ai_latest_experimental" : null)
        .build();

    assertThat(telemetry.latestExperimentalSemconv()).isTrue();
  }

  @Test
  void embeddingsCallIsNamedEmbeddingsAndRecordsOnlyInputTokens() {
    LlmCall call = telemetry().embeddings("openai", "text-embedding-3-small").start();
    call.setUsage(TokenUsage.of(42, 0));
    call.setEmbeddingsDimensionCount(1536);
    call.end();

    assertThat(otel.onlySpan()).hasName("embeddings text-embedding-3-small").hasKind(SpanKind.CLIENT)
        .hasAttributesSatisfying(
            equalTo(GEN_AI_OPERATION_NAME, "embeddings"),
            equalTo(GEN_AI_USAGE_INPUT_TOKENS, 42L),
            equalTo(GEN_AI_EMBEDDINGS_DIMENSION_COUNT, 1536L));
    assertThat(otel.onlySpan().getAttributes().get(GEN_AI_USAGE_OUTPUT_TOKENS)).isNull();
    assertThat(TestTelemetry.histogramPoints(otel.requireMetric("gen_ai.client.token.usage")))
        .singleElement().satisfies(p -> assertThat(p.getAttributes().get(GEN_AI_TOKEN_TYPE)).isEqualTo("input"));
  }

  @Test
  void traceLlmCallIsCurrentUntilClosed() {
    AiTelemetry telemetry = telemetry();
    String inside;
    try (LlmCall call = telemetry.traceLlmCall("openai", "gpt-4o")) {
      inside = io.opentelemetry.api.trace.Span.current().getSpanContext().getSpanId();
      call.setUsage(TokenUsage.of(1, 1));
    }

    assertThat(inside).isEqualTo(otel.onlySpan().getSpanId());
    assertThat(io.opentelemetry.api.trace.Span.current().getSpanContext().isValid()).isFalse();
  }
}
