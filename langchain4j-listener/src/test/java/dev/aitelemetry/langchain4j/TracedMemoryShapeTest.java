// Job: specify that wrapped stores and the guide's traceMemoryOperation produce the same span and metric shape.
package dev.aitelemetry.langchain4j;

import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_MEMORY_RECORD_COUNT;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_MEMORY_STORE_ID;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_OPERATION_NAME;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aitelemetry.core.AiTelemetry;
import dev.aitelemetry.core.MemoryOperation;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TracedMemoryShapeTest {
  private final MemoryOtel otel = new MemoryOtel();
  private final AiTelemetry telemetry = otel.telemetry(false);

  @AfterEach
  void close() {
    otel.close();
  }

  private static Set<String> genAiKeys(SpanData span) {
    return span.getAttributes().asMap().keySet().stream().map(AttributeKey::getKey)
        .filter(k -> k.startsWith("gen_ai.")).collect(Collectors.toSet());
  }

  @Test
  void aWrappedSearchAndAHandWrittenOneLookAlike() {
    EmbeddingStore<TextSegment> store = LangChain4jTelemetry.create(telemetry).wrap(new RecordingEmbeddingStore(), "kb");
    store.search(EmbeddingSearchRequest.builder().queryEmbedding(Embedding.from(new float[] {1f})).build());
    try (MemoryOperation op = telemetry.traceMemoryOperation("search", "kb", 1, Attributes.empty())) {
      op.addEvent("hand-written search");
    }

    List<SpanData> spans = otel.finishedSpans();
    SpanData wrapped = spans.get(0);
    SpanData handWritten = spans.get(1);
    assertThat(wrapped.getName()).isEqualTo(handWritten.getName()).isEqualTo("search_memory");
    assertThat(wrapped.getKind()).isEqualTo(handWritten.getKind());
    assertThat(genAiKeys(wrapped)).isEqualTo(genAiKeys(handWritten));
    for (AttributeKey<?> key : List.of(GEN_AI_OPERATION_NAME, GEN_AI_MEMORY_STORE_ID, GEN_AI_MEMORY_RECORD_COUNT)) {
      assertThat(wrapped.getAttributes().get(key)).isEqualTo(handWritten.getAttributes().get(key));
    }
  }

  @Test
  void aWrappedSearchAndAHandWrittenOneShareOneMetricSeries() {
    EmbeddingStore<TextSegment> store = LangChain4jTelemetry.create(telemetry).wrap(new RecordingEmbeddingStore(), "kb");
    store.search(EmbeddingSearchRequest.builder().queryEmbedding(Embedding.from(new float[] {1f})).build());
    telemetry.traceMemoryOperation("search_memory", "kb", 1, null).close();

    List<HistogramPointData> durations = otel.histogram("gen_ai.memory.operation.duration");
    assertThat(durations).singleElement().satisfies(p -> assertThat(p.getCount()).isEqualTo(2));
    assertThat(otel.histogram("gen_ai.memory.operation.record_count")).singleElement()
        .satisfies(p -> assertThat(p.getSum()).isEqualTo(2.0));
  }
}
