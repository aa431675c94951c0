// Job: trace every retrieve call of a LangChain4j ContentRetriever as a GenAI "retrieval" operation.
package dev.aitelemetry.langchain4j;

import dev.aitelemetry.core.AiTelemetry;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.content.retriever.listener.ContentRetrieverListener;
import dev.langchain4j.rag.query.Query;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A decorator of {@link ContentRetriever}: each {@code retrieve} is a CLIENT span {@code retrieval
 * {dataSourceId}} with {@code aitelemetry.retrieval.document_count}, and, opt-in, the query text and the contents' ids
 * and scores (never their text). The span is current while the delegate runs, so a traced embedding model and
 * traced store used by an {@code EmbeddingStoreContentRetriever} appear as its children.
 */
final class TracedContentRetriever implements ContentRetriever {
  private final AiTelemetry telemetry;
  private final ContentRetriever delegate;
  private final String dataSourceId;

  TracedContentRetriever(AiTelemetry telemetry, ContentRetriever delegate, String dataSourceId) {
    this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
    this.delegate = Objects.requireNonNull(delegate, "retriever");
    this.dataSourceId = dataSourceId;
  }

  @Override
  public List<Content> retrieve(Query query) {
    return TracedCall.run(telemetry, "ContentRetriever.retrieve",
        () -> telemetry.retrieval(dataSourceId).queryText(query == null ? null : query.text()).start(),
        () -> delegate.retrieve(query),
        (retrieval, contents) -> {
          if (contents != null) {
            retrieval.setDocumentCount(contents.size());
            if (telemetry.capturesContent()) {
              retrieval.setDocuments(RecordsJson.ofContents(contents));
            }
          }
        });
  }

  /** LangChain4j's listening decorator around this traced retriever: listeners see traced calls. */
  @Override
  public ContentRetriever addListener(ContentRetrieverListener listener) {
    return ContentRetriever.super.addListener(listener);
  }

  /** LangChain4j's listening decorator around this traced retriever: listeners see traced calls. */
  @Override
  public ContentRetriever addListeners(Collection<ContentRetrieverListener> listeners) {
    return ContentRetriever.super.addListeners(listeners);
  }

  @Override
  public String toString() {
    return "TracedContentRetriever[" + dataSourceId + ", " + delegate + "]";
  }
}
