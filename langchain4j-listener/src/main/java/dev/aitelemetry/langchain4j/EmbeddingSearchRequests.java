// Job: build embedding-store search requests that carry their query text, so traced searches can record it.
package dev.aitelemetry.langchain4j;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import java.util.Objects;

/**
 * The text-aware way to search a wrapped {@code EmbeddingStore}: embeds the query and keeps its text in {@link
 * EmbeddingSearchRequest#query()}, where the traced store finds it for the opt-in {@code gen_ai.memory.query.text}
 * attribute. A request built only from an {@code Embedding} has no text to record.
 *
 * <pre>{@code
 * EmbeddingSearchResult<TextSegment> result = store.search(
 *     EmbeddingSearchRequests.forText("Where is the Eiffel Tower?", embeddingModel).maxResults(3).build());
 * }</pre>
 *
 * <p>LangChain4j's own {@code EmbeddingStoreContentRetriever} already sets the query text, so retrieval through it
 * needs no helper.
 */
public final class EmbeddingSearchRequests {
  private EmbeddingSearchRequests() {}

  /**
   * A request builder with {@code query} set to {@code text} and {@code queryEmbedding} to its embedding by
   * {@code model}; set {@code maxResults}, {@code minScore} and {@code filter} on it as usual.
   *
   * @param text the query, embedded now and kept as the request's {@code query()}
   * @param model the model that embedded the stored records
   * @return a builder to finish with {@code maxResults}, {@code minScore}, {@code filter} and {@code build()}
   * @throws NullPointerException if {@code text} or {@code model} is null
   */
  public static EmbeddingSearchRequest.EmbeddingSearchRequestBuilder forText(String text, EmbeddingModel model) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(model, "model");
    return EmbeddingSearchRequest.builder().query(text).queryEmbedding(model.embed(text).content());
  }

  /**
   * {@link #forText(String, EmbeddingModel)} for the text of {@code segment}.
   *
   * @param segment the query segment, embedded now; its text is kept as the request's {@code query()}
   * @param model the model that embedded the stored records
   * @return a builder to finish with {@code maxResults}, {@code minScore}, {@code filter} and {@code build()}
   * @throws NullPointerException if {@code segment} or {@code model} is null
   */
  public static EmbeddingSearchRequest.EmbeddingSearchRequestBuilder forSegment(
      TextSegment segment, EmbeddingModel model) {
    Objects.requireNonNull(segment, "segment");
    Objects.requireNonNull(model, "model");
    return EmbeddingSearchRequest.builder().query(segment.text()).queryEmbedding(model.embed(segment).content());
  }
}
