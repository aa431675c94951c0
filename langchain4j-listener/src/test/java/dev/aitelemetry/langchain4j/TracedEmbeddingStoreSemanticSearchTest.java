// Job: specify the traced EmbeddingStore on a real InMemoryEmbeddingStore with real all-MiniLM-L6-v2 embeddings.
package dev.aitelemetry.langchain4j;

import static dev.aitelemetry.core.GenAiAttributes.DB_SYSTEM_NAME;
import static dev.aitelemetry.core.GenAiAttributes.ERROR_TYPE;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_MEMORY_QUERY_TEXT;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_MEMORY_RECORDS;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_MEMORY_RECORD_COUNT;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_MEMORY_RECORD_ID;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_MEMORY_STORE_ID;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_OPERATION_NAME;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TracedEmbeddingStoreSemanticSearchTest {
  private static List<Embedding> factEmbeddings;

  private final MemoryOtel otel = new MemoryOtel();

  @BeforeAll
  static void embedFacts() {
    factEmbeddings = MiniLm.model().embedAll(MiniLm.segments()).content();
  }

  @AfterEach
  void close() {
    otel.close();
  }

  private EmbeddingStore<TextSegment> storeWithFacts(boolean captureContent) {
    EmbeddingStore<TextSegment> store = otel.lc(captureContent).wrap(new InMemoryEmbeddingStore<>(), "facts");
    store.addAll(factEmbeddings, MiniLm.segments());
    return store;
  }

  private EmbeddingSearchResult<TextSegment> search(EmbeddingStore<TextSegment> store, String query, int max) {
    return store.search(EmbeddingSearchRequests.forText(query, MiniLm.model()).maxResults(max).minScore(0.2).build());
  }

  @Test
  void storingTwentyFactsIsOneInternalCreateMemorySpanCountingTwentyRecords() {
    storeWithFacts(false);

    SpanData span = otel.onlySpan();
    assertThat(span).hasName("create_memory").hasKind(SpanKind.INTERNAL)
        .hasAttribute(GEN_AI_OPERATION_NAME, "create_memory")
        .hasAttribute(GEN_AI_MEMORY_STORE_ID, "facts")
        .hasAttribute(GEN_AI_MEMORY_RECORD_COUNT, 20L);
    assertThat(span.getAttributes().get(GEN_AI_MEMORY_RECORD_ID)).isNull();
    assertThat(span.getAttributes().get(DB_SYSTEM_NAME)).as("in-memory store is no database").isNull();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Which Paris landmark is made of iron?|The Eiffel Tower is a wrought-iron lattice tower in Paris.",
      "What is the tallest peak in the world?|Mount Everest is the highest mountain above sea level.",
      "Which planet is the biggest?|Jupiter is the largest planet in the Solar System.",
      "How do bees tell each other where food is?|Honey bees communicate the location of flowers with a waggle dance.",
      "What is the capital of Japan?|Tokyo is the capital city of Japan."})
  void semanticSearchFindsTheKnownTopHitInOneSearchMemorySpan(String query, String expectedTopHit) {
    EmbeddingStore<TextSegment> store = storeWithFacts(false);
    otel.spans.reset();

    EmbeddingSearchResult<TextSegment> result = search(store, query, 3);

    assertThat(result.matches().get(0).embedded().text()).isEqualTo(expectedTopHit);
    assertThat(otel.onlySpan()).hasName("search_memory").hasKind(SpanKind.INTERNAL)
        .hasAttribute(GEN_AI_OPERATION_NAME, "search_memory")
        .hasAttribute(GEN_AI_MEMORY_STORE_ID, "facts")
        .hasAttribute(GEN_AI_MEMORY_RECORD_COUNT, (long) result.matches().size())
        .hasAttribute(MemoryAttributes.SEARCH_MAX_RESULTS, 3L)
        .hasAttribute(MemoryAttributes.SEARCH_MIN_SCORE, 0.2);
  }

  @Test
  void recordCountIsTheNumberOfMatchesReturnedNotAsked() {
    EmbeddingStore<TextSegment> store = storeWithFacts(false);
    otel.spans.reset();

    EmbeddingSearchResult<TextSegment> result = store.search(EmbeddingSearchRequests
        .forText("Which planet is the biggest?", MiniLm.model()).maxResults(10).minScore(0.6).build());

    assertThat(result.matches()).hasSizeBetween(1, 9);
    assertThat(otel.onlySpan())
        .hasAttribute(GEN_AI_MEMORY_RECORD_COUNT, (long) result.matches().size())
        .hasAttribute(MemoryAttributes.SEARCH_MAX_RESULTS, 10L);
  }

  @Test
  void withContentCaptureTheQueryTextAndTheMatchesIdsAndScoresAreRecorded() {
    EmbeddingStore<TextSegment> store = storeWithFacts(true);
    otel.spans.reset();

    EmbeddingSearchResult<TextSegment> result = search(store, "What is the capital of Japan?", 2);

    EmbeddingMatch<TextSegment> top = result.matches().get(0);
    SpanData span = otel.onlySpan();
    assertThat(span).hasAttribute(GEN_AI_MEMORY_QUERY_TEXT, "What is the capital of Japan?");
    String records = span.getAttributes().get(GEN_AI_MEMORY_RECORDS);
    assertThat(records).startsWith("[{\"id\":\"" + top.embeddingId() + "\",\"score\":" + top.score() + "}");
    assertThat(records).doesNotContain("Tokyo");
  }

  @Test
  void aSearchBuiltFromATextSegmentRecordsTheSegmentsTextWithCapture() {
    EmbeddingStore<TextSegment> store = storeWithFacts(true);
    otel.spans.reset();

    store.search(EmbeddingSearchRequests.forSegment(TextSegment.from("Which planet is the biggest?"), MiniLm.model())
        .maxResults(1).build());

    assertThat(otel.onlySpan()).hasAttribute(GEN_AI_MEMORY_QUERY_TEXT, "Which planet is the biggest?");
  }

  @Test
  void aSearchWithoutQueryTextRecordsNoQueryTextEvenWithCapture() {
    EmbeddingStore<TextSegment> store = storeWithFacts(true);
    otel.spans.reset();

    store.search(EmbeddingSearchRequest.builder()
        .queryEmbedding(MiniLm.model().embed("What is the capital of Japan?").content()).maxResults(1).build());

    assertThat(otel.onlySpan().getAttributes().get(GEN_AI_MEMORY_QUERY_TEXT)).isNull();
  }

  @Test
  void eachOperationRecordsItsDurationAndRecordCountUnderBoundedLabels() {
    EmbeddingStore<TextSegment> store = storeWithFacts(false);
    search(store, "What is the capital of Japan?", 3);
    search(store, "Which planet is the biggest?", 3);

    List<HistogramPointData> durations = otel.histogram("gen_ai.memory.operation.duration");
    assertThat(durations).extracting(p -> MemoryOtel.attr(p, GEN_AI_OPERATION_NAME))
        .containsExactlyInAnyOrder("create_memory", "search_memory");
    HistogramPointData searches = durations.stream()
        .filter(p -> "search_memory".equals(MemoryOtel.attr(p, GEN_AI_OPERATION_NAME))).findFirst().orElseThrow();
    assertThat(searches.getCount()).isEqualTo(2);
    assertThat(searches.getAttributes().asMap().keySet())
        .containsExactlyInAnyOrder(GEN_AI_OPERATION_NAME, GEN_AI_MEMORY_STORE_ID);
    assertThat(MemoryOtel.attr(searches, GEN_AI_MEMORY_STORE_ID)).isEqualTo("facts");
    assertThat(MemoryOtel.attr(searches, ERROR_TYPE)).isNull();

    List<HistogramPointData> counts = otel.histogram("gen_ai.memory.operation.record_count");
    HistogramPointData created = counts.stream()
        .filter(p -> "create_memory".equals(MemoryOtel.attr(p, GEN_AI_OPERATION_NAME))).findFirst().orElseThrow();
    assertThat(created.getSum()).isEqualTo(20.0);
    HistogramPointData searched = counts.stream()
        .filter(p -> "search_memory".equals(MemoryOtel.attr(p, GEN_AI_OPERATION_NAME))).findFirst().orElseThrow();
    assertThat(searched.getCount()).isEqualTo(2);
    assertThat(searched.getSum()).isEqualTo(6.0);
  }
}
