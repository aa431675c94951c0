package dev.aitelemetry.core;

import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.common.Attributes;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** Every metric instrument of the library, created once per {@link AiTelemetry} with its semconv buckets. */
final class Instruments {
  static final List<Double> GEN_AI_DURATION_BUCKETS =
      List.of(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92);
  static final List<Long> TOKEN_BUCKETS =
      List.of(1L, 4L, 16L, 64L, 256L, 1024L, 4096L, 16384L, 65536L, 262144L, 1048576L, 4194304L, 16777216L,
          67108864L);
  static final List<Double> MCP_DURATION_BUCKETS =
      List.of(0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0);
  /** Memory stores behave like databases: the stable {@code db.client.operation.duration} buckets. */
  static final List<Double> MEMORY_DURATION_BUCKETS =
      List.of(0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 10.0);
  /** Cost per call in currency units, from a hundredth of a cent to ten units. */
  static final List<Double> COST_BUCKETS =
      List.of(0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0);
  static final List<Long> RECORD_COUNT_BUCKETS = List.of(0L, 1L, 2L, 5L, 10L, 20L, 50L, 100L, 200L, 500L, 1000L);
  static final List<Double> SCORE_BUCKETS = List.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0);

  final DoubleHistogram operationDuration;
  final LongHistogram tokenUsage;
  final DoubleHistogram timeToFirstChunk;
  final DoubleHistogram operationCost;
  final LongCounter unpricedCalls;
  final DoubleHistogram toolDuration;
  final DoubleHistogram mcpServerDuration;
  final DoubleHistogram mcpClientDuration;
  final LongCounter toolInvocations;
  final DoubleHistogram memoryDuration;
  final LongHistogram memoryRecordCount;
  final DoubleHistogram correlationScore;
  /**
   * Per admitted tool name: the metric attributes of a successful call ({@code gen_ai.tool.name}; plus {@code
   * gen_ai.operation.name}; plus {@code mcp.method.name}). Bounded by the tool-name cardinality guard.
   */
  final ConcurrentHashMap<String, Attributes[]> toolSuccessAttributes = new ConcurrentHashMap<>();
  /** The most label combinations of LLM calls whose metric attributes are kept (see {@code LlmCall}). */
  static final int MAX_CACHED_LLM_ATTRIBUTES = 4096;
  /** Per label combination of an LLM call: its metric attribute sets. */
  final ConcurrentHashMap<LlmCall.MetricKey, LlmCall.MetricAttributes> llmAttributes = new ConcurrentHashMap<>();
  /**
   * The attribute sets of the last LLM call recorded (any thread): most applications use one model, whose calls
   * then skip the guard and map look-ups. A plain field: racing writers are harmless, since the sets are
   * immutable (final fields) and a stale slot only sends a call to the map.
   */
  LlmCall.MetricAttributes lastLlmAttributes;

  Instruments(Meter meter) {
    operationDuration = meter.histogramBuilder("gen_ai.client.operation.duration")
        .setUnit("s").setDescription("GenAI operation duration.")
        .setExplicitBucketBoundariesAdvice(GEN_AI_DURATION_BUCKETS).build();
    tokenUsage = meter.histogramBuilder("gen_ai.client.token.usage").ofLongs()
        .setUnit("{token}").setDescription("Number of input and output tokens used.")
        .setExplicitBucketBoundariesAdvice(TOKEN_BUCKETS).build();
    timeToFirstChunk = meter.histogramBuilder("gen_ai.client.operation.time_to_first_chunk")
        .setUnit("s").setDescription("Time to receive the first chunk in a streaming operation.")
        .setExplicitBucketBoundariesAdvice(GEN_AI_DURATION_BUCKETS).build();
    operationCost = meter.histogramBuilder("gen_ai.client.operation.cost")
        .setUnit("{currency_unit}")
        .setDescription("Cost of one GenAI operation in the currency of gen_ai.usage.cost.currency,"
            + " computed locally from token usage and a pricing table.")
        .setExplicitBucketBoundariesAdvice(COST_BUCKETS).build();
    unpricedCalls = meter.counterBuilder("aitelemetry.cost.unpriced_calls")
        .setUnit("{call}")
        .setDescription("GenAI calls with token usage whose model has no price in the pricing table.").build();
    toolDuration = meter.histogramBuilder("gen_ai.execute_tool.duration")
        .setUnit("s").setDescription("Duration of a tool execution.")
        .setExplicitBucketBoundariesAdvice(GEN_AI_DURATION_BUCKETS).build();
    mcpServerDuration = meter.histogramBuilder("mcp.server.operation.duration")
        .setUnit("s").setDescription("MCP request or notification duration as observed on the receiver.")
        .setExplicitBucketBoundariesAdvice(MCP_DURATION_BUCKETS).build();
    mcpClientDuration = meter.histogramBuilder("mcp.client.operation.duration")
        .setUnit("s").setDescription("MCP request or notification duration as observed on the sender.")
        .setExplicitBucketBoundariesAdvice(MCP_DURATION_BUCKETS).build();
    toolInvocations = meter.counterBuilder("mcp.tool.invocations")
        .setUnit("{invocation}").setDescription("Tool invocations, by tool and error type.").build();
    memoryDuration = meter.histogramBuilder("gen_ai.memory.operation.duration")
        .setUnit("s").setDescription("Duration of a GenAI memory operation.")
        .setExplicitBucketBoundariesAdvice(MEMORY_DURATION_BUCKETS).build();
    memoryRecordCount = meter.histogramBuilder("gen_ai.memory.operation.record_count").ofLongs()
        .setUnit("{record}").setDescription("Records returned (search) or attempted (create, update, delete).")
        .setExplicitBucketBoundariesAdvice(RECORD_COUNT_BUCKETS).build();
    correlationScore = meter.histogramBuilder("aitelemetry.correlation.score")
        .setUnit("{score}").setDescription("Cross-domain correlation scores, by source and target domain.")
        .setExplicitBucketBoundariesAdvice(SCORE_BUCKETS).build();
  }
}
