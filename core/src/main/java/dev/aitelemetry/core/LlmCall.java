package dev.aitelemetry.core;

import static dev.aitelemetry.core.GenAiAttributes.*;

import dev.aitelemetry.cost.Cost;
import dev.aitelemetry.cost.TokenUsage;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.util.List;
import java.util.Optional;

/**
 * A call to a model: chat, text completion, content generation or embeddings. The span is named {@code
 * {operation} {model}} (e.g. {@code chat gpt-4o}) and is a CLIENT span by default.
 *
 * <p>{@link #setUsage(TokenUsage)} records token counts; when the call ends, its cost is computed through the
 * configured {@link dev.aitelemetry.cost.CostModel} from the response model (or, if that is not priced, the
 * request model) and set as {@code gen_ai.usage.cost.*} attributes and the {@code gen_ai.client.operation.cost}
 * metric. An unpriced model gets no cost attribute and counts in {@code aitelemetry.cost.unpriced_calls}.
 */
public final class LlmCall extends AiOperation {
  private final String operationName;
  private final String provider;
  private final String requestModel;
  private final String serverAddress;
  private final Long serverPort;
  private volatile String responseModel;
  private volatile TokenUsage usage;
  private volatile long firstChunkNanos;
  private volatile Optional<Cost> cost;

  private LlmCall(AiTelemetry telemetry, Span span, Context parent, Builder b) {
    super(telemetry, span, parent);
    this.operationName = b.operationName;
    this.provider = b.provider;
    this.requestModel = b.requestModel;
    this.serverAddress = b.serverAddress;
    this.serverPort = b.serverPort;
  }

  /** The model name the provider answered with, e.g. {@code gpt-4o-2024-08-06}. */
  public void setResponseModel(String model) {
    if (model != null) {
      responseModel = model;
      guard("setResponseModel", () -> span.setAttribute(GEN_AI_RESPONSE_MODEL, model));
    }
  }

  /** The provider's id of the response. */
  public void setResponseId(String id) {
    setAttribute(GEN_AI_RESPONSE_ID, id);
  }

  /** Finish reasons, one per choice, as semconv values ({@code stop}, {@code length}, {@code tool_call}, …). */
  public void setFinishReasons(List<String> reasons) {
    if (reasons != null && !reasons.isEmpty()) {
      setAttribute(GEN_AI_RESPONSE_FINISH_REASONS, List.copyOf(reasons));
    }
  }

  /** The conversation (session, thread, memory id) this call belongs to, when known. */
  public void setConversationId(String conversationId) {
    setAttribute(GEN_AI_CONVERSATION_ID, conversationId);
  }

  /**
   * Token usage as reported by the provider, input including cached tokens and output including reasoning
   * tokens. Zero cache and reasoning counts are not written as attributes.
   */
  public void setUsage(TokenUsage usage) {
    if (usage == null) {
      return;
    }
    this.usage = usage;
    if (cost != null) {
      cost = null; // a volatile write (a fence) only when a cost was computed for an earlier usage
    }
    guard("setUsage", () -> {
      span.setAttribute(GEN_AI_USAGE_INPUT_TOKENS, usage.inputTokens());
      if (!EMBEDDINGS_OPERATION.equals(operationName)) {
        span.setAttribute(GEN_AI_USAGE_OUTPUT_TOKENS, usage.outputTokens());
      }
      if (usage.cacheReadInputTokens() > 0) {
        span.setAttribute(GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, usage.cacheReadInputTokens());
      }
      if (usage.cacheWriteInputTokens() > 0) {
        span.setAttribute(
            telemetry.latestExperimentalSemconv()
                ? GEN_AI_USAGE_CACHE_WRITE_INPUT_TOKENS
                : GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
            usage.cacheWriteInputTokens());
      }
      if (usage.reasoningOutputTokens() > 0) {
        span.setAttribute(GEN_AI_USAGE_REASONING_OUTPUT_TOKENS, usage.reasoningOutputTokens());
      }
    });
  }

  /** The usage set so far, or null. */
  public TokenUsage usage() {
    return usage;
  }

  /**
   * The cost of the usage set so far, priced by the response model if known and priced, else by the request
   * model; empty when there is no usage or no price. Never throws: a failing cost model yields empty.
   */
  public Optional<Cost> cost() {
    Optional<Cost> c = cost;
    if (c == null) {
      c = computeCost();
      cost = c;
    }
    return c;
  }

  /** Marks the arrival of the first streamed chunk; only the first call counts. */
  public void recordFirstChunk() {
    if (firstChunkNanos == 0) {
      long now = System.nanoTime();
      firstChunkNanos = now;
      setAttribute(GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK, (now - startNanos) / 1e9);
    }
  }

  /** The output messages as a JSON string in the semconv schema; recorded only when content capture is on. */
  public void setOutputMessages(String json) {
    guard("setOutputMessages", () -> setContent(GEN_AI_OUTPUT_MESSAGES, json));
  }

  /** The number of dimensions of the returned embeddings. */
  public void setEmbeddingsDimensionCount(long dimensions) {
    setAttribute(GEN_AI_EMBEDDINGS_DIMENSION_COUNT, dimensions);
  }

  private static final String EMBEDDINGS_OPERATION = Operations.EMBEDDINGS;

  private Optional<Cost> computeCost() {
    TokenUsage u = usage;
    if (u == null) {
      return Optional.empty();
    }
    Optional<Cost> c = Optional.empty();
    String rm = responseModel;
    if (rm != null) {
      c = telemetry.price(rm, u);
    }
    if (c.isEmpty() && requestModel != null && !requestModel.equals(rm)) {
      c = telemetry.price(requestModel, u);
    }
    return c;
  }

  @Override
  void onEnd(String errorType, double seconds) {
    Instruments m = telemetry.instruments();
    String rm = responseModel;
    // The last label combination recorded, compared with this call's raw labels: a model that passed the
    // cardinality guard once always passes, so a match means the same admitted labels (no guard or map look-up).
    MetricAttributes a = m.lastLlmAttributes;
    if (a == null || !a.key.matches(operationName, provider, requestModel, rm, serverAddress, serverPort)) {
      String requestModelLabel = requestModel == null ? null : telemetry.modelGuard().admit(requestModel);
      String responseModelLabel = rm == null ? null : telemetry.responseModelGuard().admit(rm);
      a = metricAttributes(m, requestModelLabel, responseModelLabel);
      m.lastLlmAttributes = a;
    }
    Attributes common = a.common;

    Attributes durationAttributes =
        errorType == null ? common : common.toBuilder().put(ERROR_TYPE, errorType).build();
    m.operationDuration.record(seconds, durationAttributes);

    if (firstChunkNanos != 0) {
      m.timeToFirstChunk.record((firstChunkNanos - startNanos) / 1e9, common);
    }

    TokenUsage u = usage;
    if (u == null) {
      return;
    }
    m.tokenUsage.record(u.inputTokens(), a.input());
    if (!EMBEDDINGS_OPERATION.equals(operationName)) {
      m.tokenUsage.record(u.outputTokens(), a.output());
    }
    Optional<Cost> c = cost();
    if (c.isPresent()) {
      Cost value = c.get();
      double amount = value.amount().doubleValue();
      span.setAttribute(GEN_AI_USAGE_COST_AMOUNT, amount);
      span.setAttribute(GEN_AI_USAGE_COST_CURRENCY, value.currency());
      span.setAttribute(GEN_AI_USAGE_COST_SOURCE, "local");
      span.setAttribute(GEN_AI_USAGE_COST, amount);
      m.operationCost.record(amount, a.cost(value.currency()));
    } else {
      m.unpricedCalls.add(1, common);
    }
  }

  /**
   * The metric attribute sets of this call's labels, built once per distinct label combination (model labels are
   * bounded by the cardinality guard; at most {@link Instruments#MAX_CACHED_LLM_ATTRIBUTES} combinations are kept,
   * later ones are built per call): no per-call building, sorting and hashing of attribute sets.
   */
  private MetricAttributes metricAttributes(Instruments m, String requestModelLabel, String responseModelLabel) {
    MetricKey key = new MetricKey(operationName, provider, requestModelLabel, responseModelLabel, serverAddress,
        serverPort);
    MetricAttributes a = m.llmAttributes.get(key);
    if (a == null) {
      AttributesBuilder base = Attributes.builder();
      base.put(GEN_AI_OPERATION_NAME, operationName);
      if (provider != null) {
        base.put(GEN_AI_PROVIDER_NAME, provider);
      }
      if (requestModelLabel != null) {
        base.put(GEN_AI_REQUEST_MODEL, requestModelLabel);
      }
      if (responseModelLabel != null) {
        base.put(GEN_AI_RESPONSE_MODEL, responseModelLabel);
      }
      if (serverAddress != null) {
        base.put(SERVER_ADDRESS, serverAddress);
        if (serverPort != null) {
          base.put(SERVER_PORT, serverPort);
        }
      }
      a = new MetricAttributes(key, base.build());
      if (m.llmAttributes.size() < Instruments.MAX_CACHED_LLM_ATTRIBUTES) {
        MetricAttributes raced = m.llmAttributes.putIfAbsent(key, a);
        if (raced != null) {
          a = raced;
        }
      }
    }
    return a;
  }

  /** The labels that make up the metric attributes of an LLM call. */
  record MetricKey(String operation, String provider, String requestModel, String responseModel, String server,
      Long port) {
    boolean matches(String operation, String provider, String requestModel, String responseModel, String server,
        Long port) {
      return java.util.Objects.equals(this.requestModel, requestModel)
          && java.util.Objects.equals(this.responseModel, responseModel)
          && java.util.Objects.equals(this.operation, operation)
          && java.util.Objects.equals(this.provider, provider)
          && java.util.Objects.equals(this.server, server)
          && java.util.Objects.equals(this.port, port);
    }
  }

  /** The attribute sets for one label combination; token-type and currency variants made on first use. */
  static final class MetricAttributes {
    final MetricKey key;
    final Attributes common;
    private volatile Attributes input;
    private volatile Attributes output;
    private volatile Attributes cost;

    MetricAttributes(MetricKey key, Attributes common) {
      this.key = key;
      this.common = common;
    }

    Attributes input() {
      Attributes a = input;
      if (a == null) {
        a = common.toBuilder().put(GEN_AI_TOKEN_TYPE, TokenTypes.INPUT).build();
        input = a;
      }
      return a;
    }

    Attributes output() {
      Attributes a = output;
      if (a == null) {
        a = common.toBuilder().put(GEN_AI_TOKEN_TYPE, TokenTypes.OUTPUT).build();
        output = a;
      }
      return a;
    }

    Attributes cost(String currency) {
      Attributes a = cost; // one volatile read: the currency is checked on the attributes themselves
      if (a != null && java.util.Objects.equals(currency, a.get(GEN_AI_USAGE_COST_CURRENCY))) {
        return a;
      }
      a = common.toBuilder().put(GEN_AI_USAGE_COST_CURRENCY, currency).build();
      cost = a;
      return a;
    }
  }

  /**
   * Describes an LLM call before it starts. Everything set here is on the span from its start, where samplers
   * can see it. Null arguments are ignored, so an unset request parameter is never written as zero.
   */
  public static final class Builder extends OperationBuilder<Builder> {
    private String operationName = Operations.CHAT;
    private final String provider;
    private final String requestModel;
    private String serverAddress;
    private Long serverPort;
    private String systemInstructions;
    private String inputMessages;
    private String toolDefinitions;

    Builder(AiTelemetry telemetry, String provider, String requestModel) {
      super(telemetry, SpanKind.CLIENT, 12);
      this.provider = provider;
      this.requestModel = requestModel;
    }

    /** {@code gen_ai.operation.name}: {@code chat} by default; see {@link GenAiAttributes.Operations}. */
    public Builder operationName(String operationName) {
      if (operationName != null && !operationName.isBlank()) {
        this.operationName = operationName;
      }
      return this;
    }

    /** The server the call goes to, e.g. {@code api.openai.com} and 443. */
    public Builder server(String address, Integer port) {
      this.serverAddress = address;
      this.serverPort = address == null || port == null || port <= 0 ? null : port.longValue();
      return this;
    }

    /**
     * {@code gen_ai.request.temperature}: the sampling temperature the request asked for.
     *
     * @param value the temperature; null leaves the attribute out
     * @return this builder
     */
    public Builder temperature(Double value) {
      put(GEN_AI_REQUEST_TEMPERATURE, value);
      return this;
    }

    /**
     * {@code gen_ai.request.top_p}: the nucleus-sampling probability mass the request asked for.
     *
     * @param value the top-p value; null leaves the attribute out
     * @return this builder
     */
    public Builder topP(Double value) {
      put(GEN_AI_REQUEST_TOP_P, value);
      return this;
    }

    /**
     * {@code gen_ai.request.top_k}: top-k sampling; written as a double in semconv v1.41, as a long under {@code
     * gen_ai_latest_experimental}.
     *
     * @param value the top-k value; null leaves the attribute out
     * @return this builder
     */
    public Builder topK(Number value) {
      if (value != null) {
        if (telemetry.latestExperimentalSemconv()) {
          put(GEN_AI_REQUEST_TOP_K_INT, value.longValue());
        } else {
          put(GEN_AI_REQUEST_TOP_K, value.doubleValue());
        }
      }
      return this;
    }

    /**
     * {@code gen_ai.request.max_tokens}: the most tokens the model may generate.
     *
     * @param value the limit, recorded as a long (a fractional value is truncated); null leaves the attribute out
     * @return this builder
     */
    public Builder maxTokens(Number value) {
      put(GEN_AI_REQUEST_MAX_TOKENS, value == null ? null : value.longValue());
      return this;
    }

    /**
     * {@code gen_ai.request.frequency_penalty}.
     *
     * @param value the frequency penalty; null leaves the attribute out
     * @return this builder
     */
    public Builder frequencyPenalty(Double value) {
      put(GEN_AI_REQUEST_FREQUENCY_PENALTY, value);
      return this;
    }

    /**
     * {@code gen_ai.request.presence_penalty}.
     *
     * @param value the presence penalty; null leaves the attribute out
     * @return this builder
     */
    public Builder presencePenalty(Double value) {
      put(GEN_AI_REQUEST_PRESENCE_PENALTY, value);
      return this;
    }

    /**
     * {@code gen_ai.request.stop_sequences}: the sequences at which the model stops generating.
     *
     * @param value the stop sequences, copied; null or an empty list leaves the attribute out
     * @return this builder
     */
    public Builder stopSequences(List<String> value) {
      if (value != null && !value.isEmpty()) {
        put(GEN_AI_REQUEST_STOP_SEQUENCES, List.copyOf(value));
      }
      return this;
    }

    /**
     * {@code gen_ai.request.seed}: the seed the request asked for, for reproducible sampling.
     *
     * @param value the seed, recorded as a long; null leaves the attribute out
     * @return this builder
     */
    public Builder seed(Number value) {
      put(GEN_AI_REQUEST_SEED, value == null ? null : value.longValue());
      return this;
    }

    /** Number of choices requested; written only when it is not 1, as the conventions ask. */
    public Builder choiceCount(Integer value) {
      if (value != null && value != 1) {
        put(GEN_AI_REQUEST_CHOICE_COUNT, value.longValue());
      }
      return this;
    }

    /** {@code gen_ai.output.type}: {@code text}, {@code json}, {@code image} or {@code speech}. */
    public Builder outputType(String value) {
      put(GEN_AI_OUTPUT_TYPE, value);
      return this;
    }

    /** Marks a streaming request. */
    public Builder streaming(boolean streaming) {
      if (streaming) {
        put(GEN_AI_REQUEST_STREAM, true);
      }
      return this;
    }

    /**
     * {@code gen_ai.conversation.id}: the conversation (session, thread) this call belongs to. A span attribute
     * only, never a metric label; it can also be set later with {@link LlmCall#setConversationId(String)}.
     *
     * @param value the conversation id; null leaves the attribute out
     * @return this builder
     */
    public Builder conversationId(String value) {
      put(GEN_AI_CONVERSATION_ID, value);
      return this;
    }

    /**
     * {@code gen_ai.request.encoding_formats}: the encodings an embeddings request asked for, e.g. {@code float} or
     * {@code base64}.
     *
     * @param value the formats, copied; null or an empty list leaves the attribute out
     * @return this builder
     */
    public Builder encodingFormats(List<String> value) {
      if (value != null && !value.isEmpty()) {
        put(GEN_AI_REQUEST_ENCODING_FORMATS, List.copyOf(value));
      }
      return this;
    }

    /** System instructions as a JSON string; recorded only when content capture is on. */
    public Builder systemInstructions(String json) {
      this.systemInstructions = json;
      return this;
    }

    /** Input messages as a JSON string in the semconv schema; recorded only when content capture is on. */
    public Builder inputMessages(String json) {
      this.inputMessages = json;
      return this;
    }

    /** Tool definitions as a JSON string; recorded only when content capture is on. */
    public Builder toolDefinitions(String json) {
      this.toolDefinitions = json;
      return this;
    }

    /** Starts the call without making it current; end it with {@link LlmCall#end()} on any thread. */
    public LlmCall start() {
      put(GEN_AI_OPERATION_NAME, operationName);
      put(GEN_AI_PROVIDER_NAME, provider);
      put(GEN_AI_REQUEST_MODEL, requestModel);
      if (serverAddress != null) {
        put(SERVER_ADDRESS, serverAddress);
        put(SERVER_PORT, serverPort);
      }
      Context parentContext = resolvedParent();
      String name = requestModel == null ? operationName : operationName + " " + requestModel;
      LlmCall call = new LlmCall(telemetry, startSpan(name, parentContext), parentContext, this);
      call.guard("content", () -> {
        call.setContent(GEN_AI_SYSTEM_INSTRUCTIONS, systemInstructions);
        call.setContent(GEN_AI_INPUT_MESSAGES, inputMessages);
        call.setContent(GEN_AI_TOOL_DEFINITIONS, toolDefinitions);
      });
      return call;
    }

    /** Starts the call and makes it current until {@link LlmCall#close()}; for try-with-resources. */
    public LlmCall startCurrent() {
      LlmCall call = start();
      call.enterScope();
      return call;
    }
  }
}
