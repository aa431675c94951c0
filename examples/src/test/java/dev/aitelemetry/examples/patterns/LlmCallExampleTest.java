// Specification of LlmCallExample: a hand-written HTTP chat call as a GenAI CLIENT span with tokens and exact cost.
package dev.aitelemetry.examples.patterns;

import static dev.aitelemetry.core.GenAiAttributes.ERROR_TYPE;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_OPERATION_NAME;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_PROVIDER_NAME;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_REQUEST_MODEL;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_RESPONSE_FINISH_REASONS;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_RESPONSE_ID;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_RESPONSE_MODEL;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_TOKEN_TYPE;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_USAGE_COST;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_USAGE_COST_AMOUNT;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_USAGE_COST_CURRENCY;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_USAGE_COST_SOURCE;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_USAGE_INPUT_TOKENS;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_USAGE_OUTPUT_TOKENS;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_USAGE_REASONING_OUTPUT_TOKENS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aitelemetry.cost.Cost;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LlmCallExampleTest {
  /** gpt-4o for TokenUsage(1200, 300, 1000, 0, 0): 200 × 2.50 + 1000 × 1.25 + 300 × 10.00 per million tokens. */
  private static final BigDecimal EXPECTED_COST = new BigDecimal("0.00475");
  private static final Attributes CALL = Attributes.of(GEN_AI_OPERATION_NAME, "chat", GEN_AI_PROVIDER_NAME, "openai",
      GEN_AI_REQUEST_MODEL, "gpt-4o", GEN_AI_RESPONSE_MODEL, "gpt-4o-2024-08-06");

  private final InMemoryOtel otel = new InMemoryOtel();

  @AfterEach
  void close() {
    otel.close();
  }

  @Test
  void callerGetsTheModelsAnswerAndItsExactCost() throws Exception {
    LlmCallExample.Answer answer = LlmCallExample.run(otel.telemetry);

    assertThat(answer.text()).isEqualTo(LocalOpenAiEndpoint.ANSWER);
    Cost cost = answer.cost().orElseThrow();
    assertThat(cost.amount()).isEqualByComparingTo(EXPECTED_COST);
    assertThat(cost.currency()).isEqualTo("USD");
  }

  @Test
  void callIsOneClientSpanNamedAfterOperationAndRequestModel() throws Exception {
    LlmCallExample.run(otel.telemetry);

    SpanData span = onlySpan();
    assertThat(span.getName()).isEqualTo("chat gpt-4o");
    assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void spanCarriesRequestAndResponseAttributesFromTheHttpExchange() throws Exception {
    LlmCallExample.run(otel.telemetry);

    Attributes a = onlySpan().getAttributes();
    assertThat(a.get(GEN_AI_OPERATION_NAME)).isEqualTo("chat");
    assertThat(a.get(GEN_AI_PROVIDER_NAME)).isEqualTo("openai");
    assertThat(a.get(GEN_AI_REQUEST_MODEL)).isEqualTo("gpt-4o");
    assertThat(a.get(GEN_AI_RESPONSE_MODEL)).isEqualTo("gpt-4o-2024-08-06");
    assertThat(a.get(GEN_AI_RESPONSE_ID)).isEqualTo("chatcmpl-local-1");
    assertThat(a.get(GEN_AI_RESPONSE_FINISH_REASONS)).containsExactly("stop");
  }

  @Test
  void spanCarriesTokenUsageWithCachedInputAndNoZeroReasoning() throws Exception {
    LlmCallExample.run(otel.telemetry);

    Attributes a = onlySpan().getAttributes();
    assertThat(a.get(GEN_AI_USAGE_INPUT_TOKENS)).isEqualTo(1200L);
    assertThat(a.get(GEN_AI_USAGE_OUTPUT_TOKENS)).isEqualTo(300L);
    assertThat(a.get(GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS)).isEqualTo(1000L);
    assertThat(a.get(GEN_AI_USAGE_REASONING_OUTPUT_TOKENS)).isNull();
  }

  @Test
  void spanCarriesTheExactCostWhereLangfuseAndDashboardsReadIt() throws Exception {
    LlmCallExample.run(otel.telemetry);

    Attributes a = onlySpan().getAttributes();
    assertThat(a.get(GEN_AI_USAGE_COST)).isEqualTo(0.00475);
    assertThat(a.get(GEN_AI_USAGE_COST_AMOUNT)).isEqualTo(0.00475);
    assertThat(a.get(GEN_AI_USAGE_COST_CURRENCY)).isEqualTo("USD");
    assertThat(a.get(GEN_AI_USAGE_COST_SOURCE)).isEqualTo("local");
  }

  @Test
  void apiKeyAppearsInNoSpanAttribute() throws Exception {
    try (LocalOpenAiEndpoint endpoint = LocalOpenAiEndpoint.start()) {
      LlmCallExample.ask(otel.telemetry, LlmCallExample.httpClient(), endpoint.baseUrl(), "sk-test-never-recorded",
          "hello");
    }

    assertThat(onlySpan().getAttributes().asMap().values()).noneMatch(v -> v.toString().contains("sk-test"));
  }

  @Test
  void callRecordsCostAndTokenMetricPoints() throws Exception {
    LlmCallExample.run(otel.telemetry);

    HistogramPointData cost = otel.histogram("gen_ai.client.operation.cost")
        .get(CALL.toBuilder().put(GEN_AI_USAGE_COST_CURRENCY, "USD").build());
    assertThat(cost.getCount()).isEqualTo(1);
    assertThat(cost.getSum()).isEqualTo(0.00475);
    Map<Attributes, HistogramPointData> tokens = otel.histogram("gen_ai.client.token.usage");
    assertThat(tokens.get(CALL.toBuilder().put(GEN_AI_TOKEN_TYPE, "input").build()).getSum()).isEqualTo(1200.0);
    assertThat(tokens.get(CALL.toBuilder().put(GEN_AI_TOKEN_TYPE, "output").build()).getSum()).isEqualTo(300.0);
  }

  @Test
  void httpErrorReachesTheCallerAsHttpStatusException() throws Exception {
    try (LocalOpenAiEndpoint endpoint = LocalOpenAiEndpoint.failingWith(429)) {
      assertThatThrownBy(() -> LlmCallExample.ask(otel.telemetry, LlmCallExample.httpClient(), endpoint.baseUrl(),
          "unused", "hello"))
          .isInstanceOfSatisfying(LlmCallExample.HttpStatusException.class, e -> assertThat(e.status()).isEqualTo(429));
    }
  }

  @Test
  void httpErrorMarksTheSpanWithTheStatusCodeAsErrorTypeAndNoCost() throws Exception {
    try (LocalOpenAiEndpoint endpoint = LocalOpenAiEndpoint.failingWith(429)) {
      assertThatThrownBy(() -> LlmCallExample.ask(otel.telemetry, LlmCallExample.httpClient(), endpoint.baseUrl(),
          "unused", "hello"));
    }

    SpanData span = onlySpan();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getAttributes().get(ERROR_TYPE)).isEqualTo("429");
    assertThat(span.getAttributes().get(GEN_AI_USAGE_COST)).isNull();
    assertThat(otel.histogram("gen_ai.client.operation.duration").keySet()).containsExactly(Attributes.of(
        GEN_AI_OPERATION_NAME, "chat", GEN_AI_PROVIDER_NAME, "openai", GEN_AI_REQUEST_MODEL, "gpt-4o",
        ERROR_TYPE, "429"));
  }

  private SpanData onlySpan() {
    List<SpanData> spans = otel.spans();
    assertThat(spans).hasSize(1);
    return spans.get(0);
  }
}
