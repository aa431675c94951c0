// Specification of MemoryOperationsExample: hand-written memory code as GenAI memory spans and metrics.
package dev.aitelemetry.examples.patterns;

import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_MEMORY_RECORD_COUNT;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_MEMORY_RECORD_ID;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_MEMORY_STORE_ID;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_OPERATION_NAME;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryOperationsExampleTest {
  private static final String STORE = "knowledge_graph";

  private final InMemoryOtel otel = new InMemoryOtel();
  private final MemoryOperationsExample.KnowledgeGraph graph = new MemoryOperationsExample.KnowledgeGraph(otel.telemetry);

  @AfterEach
  void close() {
    otel.close();
  }

  @Test
  void builderWithInProcessGivesAnInternalCreateMemorySpanWithIdAndCount() {
    String id = graph.remember("checkout-api exhausts its connection pool under load");

    SpanData span = onlySpan();
    assertThat(span.getName()).isEqualTo("create_memory");
    assertThat(span.getKind()).isEqualTo(SpanKind.INTERNAL);
    assertThat(span.getAttributes().get(GEN_AI_OPERATION_NAME)).isEqualTo("create_memory");
    assertThat(span.getAttributes().get(GEN_AI_MEMORY_STORE_ID)).isEqualTo(STORE);
    assertThat(span.getAttributes().get(GEN_AI_MEMORY_RECORD_ID)).isEqualTo(id).isEqualTo("fact-1");
    assertThat(span.getAttributes().get(GEN_AI_MEMORY_RECORD_COUNT)).isEqualTo(1L);
  }

  @Test
  void guideShortVerbSearchBecomesAClientSearchMemorySpan() {
    graph.search("pool");

    SpanData span = onlySpan();
    assertThat(span.getName()).isEqualTo("search_memory");
    assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(span.getAttributes().get(GEN_AI_OPERATION_NAME)).isEqualTo("search_memory");
    assertThat(span.getAttributes().get(GEN_AI_MEMORY_STORE_ID)).isEqualTo(STORE);
  }

  @Test
  void searchCarriesTheGuidesExtraAttributesAndTheCountSetAtTheEnd() {
    graph.remember("the connection pool of checkout-api is sized at 10");
    graph.remember("search-api reindexes every night at 02:00");
    List<String> found = graph.search("connection pool");

    SpanData search = spanNamed("search_memory");
    assertThat(found).containsExactly("fact-1");
    assertThat(search.getAttributes().get(MemoryOperationsExample.MATCH_MODE)).isEqualTo("all_words");
    assertThat(search.getAttributes().get(GEN_AI_MEMORY_RECORD_COUNT)).isEqualTo(1L);
  }

  @Test
  void deleteCarriesTheCountPassedUpFront() {
    graph.remember("a fact");
    int removed = graph.forget(List.of("fact-1", "fact-404"));

    SpanData delete = spanNamed("delete_memory");
    assertThat(removed).isEqualTo(1);
    assertThat(delete.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(delete.getAttributes().get(GEN_AI_MEMORY_RECORD_COUNT)).isEqualTo(2L);
  }

  @Test
  void runRecordsOneDurationPointPerOperationAndStore() {
    List<String> found = MemoryOperationsExample.run(otel.telemetry);

    assertThat(found).containsExactly("fact-1", "fact-2");
    Map<Attributes, HistogramPointData> durations = otel.histogram("gen_ai.memory.operation.duration");
    assertThat(durations.keySet()).containsExactlyInAnyOrder(memory("create_memory"), memory("search_memory"),
        memory("delete_memory"));
    assertThat(durations.get(memory("create_memory")).getCount()).isEqualTo(3);
    assertThat(durations.get(memory("search_memory")).getCount()).isEqualTo(1);
    assertThat(durations.get(memory("delete_memory")).getCount()).isEqualTo(1);
  }

  @Test
  void runRecordsRecordCountsCreatedFoundAndDeleted() {
    MemoryOperationsExample.run(otel.telemetry);

    Map<Attributes, HistogramPointData> counts = otel.histogram("gen_ai.memory.operation.record_count");
    assertThat(counts.get(memory("create_memory")).getSum()).isEqualTo(3.0);
    assertThat(counts.get(memory("search_memory")).getSum()).isEqualTo(2.0);
    assertThat(counts.get(memory("delete_memory")).getSum()).isEqualTo(1.0);
  }

  private static Attributes memory(String operation) {
    return Attributes.of(GEN_AI_OPERATION_NAME, operation, GEN_AI_MEMORY_STORE_ID, STORE);
  }

  private SpanData onlySpan() {
    assertThat(otel.spans()).hasSize(1);
    return otel.spans().get(0);
  }

  private SpanData spanNamed(String name) {
    List<SpanData> named = otel.spans().stream().filter(s -> s.getName().equals(name)).toList();
    assertThat(named).as("spans named %s", name).hasSize(1);
    return named.get(0);
  }
}
