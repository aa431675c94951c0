// Job: write the opt-in record lists of memory and retrieval spans as JSON: ids and scores, never the text.
package dev.aitelemetry.langchain4j;

import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * JSON arrays of {@code {"id": …, "score": …}} objects for {@code gen_ai.memory.records} and {@code
 * gen_ai.retrieval.documents}. Only identifiers and scores are written: the stored text stays out even when
 * content capture is on, because a search can return far more text than an attribute should carry.
 */
final class RecordsJson {
  private RecordsJson() {}

  /** The matches of a search, best first, as the store returned them. */
  static String ofMatches(List<? extends EmbeddingMatch<?>> matches) {
    StringBuilder json = new StringBuilder("[");
    for (EmbeddingMatch<?> match : matches) {
      if (json.length() > 1) {
        json.append(',');
      }
      record(json, match.embeddingId(), match.score());
    }
    return json.append(']').toString();
  }

  /** The ids of records written or deleted. */
  static String ofIds(Collection<String> ids) {
    StringBuilder json = new StringBuilder("[");
    for (String id : ids) {
      if (json.length() > 1) {
        json.append(',');
      }
      record(json, id, null);
    }
    return json.append(']').toString();
  }

  /** Retrieved contents, with the embedding id and score LangChain4j puts in their metadata when it has them. */
  static String ofContents(List<Content> contents) {
    StringBuilder json = new StringBuilder("[");
    for (Content content : contents) {
      if (json.length() > 1) {
        json.append(',');
      }
      Map<ContentMetadata, Object> metadata = content == null ? null : content.metadata();
      Object id = metadata == null ? null : metadata.get(ContentMetadata.EMBEDDING_ID);
      Object score = metadata == null ? null : metadata.get(ContentMetadata.SCORE);
      record(json, id == null ? null : id.toString(), score instanceof Number ? ((Number) score).doubleValue() : null);
    }
    return json.append(']').toString();
  }

  private static void record(StringBuilder json, String id, Double score) {
    json.append('{');
    boolean first = true;
    if (id != null) {
      json.append("\"id\":");
      string(json, id);
      first = false;
    }
    if (score != null && Double.isFinite(score)) {
      if (!first) {
        json.append(',');
      }
      json.append("\"score\":").append(score);
    }
    json.append('}');
  }

  private static void string(StringBuilder json, String s) {
    json.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"': json.append("\\\""); break;
        case '\\': json.append("\\\\"); break;
        case '\n': json.append("\\n"); break;
        case '\r': json.append("\\r"); break;
        case '\t': json.append("\\t"); break;
        default:
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
      }
    }
    json.append('"');
  }
}
