// Job: specify the traced ContentRetriever over a real EmbeddingStoreContentRetriever, store and offline model.
package dev.aitelemetry.langchain4j;

import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_DATA_SOURCE_ID;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_MEMORY_QUERY_TEXT;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_OPERATION_NAME;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_RETRIEVAL_DOCUMENTS;
import static dev.aitelemetry.core.GenAiAttributes.RETRIEVAL_DOCUMENT_COUNT;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_RETRIEVAL_QUERY_TEXT;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.content.retriever.EmbeddingStoreContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TracedContentRetrieverTest {
  private static InMemoryEmbeddingStore<TextSegment> facts;

  private final MemoryOtel otel = new MemoryOtel();

  @BeforeAll
  static void storeFacts() {
    facts = new InMemoryEmbeddingStore<>();
    facts.addAll(MiniLm.model().embedAll(MiniLm.segments()).content(), MiniLm.segments());
  }

  @AfterEach
  void close() {
    otel.close();
  }

  /** Retriever → traced model + traced store, the whole pipeline wrapped, as an application would. */
  private ContentRetriever retriever(boolean captureContent) {
    LangChain4jTelemetry lc = otel.lc(captureContent);
    EmbeddingModel model = lc.wrap(MiniLm.model());
    EmbeddingStore<TextSegment> store = lc.wrap(facts, "facts");
    return lc.wrap(EmbeddingStoreContentRetriever.builder().embeddingStore(store).embeddingModel(model)
        .maxResults(2).minScore(0.3).build(), "facts-rag");
  }

  @Test
  void aRetrievalIsOneRetrievalSpanCountingTheContentsReturned() {
    List<Content> contents = retriever(false).retrieve(Query.from("What is the capital of Japan?"));

    assertThat(contents.get(0).textSegment().text()).isEqualTo("Tokyo is the capital city of Japan.");
    SpanData span = otel.spansNamed("retrieval facts-rag").get(0);
    assertThat(span).hasKind(SpanKind.CLIENT)
        .hasAttribute(GEN_AI_OPERATION_NAME, "retrieval")
        .hasAttribute(GEN_AI_DATA_SOURCE_ID, "facts-rag")
        .hasAttribute(RETRIEVAL_DOCUMENT_COUNT, (long) contents.size());
  }

  @Test
  void theEmbeddingAndTheStoreSearchAreChildrenOfTheRetrieval() {
    retriever(false).retrieve(Query.from("Which planet is the biggest?"));

    SpanData retrieval = otel.spansNamed("retrieval facts-rag").get(0);
    assertThat(otel.finishedSpans()).extracting(SpanData::getName)
        .containsExactly("embeddings", "search_memory", "retrieval facts-rag");
    assertThat(otel.finishedSpans().subList(0, 2)).allSatisfy(child -> assertThat(child)
        .hasParentSpanId(retrieval.getSpanId()).hasTraceId(retrieval.getTraceId()));
  }

  @Test
  void withContentCaptureTheQueryTextAndTheContentsIdsAndScoresAreRecorded() {
    retriever(true).retrieve(Query.from("What is the capital of Japan?"));

    SpanData retrieval = otel.spansNamed("retrieval facts-rag").get(0);
    assertThat(retrieval).hasAttribute(GEN_AI_RETRIEVAL_QUERY_TEXT, "What is the capital of Japan?");
    assertThat(retrieval.getAttributes().get(GEN_AI_RETRIEVAL_DOCUMENTS)).matches("\\[\\{\"id\":\"[^\"]+\",\"score\":0\\.\\d+}.*");
    assertThat(otel.spansNamed("search_memory").get(0))
        .as("EmbeddingStoreContentRetriever passes the query text to the store")
        .hasAttribute(GEN_AI_MEMORY_QUERY_TEXT, "What is the capital of Japan?");
  }
}
