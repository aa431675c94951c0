package dev.aitelemetry.core;

import static dev.aitelemetry.core.GenAiAttributes.*;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.equalTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryOperationTest {
  final TestTelemetry otel = new TestTelemetry();

  @AfterEach
  void close() {
    otel.close();
  }

  @Test
  void searchIsAClientSpanNamedAfterTheOperation() {
    AiTelemetry telemetry = otel.builder().build();
    MemoryOperation op = telemetry.memoryOperation(MemoryOperationType.SEARCH, "knowledge_graph").start();
    op.setRecordCount(3);
    op.end();

    assertThat(otel.onlySpan()).hasName("search_memory").hasKind(SpanKind.CLIENT)
        .hasAttributesSatisfyingExactly(
            equalTo(GEN_AI_OPERATION_NAME, "search_memory"),
            equalTo(GEN_AI_MEMORY_STORE_ID, "knowledge_graph"),
            equalTo(GEN_AI_MEMORY_RECORD_COUNT, 3L));
  }

  @Test
  void inProcessStoreIsAnInternalSpan() {
    AiTelemetry telemetry = otel.builder().build();
    telemetry.memoryOperation(MemoryOperationType.CREATE, "s").inProcess().recordId("r-1").start().end();

    assertThat(otel.onlySpan()).hasName("create_memory").hasKind(SpanKind.INTERNAL)
        .hasAttributesSatisfying(equalTo(GEN_AI_MEMORY_RECORD_ID, "r-1"));
  }

  @Test
  void queryTextIsOptIn() {
    otel.builder().build().memoryOperation(MemoryOperationType.SEARCH, "s").queryText("how to fix X").start().end();
    assertThat(otel.onlySpan().getAttributes().get(GEN_AI_MEMORY_QUERY_TEXT)).isNull();

    otel.spans.reset();
    otel.builder().captureContent(true).build()
        .memoryOperation(MemoryOperationType.SEARCH, "s").queryText("how to fix X").start().end();
    assertThat(otel.onlySpan().getAttributes().get(GEN_AI_MEMORY_QUERY_TEXT)).isEqualTo("how to fix X");
  }

  @Test
  void durationAndRecordCountMetricsCarryOperationAndStore() {
    AiTelemetry telemetry = otel.builder().build();
    MemoryOperation op = telemetry.memoryOperation(MemoryOperationType.SEARCH, "kg").start();
    op.setRecordCount(5);
    op.end();

    MetricData duration = otel.requireMetric("gen_ai.memory.operation.duration");
    HistogramPointData point = TestTelemetry.histogramPoints(duration).get(0);
    assertThat(duration.getUnit()).isEqualTo("s");
    assertThat(point.getBoundaries()).containsExactly(0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 10.0);
    assertThat(point.getAttributes())
        .isEqualTo(Attributes.of(GEN_AI_OPERATION_NAME, "search_memory", GEN_AI_MEMORY_STORE_ID, "kg"));
    HistogramPointData count =
        TestTelemetry.histogramPoints(otel.requireMetric("gen_ai.memory.operation.record_count")).get(0);
    assertThat(count.getSum()).isEqualTo(5.0);
  }

  @Test
  void guidePatternAcceptsShortVerbsCountAndExtraAttributes() {
    AiTelemetry telemetry = otel.builder().build();
    try (MemoryOperation op = telemetry.traceMemoryOperation(
        "store", "solutions", 1, Attributes.of(AttributeKey.stringKey("app.tenant"), "acme"))) {
      op.addEvent("stored");
    }

    assertThat(otel.onlySpan()).hasName("create_memory").hasAttributesSatisfying(
        equalTo(GEN_AI_MEMORY_STORE_ID, "solutions"),
        equalTo(GEN_AI_MEMORY_RECORD_COUNT, 1L),
        equalTo(AttributeKey.stringKey("app.tenant"), "acme"));
  }

  @Test
  void guidePatternWithoutExtraAttributes() {
    AiTelemetry telemetry = otel.builder().build();
    telemetry.traceMemoryOperation("search_memory", "kg", 2).close();

    assertThat(otel.onlySpan()).hasName("search_memory")
        .hasAttributesSatisfying(equalTo(GEN_AI_MEMORY_RECORD_COUNT, 2L));
  }

  @Test
  void unknownOperationNameIsRejectedWithTheAcceptedValues() {
    AiTelemetry telemetry = otel.builder().build();

    assertThatThrownBy(() -> telemetry.traceMemoryOperation("frobnicate", "s", 0, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("frobnicate").hasMessageContaining("search_memory");
    assertThat(otel.finishedSpans()).isEmpty();
  }

  @Test
  void failedOperationCarriesErrorTypeOnSpanAndMetric() {
    AiTelemetry telemetry = otel.builder().build();
    MemoryOperation op = telemetry.memoryOperation(MemoryOperationType.DELETE, "kg").start();
    op.recordException(new java.io.UncheckedIOException(new java.io.IOException("disk")));
    op.end();

    assertThat(otel.onlySpan().getAttributes().get(ERROR_TYPE)).isEqualTo("java.io.UncheckedIOException");
    assertThat(TestTelemetry.histogramPoints(otel.requireMetric("gen_ai.memory.operation.duration")).get(0)
        .getAttributes().get(ERROR_TYPE)).isEqualTo("java.io.UncheckedIOException");
  }

  @Test
  void retrievalIsAClientSpanNamedAfterItsDataSource() {
    AiTelemetry telemetry = otel.builder().captureContent(true).build();
    Retrieval r = telemetry.retrieval("docs").queryText("q").topK(4).start();
    r.setDocumentCount(2);
    r.end();

    assertThat(otel.onlySpan()).hasName("retrieval docs").hasKind(SpanKind.CLIENT).hasAttributesSatisfying(
        equalTo(GEN_AI_OPERATION_NAME, "retrieval"),
        equalTo(GEN_AI_DATA_SOURCE_ID, "docs"),
        equalTo(GEN_AI_RETRIEVAL_QUERY_TEXT, "q"),
        equalTo(GEN_AI_REQUEST_TOP_K, 4.0),
        equalTo(RETRIEVAL_DOCUMENT_COUNT, 2L));
    assertThat(TestTelemetry.histogramPoints(otel.requireMetric("gen_ai.memory.operation.duration")).get(0)
        .getAttributes()).isEqualTo(Attributes.of(GEN_AI_OPERATION_NAME, "retrieval", GEN_AI_MEMORY_STORE_ID, "docs"));
  }
}
