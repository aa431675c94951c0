package dev.aitelemetry.core;

import static dev.aitelemetry.core.GenAiAttributes.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aitelemetry.cost.Cost;
import dev.aitelemetry.cost.CostModel;
import dev.aitelemetry.cost.TokenUsage;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Metric attribute sets are built once per label combination and reused (issue #7): every point must still carry
 * exactly its own labels, whatever mix of models, errors, currencies and tools came before.
 */
class MetricAttributeReuseTest {
  /** Prices "eu-model" in EUR and everything else in USD, 1 per token. */
  static final CostModel TWO_CURRENCIES = (model, usage) -> Optional.of(new Cost(
      BigDecimal.valueOf(usage.inputTokens()), model.startsWith("eu") ? "EUR" : "USD", model, Map.of()));

  final TestTelemetry otel = new TestTelemetry();

  @AfterEach
  void close() {
    otel.close();
  }

  private static void call(AiTelemetry t, String model, String responseModel, String error) {
    LlmCall c = t.llmCall("openai", model).server("api.example.com", 443).start();
    c.setResponseModel(responseModel);
    c.setUsage(new TokenUsage(10, 5, 0, 0, 0));
    if (error != null) {
      c.setError(error, null);
    }
    c.end();
  }

  @Test
  void llmPointsKeepTheirOwnLabelsAcrossModelsErrorsAndCurrencies() {
    AiTelemetry t = otel.builder().pricing(TWO_CURRENCIES).build();
    for (int i = 0; i < 3; i++) {
      call(t, "eu-model", "eu-model-1", null);
      call(t, "us-model", "us-model-1", null);
      call(t, "us-model", "us-model-1", "429");
      call(t, "eu-model", null, null);
    }

    Map<Attributes, Long> durations = TestTelemetry.histogramPoints(otel.requireMetric(
        "gen_ai.client.operation.duration")).stream()
        .collect(Collectors.toMap(HistogramPointData::getAttributes, HistogramPointData::getCount));
    Attributes eu = Attributes.builder().put(GEN_AI_OPERATION_NAME, "chat").put(GEN_AI_PROVIDER_NAME, "openai")
        .put(GEN_AI_REQUEST_MODEL, "eu-model").put(SERVER_ADDRESS, "api.example.com").put(SERVER_PORT, 443L)
        .build();
    Attributes eu1 = eu.toBuilder().put(GEN_AI_RESPONSE_MODEL, "eu-model-1").build();
    Attributes us1 = eu.toBuilder().put(GEN_AI_REQUEST_MODEL, "us-model").put(GEN_AI_RESPONSE_MODEL, "us-model-1")
        .build();
    assertThat(durations).containsOnly(Map.entry(eu1, 3L), Map.entry(us1, 3L),
        Map.entry(us1.toBuilder().put(ERROR_TYPE, "429").build(), 3L), Map.entry(eu, 3L));

    Map<Attributes, Long> costs = TestTelemetry.histogramPoints(otel.requireMetric(
        "gen_ai.client.operation.cost")).stream()
        .collect(Collectors.toMap(HistogramPointData::getAttributes, HistogramPointData::getCount));
    assertThat(costs).containsOnly(
        Map.entry(eu1.toBuilder().put(GEN_AI_USAGE_COST_CURRENCY, "EUR").build(), 3L),
        Map.entry(us1.toBuilder().put(GEN_AI_USAGE_COST_CURRENCY, "USD").build(), 6L),
        Map.entry(eu.toBuilder().put(GEN_AI_USAGE_COST_CURRENCY, "EUR").build(), 3L));

    List<Attributes> tokens = TestTelemetry.histogramPoints(otel.requireMetric("gen_ai.client.token.usage"))
        .stream().map(HistogramPointData::getAttributes).collect(Collectors.toList());
    assertThat(tokens).hasSize(6).contains(eu1.toBuilder().put(GEN_AI_TOKEN_TYPE, "input").build(),
        us1.toBuilder().put(GEN_AI_TOKEN_TYPE, "output").build());
  }

  @Test
  void toolPointsKeepTheirOwnLabelsAcrossToolsAndErrors() {
    AiTelemetry t = otel.builder().build();
    for (int i = 0; i < 2; i++) {
      t.mcpToolCall("search").start().end();
      ToolInvocation failed = t.mcpToolCall("search").start();
      failed.setError("tool_error", null);
      failed.end();
      t.mcpToolCall("fetch").start().end();
    }

    Map<Attributes, Long> counted = otel.requireMetric("mcp.tool.invocations").getLongSumData().getPoints()
        .stream().collect(Collectors.toMap(LongPointData::getAttributes, LongPointData::getValue));
    assertThat(counted).containsOnly(
        Map.entry(Attributes.of(GEN_AI_TOOL_NAME, "search"), 2L),
        Map.entry(Attributes.of(GEN_AI_TOOL_NAME, "search", ERROR_TYPE, "tool_error"), 2L),
        Map.entry(Attributes.of(GEN_AI_TOOL_NAME, "fetch"), 2L));
    Map<Attributes, Long> durations = TestTelemetry.histogramPoints(otel.requireMetric(
        "mcp.server.operation.duration")).stream()
        .collect(Collectors.toMap(HistogramPointData::getAttributes, HistogramPointData::getCount));
    Attributes search = Attributes.builder().put(GEN_AI_TOOL_NAME, "search")
        .put(GEN_AI_OPERATION_NAME, "execute_tool").put(MCP_METHOD_NAME, "tools/call").build();
    assertThat(durations).containsOnly(Map.entry(search, 2L),
        Map.entry(search.toBuilder().put(ERROR_TYPE, "tool_error").build(), 2L),
        Map.entry(search.toBuilder().put(GEN_AI_TOOL_NAME, "fetch").build(), 2L));
  }
}
