// Job: a test store that overrides every EmbeddingStore method and records which one was called.
package dev.aitelemetry.langchain4j;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.Filter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Records each call as {@code name(ParamType,…)}; returns ids {@code id-0, id-1, …} and one match per search. */
class RecordingEmbeddingStore implements EmbeddingStore<TextSegment> {
  final List<String> calls = new ArrayList<>();

  @Override
  public String add(Embedding embedding) {
    calls.add("add(Embedding)");
    return "id-0";
  }

  @Override
  public void add(String id, Embedding embedding) {
    calls.add("add(String,Embedding)");
  }

  @Override
  public String add(Embedding embedding, TextSegment embedded) {
    calls.add("add(Embedding,Object)");
    return "id-0";
  }

  @Override
  public List<String> addAll(List<Embedding> embeddings) {
    calls.add("addAll(List)");
    return ids(embeddings.size());
  }

  @Override
  public List<String> addAll(List<Embedding> embeddings, List<TextSegment> embedded) {
    calls.add("addAll(List,List)");
    return ids(embeddings.size());
  }

  @Override
  public List<String> generateIds(int n) {
    calls.add("generateIds(int)");
    return ids(n);
  }

  @Override
  public void addAll(List<String> ids, List<Embedding> embeddings, List<TextSegment> embedded) {
    calls.add("addAll(List,List,List)");
  }

  @Override
  public void remove(String id) {
    calls.add("remove(String)");
  }

  @Override
  public void removeAll(Collection<String> ids) {
    calls.add("removeAll(Collection)");
  }

  @Override
  public void removeAll(Filter filter) {
    calls.add("removeAll(Filter)");
  }

  @Override
  public void removeAll() {
    calls.add("removeAll()");
  }

  @Override
  public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request) {
    calls.add("search(EmbeddingSearchRequest)");
    return new EmbeddingSearchResult<>(
        List.of(new EmbeddingMatch<>(0.9, "id-0", request.queryEmbedding(), TextSegment.from("secret text"))));
  }

  private static List<String> ids(int n) {
    return IntStream.range(0, n).mapToObj(i -> "id-" + i).collect(Collectors.toList());
  }
}
