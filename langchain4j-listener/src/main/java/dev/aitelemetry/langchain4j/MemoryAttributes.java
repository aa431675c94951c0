// Job: name the span attributes this module writes that no OpenTelemetry semantic convention defines yet.
package dev.aitelemetry.langchain4j;

import static io.opentelemetry.api.common.AttributeKey.doubleKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;

import io.opentelemetry.api.common.AttributeKey;

/**
 * Span attributes of memory searches that the GenAI memory conventions (development, genai #140) do not define.
 * They live in the library's own {@code aitelemetry.*} namespace, not in {@code gen_ai.*}, so that a future
 * standard key cannot clash with them; they are span attributes only, never metric labels.
 */
public final class MemoryAttributes {
  private MemoryAttributes() {}

  /**
   * The maximum number of records a memory search asked for ({@code EmbeddingSearchRequest.maxResults()}).
   * Non-standard; the nearest standard key is the retrieval span's {@code gen_ai.request.top_k}.
   */
  public static final AttributeKey<Long> SEARCH_MAX_RESULTS = longKey("aitelemetry.memory.search.max_results");

  /** The minimum relevance score a memory search asked for ({@code EmbeddingSearchRequest.minScore()}). Non-standard. */
  public static final AttributeKey<Double> SEARCH_MIN_SCORE = doubleKey("aitelemetry.memory.search.min_score");
}
