package dev.aitelemetry.benchmarks;

import static dev.aitelemetry.core.GenAiAttributes.*;

import dev.aitelemetry.cost.Cost;
import dev.aitelemetry.cost.PricingTable;
import dev.aitelemetry.cost.TokenUsage;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiTokenUsage;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.List;
import java.util.Optional;

/**
 * Baseline (a), the practical floor: a hand-written {@link ChatModelListener} that creates the identical span
 * (name, kind, attributes) and records the identical metric points straight through the OpenTelemetry API, with
 * none of the library's safety nets (no guards, no cardinality limits, no content capture, no agent hand-off).
 * {@link Equivalence} checks that its output equals the library's.
 */
final class BareSdkChatListener implements ChatModelListener {
  private static final Object KEY = new Object();

  private final Tracer tracer;
  private final DoubleHistogram duration;
  private final LongHistogram tokens;
  private final DoubleHistogram cost;
  private final PricingTable pricing;

  BareSdkChatListener(OpenTelemetry openTelemetry, PricingTable pricing) {
    this.tracer = openTelemetry.getTracer("bare");
    Meter meter = openTelemetry.getMeter("bare");
    this.duration = meter.histogramBuilder("gen_ai.client.operation.duration").setUnit("s")
        .setExplicitBucketBoundariesAdvice(Buckets.GEN_AI_DURATION).build();
    this.tokens = meter.histogramBuilder("gen_ai.client.token.usage").ofLongs().setUnit("{token}")
        .setExplicitBucketBoundariesAdvice(Buckets.TOKENS).build();
    this.cost = meter.histogramBuilder("gen_ai.client.operation.cost").setUnit("{currency_unit}")
        .setExplicitBucketBoundariesAdvice(Buckets.COST).build();
    this.pricing = pricing;
  }

  private record Call(Span span, long startNanos) {}

  @Override
  public void onRequest(ChatModelRequestContext context) {
    ChatRequest r = context.chatRequest();
    SpanBuilder b = tracer.spanBuilder("chat " + r.modelName())
        .setSpanKind(SpanKind.CLIENT)
        .setParent(Context.current())
        .setAttribute(GEN_AI_OPERATION_NAME, "chat")
        .setAttribute(GEN_AI_PROVIDER_NAME, "openai")
        .setAttribute(GEN_AI_REQUEST_MODEL, r.modelName())
        .setAttribute(SERVER_ADDRESS, Fixtures.SERVER_ADDRESS)
        .setAttribute(SERVER_PORT, (long) Fixtures.SERVER_PORT);
    if (r.temperature() != null) {
      b.setAttribute(GEN_AI_REQUEST_TEMPERATURE, r.temperature());
    }
    if (r.topP() != null) {
      b.setAttribute(GEN_AI_REQUEST_TOP_P, r.topP());
    }
    if (r.maxOutputTokens() != null) {
      b.setAttribute(GEN_AI_REQUEST_MAX_TOKENS, (long) r.maxOutputTokens());
    }
    if (r.frequencyPenalty() != null) {
      b.setAttribute(GEN_AI_REQUEST_FREQUENCY_PENALTY, r.frequencyPenalty());
    }
    if (r.presencePenalty() != null) {
      b.setAttribute(GEN_AI_REQUEST_PRESENCE_PENALTY, r.presencePenalty());
    }
    context.attributes().put(KEY, new Call(b.startSpan(), System.nanoTime()));
  }

  @Override
  public void onResponse(ChatModelResponseContext context) {
    Call call = (Call) context.attributes().remove(KEY);
    ChatResponse response = context.chatResponse();
    Span span = call.span();
    OpenAiTokenUsage u = (OpenAiTokenUsage) response.tokenUsage();
    long input = u.inputTokenCount();
    long output = u.outputTokenCount();
    long cached = u.inputTokensDetails().cachedTokens();
    long reasoning = u.outputTokensDetails().reasoningTokens();
    span.setAttribute(GEN_AI_RESPONSE_ID, response.id());
    span.setAttribute(GEN_AI_RESPONSE_MODEL, response.modelName());
    span.setAttribute(GEN_AI_USAGE_INPUT_TOKENS, input);
    span.setAttribute(GEN_AI_USAGE_OUTPUT_TOKENS, output);
    span.setAttribute(GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, cached);
    span.setAttribute(GEN_AI_USAGE_REASONING_OUTPUT_TOKENS, reasoning);
    span.setAttribute(GEN_AI_RESPONSE_FINISH_REASONS, List.of("stop"));

    Attributes common = Attributes.builder()
        .put(GEN_AI_OPERATION_NAME, "chat")
        .put(GEN_AI_PROVIDER_NAME, "openai")
        .put(GEN_AI_REQUEST_MODEL, context.chatRequest().modelName())
        .put(GEN_AI_RESPONSE_MODEL, response.modelName())
        .put(SERVER_ADDRESS, Fixtures.SERVER_ADDRESS)
        .put(SERVER_PORT, (long) Fixtures.SERVER_PORT)
        .build();
    duration.record((System.nanoTime() - call.startNanos()) / 1e9, common);
    tokens.record(input, common.toBuilder().put(GEN_AI_TOKEN_TYPE, "input").build());
    tokens.record(output, common.toBuilder().put(GEN_AI_TOKEN_TYPE, "output").build());
    Optional<Cost> c = pricing.cost(response.modelName(), new TokenUsage(input, output, cached, 0, reasoning));
    if (c.isPresent()) {
      double amount = c.get().amount().doubleValue();
      span.setAttribute(GEN_AI_USAGE_COST_AMOUNT, amount);
      span.setAttribute(GEN_AI_USAGE_COST_CURRENCY, c.get().currency());
      span.setAttribute(GEN_AI_USAGE_COST_SOURCE, "local");
      span.setAttribute(GEN_AI_USAGE_COST, amount);
      cost.record(amount, common.toBuilder().put(GEN_AI_USAGE_COST_CURRENCY, c.get().currency()).build());
    }
    span.end();
  }
}
