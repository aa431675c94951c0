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
import dev.langchain4j.model.output.FinishReason;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Baseline (a), the practical floor: a hand-written {@link ChatModelListener} for one OpenAI endpoint that creates
 * the identical span (name, kind, attributes) and records the identical metric points straight through the
 * OpenTelemetry API, with none of the library's safety nets (no guards, no cardinality limits, no content capture,
 * no agent hand-off, no abandoned-call handling, no sync/streaming detection).
 *
 * <p>It is written the way a careful engineer writes hot-path instrumentation: attribute keys are constants, the
 * port and the finish-reason lists are precomputed, and everything that depends only on the labels is built once
 * per label combination and reused: the span name per request model, and the metric {@link Attributes} (common,
 * token-type and currency variants) per (request model, response model) pair, in a single-entry cache that an
 * application using one model always hits. So the SDK finds each metric series by identity, as it does for the
 * library. The work per call is otherwise the library's: the same attributes read from the same LangChain4j
 * objects, the cost priced through the same {@link PricingTable#cost} with the same {@link TokenUsage}.
 *
 * <p>{@code BaselineEquivalenceTest} (benchmarks/src/test) checks that its spans and metric points equal the
 * library's.
 */
final class BareSdkChatListener implements ChatModelListener {
  private static final Object KEY = new Object();
  static final String PROVIDER = "openai";
  static final String OPERATION = "chat";
  static final String COST_SOURCE = "local";
  static final Long SERVER_PORT_VALUE = (long) Fixtures.SERVER_PORT;
  /** {@code gen_ai.response.finish_reasons} per LangChain4j {@link FinishReason}, as the library maps them. */
  private static final List<List<String>> FINISH_REASONS = finishReasons();

  private final Tracer tracer;
  private final DoubleHistogram duration;
  private final LongHistogram tokens;
  private final DoubleHistogram cost;
  private final PricingTable pricing;
  /** The span name of the last request model seen. */
  private volatile SpanName spanName;
  /** The metric attribute sets of the last (request model, response model) pair seen. */
  private volatile Labels labels;

  BareSdkChatListener(OpenTelemetry openTelemetry, PricingTable pricing) {
    this.tracer = openTelemetry.getTracer("bare");
    Meter meter = openTelemetry.getMeter("bare");
    ChatInstruments instruments = ChatInstruments.create(meter);
    this.duration = instruments.duration();
    this.tokens = instruments.tokens();
    this.cost = instruments.cost();
    this.pricing = pricing;
  }

  /** The three chat instruments with the library's names, units and bucket advice (shared with noopApi). */
  record ChatInstruments(DoubleHistogram duration, LongHistogram tokens, DoubleHistogram cost) {
    static ChatInstruments create(Meter meter) {
      return new ChatInstruments(
          meter.histogramBuilder("gen_ai.client.operation.duration").setUnit("s")
              .setExplicitBucketBoundariesAdvice(Buckets.GEN_AI_DURATION).build(),
          meter.histogramBuilder("gen_ai.client.token.usage").ofLongs().setUnit("{token}")
              .setExplicitBucketBoundariesAdvice(Buckets.TOKENS).build(),
          meter.histogramBuilder("gen_ai.client.operation.cost").setUnit("{currency_unit}")
              .setExplicitBucketBoundariesAdvice(Buckets.COST).build());
    }
  }

  private record Call(Span span, long startNanos) {}

  private record SpanName(String model, String name) {}

  private record Priced(String currency, Attributes attributes) {}

  /** The metric attributes of one label combination; the currency variant is made on first use. */
  private static final class Labels {
    final String requestModel;
    final String responseModel;
    final Attributes common;
    final Attributes input;
    final Attributes output;
    volatile Priced cost;

    Labels(String requestModel, String responseModel) {
      this.requestModel = requestModel;
      this.responseModel = responseModel;
      AttributesBuilder b = Attributes.builder()
          .put(GEN_AI_OPERATION_NAME, OPERATION)
          .put(GEN_AI_PROVIDER_NAME, PROVIDER);
      if (requestModel != null) {
        b.put(GEN_AI_REQUEST_MODEL, requestModel);
      }
      if (responseModel != null) {
        b.put(GEN_AI_RESPONSE_MODEL, responseModel);
      }
      this.common = b.put(SERVER_ADDRESS, Fixtures.SERVER_ADDRESS).put(SERVER_PORT, SERVER_PORT_VALUE).build();
      this.input = common.toBuilder().put(GEN_AI_TOKEN_TYPE, "input").build();
      this.output = common.toBuilder().put(GEN_AI_TOKEN_TYPE, "output").build();
    }

    boolean matches(String requestModel, String responseModel) {
      return Objects.equals(this.requestModel, requestModel) && Objects.equals(this.responseModel, responseModel);
    }

    Attributes cost(String currency) {
      Priced p = cost;
      if (p == null || !p.currency().equals(currency)) {
        p = new Priced(currency, common.toBuilder().put(GEN_AI_USAGE_COST_CURRENCY, currency).build());
        cost = p;
      }
      return p.attributes();
    }
  }

  private String spanName(String model) {
    SpanName n = spanName;
    if (n == null || !Objects.equals(n.model(), model)) {
      n = new SpanName(model, model == null ? OPERATION : OPERATION + " " + model);
      spanName = n;
    }
    return n.name();
  }

  private Labels labels(String requestModel, String responseModel) {
    Labels l = labels;
    if (l == null || !l.matches(requestModel, responseModel)) {
      l = new Labels(requestModel, responseModel);
      labels = l;
    }
    return l;
  }

  @Override
  public void onRequest(ChatModelRequestContext context) {
    ChatRequest r = context.chatRequest();
    String model = r.modelName();
    SpanBuilder b = tracer.spanBuilder(spanName(model))
        .setSpanKind(SpanKind.CLIENT)
        .setParent(Context.current())
        .setAttribute(GEN_AI_OPERATION_NAME, OPERATION)
        .setAttribute(GEN_AI_PROVIDER_NAME, PROVIDER)
        .setAttribute(GEN_AI_REQUEST_MODEL, model)
        .setAttribute(SERVER_ADDRESS, Fixtures.SERVER_ADDRESS)
        .setAttribute(SERVER_PORT, SERVER_PORT_VALUE);
    Double temperature = r.temperature();
    if (temperature != null) {
      b.setAttribute(GEN_AI_REQUEST_TEMPERATURE, temperature);
    }
    Double topP = r.topP();
    if (topP != null) {
      b.setAttribute(GEN_AI_REQUEST_TOP_P, topP);
    }
    Integer maxTokens = r.maxOutputTokens();
    if (maxTokens != null) {
      b.setAttribute(GEN_AI_REQUEST_MAX_TOKENS, (long) maxTokens);
    }
    Double frequencyPenalty = r.frequencyPenalty();
    if (frequencyPenalty != null) {
      b.setAttribute(GEN_AI_REQUEST_FREQUENCY_PENALTY, frequencyPenalty);
    }
    Double presencePenalty = r.presencePenalty();
    if (presencePenalty != null) {
      b.setAttribute(GEN_AI_REQUEST_PRESENCE_PENALTY, presencePenalty);
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
    String responseModel = response.modelName();
    span.setAttribute(GEN_AI_RESPONSE_ID, response.id());
    span.setAttribute(GEN_AI_RESPONSE_MODEL, responseModel);
    span.setAttribute(GEN_AI_USAGE_INPUT_TOKENS, input);
    span.setAttribute(GEN_AI_USAGE_OUTPUT_TOKENS, output);
    span.setAttribute(GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, cached);
    span.setAttribute(GEN_AI_USAGE_REASONING_OUTPUT_TOKENS, reasoning);
    FinishReason finish = response.finishReason();
    if (finish != null) {
      span.setAttribute(GEN_AI_RESPONSE_FINISH_REASONS, FINISH_REASONS.get(finish.ordinal()));
    }

    String requestModel = context.chatRequest().modelName();
    Labels l = labels(requestModel, responseModel);
    duration.record((System.nanoTime() - call.startNanos()) / 1e9, l.common);
    tokens.record(input, l.input);
    tokens.record(output, l.output);
    TokenUsage usage = new TokenUsage(input, output, cached, 0, reasoning);
    Optional<Cost> c = pricing.cost(responseModel, usage); // priced by the response model, else the request model
    if (c.isEmpty() && requestModel != null && !requestModel.equals(responseModel)) {
      c = pricing.cost(requestModel, usage);
    }
    if (c.isPresent()) {
      Cost value = c.get();
      double amount = value.amount().doubleValue();
      span.setAttribute(GEN_AI_USAGE_COST_AMOUNT, amount);
      span.setAttribute(GEN_AI_USAGE_COST_CURRENCY, value.currency());
      span.setAttribute(GEN_AI_USAGE_COST_SOURCE, COST_SOURCE);
      span.setAttribute(GEN_AI_USAGE_COST, amount);
      cost.record(amount, l.cost(value.currency()));
    }
    span.end();
  }

  /** The semconv finish reason of each {@link FinishReason}, as one immutable list each. */
  private static List<List<String>> finishReasons() {
    FinishReason[] all = FinishReason.values();
    @SuppressWarnings("unchecked")
    List<String>[] lists = new List[all.length];
    for (FinishReason f : all) {
      String semconv;
      switch (f) {
        case STOP:
          semconv = "stop";
          break;
        case LENGTH:
          semconv = "length";
          break;
        case TOOL_EXECUTION:
          semconv = "tool_call";
          break;
        case CONTENT_FILTER:
          semconv = "content_filter";
          break;
        default:
          semconv = "error";
      }
      lists[f.ordinal()] = List.of(semconv);
    }
    return List.of(lists);
  }
}
