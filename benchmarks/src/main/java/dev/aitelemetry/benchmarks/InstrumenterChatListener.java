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
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.incubator.metrics.ExtendedDoubleHistogramBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.DoubleHistogramBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.incubator.semconv.genai.GenAiAttributesExtractor;
import io.opentelemetry.instrumentation.api.incubator.semconv.genai.GenAiAttributesGetter;
import io.opentelemetry.instrumentation.api.incubator.semconv.genai.GenAiClientMetrics;
import io.opentelemetry.instrumentation.api.incubator.semconv.genai.GenAiSpanNameExtractor;
import io.opentelemetry.instrumentation.api.instrumenter.AttributesExtractor;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.instrumenter.OperationListener;
import io.opentelemetry.instrumentation.api.instrumenter.SpanKindExtractor;
import java.util.List;
import java.util.Optional;

/**
 * Baseline (b): the same listener built the way opentelemetry-java-instrumentation builds GenAI instrumentation
 * (its OpenAI and Bedrock instrumentations): an {@link Instrumenter} with {@link GenAiSpanNameExtractor}, {@link
 * GenAiAttributesExtractor} and {@link GenAiClientMetrics}, CLIENT spans, plus one extra {@link
 * AttributesExtractor} for what the GenAI classes cannot express (server, cache and reasoning tokens, cost) and
 * an {@link OperationListener} for the cost histogram.
 */
final class InstrumenterChatListener implements ChatModelListener {
  private static final Object KEY = new Object();

  private final Instrumenter<ChatModelRequestContext, ChatResponse> instrumenter;

  InstrumenterChatListener(OpenTelemetry openTelemetry, PricingTable pricing) {
    Getter getter = new Getter();
    this.instrumenter = Instrumenter.<ChatModelRequestContext, ChatResponse>builder(
            openTelemetry, "instrumenter-baseline", GenAiSpanNameExtractor.create(getter))
        .addAttributesExtractor(GenAiAttributesExtractor.create(getter))
        .addAttributesExtractor(new CostExtractor(pricing))
        .addOperationMetrics(GenAiClientMetrics.get())
        .addOperationMetrics(CostMetrics::new)
        .buildInstrumenter(SpanKindExtractor.alwaysClient());
  }

  private record Call(Context context, ChatModelRequestContext request) {}

  @Override
  public void onRequest(ChatModelRequestContext context) {
    Context parent = Context.current();
    if (!instrumenter.shouldStart(parent, context)) {
      return;
    }
    context.attributes().put(KEY, new Call(instrumenter.start(parent, context), context));
  }

  @Override
  public void onResponse(ChatModelResponseContext context) {
    Call call = (Call) context.attributes().remove(KEY);
    if (call != null) {
      instrumenter.end(call.context(), call.request(), context.chatResponse(), null);
    }
  }

  /** The mapping the GenAI getter asks for, from LangChain4j types. */
  private static final class Getter implements GenAiAttributesGetter<ChatModelRequestContext, ChatResponse> {
    @Override
    public String getOperationName(ChatModelRequestContext r) {
      return "chat";
    }

    @Override
    public String getSystem(ChatModelRequestContext r) {
      return "openai";
    }

    @Override
    public String getRequestModel(ChatModelRequestContext r) {
      return r.chatRequest().modelName();
    }

    @Override
    public Long getRequestSeed(ChatModelRequestContext r) {
      return null;
    }

    @Override
    public List<String> getRequestEncodingFormats(ChatModelRequestContext r) {
      return null;
    }

    @Override
    public Double getRequestFrequencyPenalty(ChatModelRequestContext r) {
      return r.chatRequest().frequencyPenalty();
    }

    @Override
    public Long getRequestMaxTokens(ChatModelRequestContext r) {
      Integer max = r.chatRequest().maxOutputTokens();
      return max == null ? null : max.longValue();
    }

    @Override
    public Double getRequestPresencePenalty(ChatModelRequestContext r) {
      return r.chatRequest().presencePenalty();
    }

    @Override
    public List<String> getRequestStopSequences(ChatModelRequestContext r) {
      List<String> stop = r.chatRequest().stopSequences();
      return stop == null || stop.isEmpty() ? null : stop;
    }

    @Override
    public Double getRequestTemperature(ChatModelRequestContext r) {
      return r.chatRequest().temperature();
    }

    @Override
    public Double getRequestTopK(ChatModelRequestContext r) {
      Integer k = r.chatRequest().topK();
      return k == null ? null : k.doubleValue();
    }

    @Override
    public Double getRequestTopP(ChatModelRequestContext r) {
      return r.chatRequest().topP();
    }

    @Override
    public List<String> getResponseFinishReasons(ChatModelRequestContext r, ChatResponse response) {
      return response == null || response.finishReason() == null ? List.of() : List.of("stop");
    }

    @Override
    public String getResponseId(ChatModelRequestContext r, ChatResponse response) {
      return response == null ? null : response.id();
    }

    @Override
    public String getResponseModel(ChatModelRequestContext r, ChatResponse response) {
      return response == null ? null : response.modelName();
    }

    @Override
    public Long getUsageInputTokens(ChatModelRequestContext r, ChatResponse response) {
      return response == null || response.tokenUsage() == null ? null
          : Long.valueOf(response.tokenUsage().inputTokenCount());
    }

    @Override
    public Long getUsageOutputTokens(ChatModelRequestContext r, ChatResponse response) {
      return response == null || response.tokenUsage() == null ? null
          : Long.valueOf(response.tokenUsage().outputTokenCount());
    }
  }

  /** What the GenAI extractor cannot express: server, cache and reasoning tokens, and the cost. */
  private static final class CostExtractor implements AttributesExtractor<ChatModelRequestContext, ChatResponse> {
    private final PricingTable pricing;

    CostExtractor(PricingTable pricing) {
      this.pricing = pricing;
    }

    @Override
    public void onStart(AttributesBuilder attributes, Context parent, ChatModelRequestContext request) {
      attributes.put(SERVER_ADDRESS, Fixtures.SERVER_ADDRESS);
      attributes.put(SERVER_PORT, (long) Fixtures.SERVER_PORT);
    }

    @Override
    public void onEnd(AttributesBuilder attributes, Context context, ChatModelRequestContext request,
        ChatResponse response, Throwable error) {
      if (response == null || !(response.tokenUsage() instanceof OpenAiTokenUsage)) {
        return;
      }
      OpenAiTokenUsage u = (OpenAiTokenUsage) response.tokenUsage();
      long input = u.inputTokenCount();
      long output = u.outputTokenCount();
      long cached = u.inputTokensDetails() == null ? 0 : u.inputTokensDetails().cachedTokens();
      long reasoning = u.outputTokensDetails() == null ? 0 : u.outputTokensDetails().reasoningTokens();
      if (cached > 0) {
        attributes.put(GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, cached);
      }
      if (reasoning > 0) {
        attributes.put(GEN_AI_USAGE_REASONING_OUTPUT_TOKENS, reasoning);
      }
      Optional<Cost> c = pricing.cost(response.modelName(), new TokenUsage(input, output, cached, 0, reasoning));
      if (c.isPresent()) {
        double amount = c.get().amount().doubleValue();
        attributes.put(GEN_AI_USAGE_COST_AMOUNT, amount);
        attributes.put(GEN_AI_USAGE_COST_CURRENCY, c.get().currency());
        attributes.put(GEN_AI_USAGE_COST_SOURCE, "local");
        attributes.put(GEN_AI_USAGE_COST, amount);
      }
    }
  }

  /** The cost histogram, as an operation listener in the style of {@link GenAiClientMetrics}. */
  private static final class CostMetrics implements OperationListener {
    private static final List<AttributeKey<?>> ADVICE = List.of(GEN_AI_OPERATION_NAME, GEN_AI_PROVIDER_NAME,
        GEN_AI_REQUEST_MODEL, GEN_AI_RESPONSE_MODEL, SERVER_ADDRESS, SERVER_PORT, GEN_AI_USAGE_COST_CURRENCY);
    private static final io.opentelemetry.context.ContextKey<Attributes> START =
        io.opentelemetry.context.ContextKey.named("cost-metrics-start");

    private final DoubleHistogram cost;

    CostMetrics(io.opentelemetry.api.metrics.Meter meter) {
      DoubleHistogramBuilder b = meter.histogramBuilder("gen_ai.client.operation.cost").setUnit("{currency_unit}")
          .setDescription("Cost of one GenAI operation in the currency of gen_ai.usage.cost.currency,"
              + " computed locally from token usage and a pricing table.")
          .setExplicitBucketBoundariesAdvice(Buckets.COST);
      if (b instanceof ExtendedDoubleHistogramBuilder) {
        ((ExtendedDoubleHistogramBuilder) b).setAttributesAdvice(ADVICE);
      }
      this.cost = b.build();
    }

    @Override
    public Context onStart(Context context, Attributes startAttributes, long startNanos) {
      return context.with(START, startAttributes);
    }

    @Override
    public void onEnd(Context context, Attributes endAttributes, long endNanos) {
      Double amount = endAttributes.get(GEN_AI_USAGE_COST_AMOUNT);
      Attributes start = context.get(START);
      if (amount != null && start != null) {
        cost.record(amount, start.toBuilder().putAll(endAttributes).build(), context);
      }
    }
  }
}
