package dev.aitelemetry.benchmarks;

import static dev.aitelemetry.core.GenAiAttributes.*;

import dev.aitelemetry.core.AiTelemetry;
import dev.aitelemetry.cost.Cost;
import dev.aitelemetry.cost.PricingTable;
import dev.aitelemetry.cost.TokenUsage;
import dev.aitelemetry.langchain4j.LangChain4jTelemetry;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue #7 §2: the library's listener call with {@link OpenTelemetry#noop()} ({@code aitelemetryNoop}) against
 * {@code noopApi}, the OpenTelemetry API calls the bare-SDK listener makes for one call (span builder, its 10
 * start attributes, start, 11 span attributes, 4 metric records, end) made directly on the no-op API and nothing
 * else: no pricing, no clock reads, no per-call state map. All three go through the same LangChain4j objects
 * ({@code harness}: a fresh attributes map and two contexts per call). {@code noopBareListener} is the whole bare
 * listener on the no-op API, pricing ({@code BigDecimal}) included: what an application that hand-wrote its
 * instrumentation would still pay with OpenTelemetry switched off; shown for information, not a target baseline.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
public class DisabledPathBenchmark {
  private ChatModelListener aitelemetry;
  private ChatModelListener noopApi;
  private ChatModelListener noopBareListener;
  private final ChatRequest request = Fixtures.chatRequest();
  private final ChatResponse response = Fixtures.chatResponse();

  @Setup
  public void setUp() {
    PricingTable pricing = PricingTable.defaults();
    AiTelemetry telemetry = AiTelemetry.builder(OpenTelemetry.noop()).pricing(pricing).build();
    aitelemetry = LangChain4jTelemetry.builder(telemetry)
        .server(Fixtures.SERVER_ADDRESS, Fixtures.SERVER_PORT).build().chatModelListener();
    noopApi = new ApiCallsOnlyListener(OpenTelemetry.noop(), request, response, pricing);
    noopBareListener = new BareSdkChatListener(OpenTelemetry.noop(), pricing);
  }

  @Benchmark
  public Map<Object, Object> harness() {
    return ChatListenerBenchmark.call(ChatListenerBenchmark.NoListener.INSTANCE, request, response);
  }

  @Benchmark
  public Map<Object, Object> noopApi() {
    return ChatListenerBenchmark.call(noopApi, request, response);
  }

  @Benchmark
  public Map<Object, Object> noopBareListener() {
    return ChatListenerBenchmark.call(noopBareListener, request, response);
  }

  @Benchmark
  public Map<Object, Object> aitelemetryNoop() {
    return ChatListenerBenchmark.call(aitelemetry, request, response);
  }

  /**
   * Exactly the OpenTelemetry API calls {@link BareSdkChatListener} makes for one call, with the same arguments
   * read from the same LangChain4j objects, and no other work: the span name, the metric attribute sets and the
   * cost (which the bare listener caches or computes) are prepared in the constructor, the duration is a constant
   * (clock reads are not API calls), and the span is carried from {@code onRequest} to {@code onResponse} in a
   * field (JMH runs this benchmark on one thread) instead of the per-call map. On a recording SDK it produces the
   * bare listener's spans and metric points ({@code BaselineEquivalenceTest}).
   */
  static final class ApiCallsOnlyListener implements ChatModelListener {
    private static final double DURATION_SECONDS = 0.5;

    private final Tracer tracer;
    private final DoubleHistogram duration;
    private final LongHistogram tokens;
    private final DoubleHistogram cost;
    private final String spanName;
    private final Attributes common;
    private final Attributes input;
    private final Attributes output;
    private final Attributes costAttributes;
    private final double amount;
    private final String currency;
    private final List<String> finishReasons = List.of("stop");
    private Span span;

    ApiCallsOnlyListener(OpenTelemetry openTelemetry, ChatRequest request, ChatResponse response,
        PricingTable pricing) {
      this.tracer = openTelemetry.getTracer("bare");
      Meter meter = openTelemetry.getMeter("bare");
      BareSdkChatListener.ChatInstruments instruments = BareSdkChatListener.ChatInstruments.create(meter);
      this.duration = instruments.duration();
      this.tokens = instruments.tokens();
      this.cost = instruments.cost();
      this.spanName = BareSdkChatListener.OPERATION + " " + request.modelName();
      this.common = Attributes.builder()
          .put(GEN_AI_OPERATION_NAME, BareSdkChatListener.OPERATION)
          .put(GEN_AI_PROVIDER_NAME, BareSdkChatListener.PROVIDER)
          .put(GEN_AI_REQUEST_MODEL, request.modelName())
          .put(GEN_AI_RESPONSE_MODEL, response.modelName())
          .put(SERVER_ADDRESS, Fixtures.SERVER_ADDRESS)
          .put(SERVER_PORT, BareSdkChatListener.SERVER_PORT_VALUE)
          .build();
      this.input = common.toBuilder().put(GEN_AI_TOKEN_TYPE, "input").build();
      this.output = common.toBuilder().put(GEN_AI_TOKEN_TYPE, "output").build();
      OpenAiTokenUsage u = (OpenAiTokenUsage) response.tokenUsage();
      Cost c = pricing.cost(response.modelName(), new TokenUsage(u.inputTokenCount(), u.outputTokenCount(),
          u.inputTokensDetails().cachedTokens(), 0, u.outputTokensDetails().reasoningTokens())).orElseThrow();
      this.amount = c.amount().doubleValue();
      this.currency = c.currency();
      this.costAttributes = common.toBuilder().put(GEN_AI_USAGE_COST_CURRENCY, currency).build();
    }

    @Override
    public void onRequest(ChatModelRequestContext context) {
      ChatRequest r = context.chatRequest();
      SpanBuilder b = tracer.spanBuilder(spanName)
          .setSpanKind(SpanKind.CLIENT)
          .setParent(Context.current())
          .setAttribute(GEN_AI_OPERATION_NAME, BareSdkChatListener.OPERATION)
          .setAttribute(GEN_AI_PROVIDER_NAME, BareSdkChatListener.PROVIDER)
          .setAttribute(GEN_AI_REQUEST_MODEL, r.modelName())
          .setAttribute(SERVER_ADDRESS, Fixtures.SERVER_ADDRESS)
          .setAttribute(SERVER_PORT, BareSdkChatListener.SERVER_PORT_VALUE)
          .setAttribute(GEN_AI_REQUEST_TEMPERATURE, r.temperature())
          .setAttribute(GEN_AI_REQUEST_TOP_P, r.topP())
          .setAttribute(GEN_AI_REQUEST_MAX_TOKENS, (long) r.maxOutputTokens())
          .setAttribute(GEN_AI_REQUEST_FREQUENCY_PENALTY, r.frequencyPenalty())
          .setAttribute(GEN_AI_REQUEST_PRESENCE_PENALTY, r.presencePenalty());
      span = b.startSpan();
    }

    @Override
    public void onResponse(ChatModelResponseContext context) {
      ChatResponse response = context.chatResponse();
      OpenAiTokenUsage u = (OpenAiTokenUsage) response.tokenUsage();
      long in = u.inputTokenCount();
      long out = u.outputTokenCount();
      Span s = span;
      span = null;
      s.setAttribute(GEN_AI_RESPONSE_ID, response.id());
      s.setAttribute(GEN_AI_RESPONSE_MODEL, response.modelName());
      s.setAttribute(GEN_AI_USAGE_INPUT_TOKENS, in);
      s.setAttribute(GEN_AI_USAGE_OUTPUT_TOKENS, out);
      s.setAttribute(GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, (long) u.inputTokensDetails().cachedTokens());
      s.setAttribute(GEN_AI_USAGE_REASONING_OUTPUT_TOKENS, (long) u.outputTokensDetails().reasoningTokens());
      s.setAttribute(GEN_AI_RESPONSE_FINISH_REASONS, finishReasons);
      duration.record(DURATION_SECONDS, common);
      tokens.record(in, input);
      tokens.record(out, output);
      s.setAttribute(GEN_AI_USAGE_COST_AMOUNT, amount);
      s.setAttribute(GEN_AI_USAGE_COST_CURRENCY, currency);
      s.setAttribute(GEN_AI_USAGE_COST_SOURCE, BareSdkChatListener.COST_SOURCE);
      s.setAttribute(GEN_AI_USAGE_COST, amount);
      cost.record(amount, costAttributes);
      s.end();
    }
  }
}
