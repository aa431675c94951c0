// Specification of CrossDomainCorrelationExample: the correlation as an event on the tool span and a score histogram point.
package dev.aitelemetry.examples.patterns;

import static dev.aitelemetry.core.GenAiAttributes.CORRELATION_SCORE;
import static dev.aitelemetry.core.GenAiAttributes.CORRELATION_SOURCE_DOMAIN;
import static dev.aitelemetry.core.GenAiAttributes.CORRELATION_TARGET_DOMAIN;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_TOOL_NAME;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CrossDomainCorrelationExampleTest {
  /** The conversation and kb-17 share 3 of their 9 distinct words. */
  private static final double KB17_SCORE = 3.0 / 9.0;

  private final InMemoryOtel otel = new InMemoryOtel();
  private CrossDomainCorrelationExample.Correlation correlation;
  private SpanData tool;

  @BeforeEach
  void runExample() {
    correlation = CrossDomainCorrelationExample.run(otel.telemetry);
    assertThat(otel.spans()).hasSize(1);
    tool = otel.spans().get(0);
  }

  @AfterEach
  void close() {
    otel.close();
  }

  @Test
  void bestMatchIsTheEntrySharingMostWords() {
    assertThat(correlation.entryId()).isEqualTo("kb-17");
    assertThat(correlation.score()).isEqualTo(KB17_SCORE);
  }

  @Test
  void correlationIsRecordedInsideTheToolsExecuteToolSpan() {
    assertThat(tool.getName()).isEqualTo("execute_tool relate_to_knowledge");
    assertThat(tool.getKind()).isEqualTo(SpanKind.INTERNAL);
    assertThat(tool.getAttributes().get(GEN_AI_TOOL_NAME)).isEqualTo("relate_to_knowledge");
    assertThat(tool.getAttributes().get(AttributeKey.longKey("app.knowledge.entries_compared"))).isEqualTo(3L);
  }

  @Test
  void toolSpanHasOneCorrelationEventWithDomainsScoreAndTheCallersAttributes() {
    assertThat(tool.getEvents()).extracting(EventData::getName).containsExactly("cross_domain_correlation");
    assertThat(tool.getEvents().get(0).getAttributes()).isEqualTo(Attributes.of(
        CORRELATION_SOURCE_DOMAIN, "conversation",
        CORRELATION_TARGET_DOMAIN, "knowledge_graph",
        CORRELATION_SCORE, KB17_SCORE,
        CrossDomainCorrelationExample.ENTRY_ID, "kb-17"));
  }

  @Test
  void scoreHistogramIsLabelledByTheTwoDomainsOnly() {
    Map<Attributes, HistogramPointData> points = otel.histogram("aitelemetry.correlation.score");

    Attributes domains = Attributes.of(CORRELATION_SOURCE_DOMAIN, "conversation",
        CORRELATION_TARGET_DOMAIN, "knowledge_graph");
    assertThat(points.keySet()).containsExactly(domains);
    assertThat(points.get(domains).getCount()).isEqualTo(1);
    assertThat(points.get(domains).getSum()).isEqualTo(KB17_SCORE);
  }

  @Test
  void correlationIsNotAToolInvocationOfItsOwn() {
    assertThat(otel.counter("mcp.tool.invocations"))
        .isEqualTo(Map.of(Attributes.of(GEN_AI_TOOL_NAME, "relate_to_knowledge"), 1L));
  }
}
