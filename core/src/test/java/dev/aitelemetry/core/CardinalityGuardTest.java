package dev.aitelemetry.core;

import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_REQUEST_MODEL;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_TOOL_NAME;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CardinalityGuardTest {
  final TestTelemetry otel = new TestTelemetry();

  @AfterEach
  void close() {
    otel.close();
  }

  @Test
  void valuesBeyondTheLimitBecomeOther() {
    CardinalityGuard guard = new CardinalityGuard(2);

    assertThat(guard.admit("a")).isEqualTo("a");
    assertThat(guard.admit("b")).isEqualTo("b");
    assertThat(guard.admit("c")).isEqualTo("_OTHER");
    assertThat(guard.admit("a")).isEqualTo("a");
    assertThat(guard.size()).isEqualTo(2);
  }

  @Test
  void modelNamesOnMetricsCollapseToOtherPastTheConfiguredLimit() {
    AiTelemetry telemetry = otel.builder().maxDistinctMetricValues(3).build();
    for (int i = 0; i < 50; i++) {
      telemetry.llmCall("openai", "model-" + i).start().end();
    }

    Set<String> models = TestTelemetry.histogramPoints(otel.requireMetric("gen_ai.client.operation.duration"))
        .stream().map(p -> p.getAttributes().get(GEN_AI_REQUEST_MODEL)).collect(Collectors.toSet());
    assertThat(models).containsExactlyInAnyOrder("model-0", "model-1", "model-2", "_OTHER");
    // Spans keep the real name: only metric labels are bounded.
    assertThat(otel.finishedSpans().get(49).getName()).isEqualTo("chat model-49");
  }

  @Test
  void responseModelNamesHaveTheirOwnBudgetSoDatedSnapshotsDoNotCrowdOutRequestModels() {
    AiTelemetry telemetry = otel.builder().maxDistinctMetricValues(2).build();
    for (String model : new String[] {"gpt-4o", "gpt-4o-mini"}) {
      LlmCall call = telemetry.llmCall("openai", model).start();
      call.setResponseModel(model + "-2024-08-06");
      call.end();
    }

    var points = TestTelemetry.histogramPoints(otel.requireMetric("gen_ai.client.operation.duration"));
    assertThat(points.stream().map(p -> p.getAttributes().get(GEN_AI_REQUEST_MODEL)))
        .containsExactlyInAnyOrder("gpt-4o", "gpt-4o-mini");
    assertThat(points.stream().map(p -> p.getAttributes().get(GenAiAttributes.GEN_AI_RESPONSE_MODEL)))
        .containsExactlyInAnyOrder("gpt-4o-2024-08-06", "gpt-4o-mini-2024-08-06");
  }

  @Test
  void toolNamesOnMetricsAreBoundedToo() {
    AiTelemetry telemetry = otel.builder().maxDistinctMetricValues(1).build();
    telemetry.mcpToolCall("a").start().end();
    telemetry.mcpToolCall("b").start().end();

    Set<String> tools = TestTelemetry.counterPoints(otel.requireMetric("mcp.tool.invocations")).stream()
        .map(p -> p.getAttributes().get(GEN_AI_TOOL_NAME)).collect(Collectors.toSet());
    assertThat(tools).containsExactlyInAnyOrder("a", "_OTHER");
  }
}
