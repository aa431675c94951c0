// Job: trace every call on a LangChain4j EmbeddingStore as a GenAI memory operation, delegating unchanged.
package dev.aitelemetry.langchain4j;

import dev.aitelemetry.core.AiTelemetry;
import dev.aitelemetry.core.MemoryOperation;
import dev.aitelemetry.core.MemoryOperationType;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.listener.EmbeddingStoreListener;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A decorator of {@link EmbeddingStore} that overrides every method of the interface, the default ones included,
 * and forwards each call unchanged to the same method of the delegate, so no call bypasses tracing and every
 * store keeps its own implementation of the defaults.
 *
 * <ul>
 *   <li>{@code add(Embedding)}, {@code add(Embedding, E)}, {@code addAll(List)}, {@code addAll(List, List)}:
 *       {@code create_memory}; {@code add(String, Embedding)} and {@code addAll(ids, …)}, where the caller
 *       supplies the ids: {@code upsert_memory};
 *   <li>{@code search}: {@code search_memory} with the records returned, max results, min score and, opt-in,
 *       the request's {@code query()} text and the matches' ids and scores;
 *   <li>{@code remove}, {@code removeAll(…)}: {@code delete_memory} ({@code removeAll()} and {@code
 *       removeAll(Filter)} carry no record id nor count: "delete all/matching");
 *   <li>{@code generateIds} is forwarded without a span (it touches no data); {@code addListener(s)} returns
 *       LangChain4j's listening decorator around this traced store.
 * </ul>
 */
final class TracedEmbeddingStore<E> implements EmbeddingStore<E> {
  private final AiTelemetry telemetry;
  private final EmbeddingStore<E> delegate;
  private final String storeId;
  private final String dbSystemName;
  private final boolean inProcess;

  TracedEmbeddingStore(AiTelemetry telemetry, EmbeddingStore<E> delegate, String storeId) {
    this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
    this.delegate = Objects.requireNonNull(delegate, "store");
    this.storeId = storeId;
    this.dbSystemName = DbSystemNames.of(delegate);
    this.inProcess = DbSystemNames.isInProcess(delegate);
  }

  /** The wrapped store. */
  EmbeddingStore<E> delegate() {
    return delegate;
  }

  @Override
  public String add(Embedding embedding) {
    return TracedCall.run(telemetry, "EmbeddingStore.add", () -> operation(MemoryOperationType.CREATE).recordCount(1).start(),
        () -> delegate.add(embedding), this::createdOne);
  }

  @Override
  public void add(String id, Embedding embedding) {
    TracedCall.run(telemetry, "EmbeddingStore.add",
        () -> operation(MemoryOperationType.UPSERT).recordId(id).recordCount(1).start(),
        () -> delegate.add(id, embedding));
  }

  @Override
  public String add(Embedding embedding, E embedded) {
    return TracedCall.run(telemetry, "EmbeddingStore.add", () -> operation(MemoryOperationType.CREATE).recordCount(1).start(),
        () -> delegate.add(embedding, embedded), this::createdOne);
  }

  @Override
  public List<String> addAll(List<Embedding> embeddings) {
    return TracedCall.run(telemetry, "EmbeddingStore.addAll",
        () -> operation(MemoryOperationType.CREATE).recordCount(sizeOf(embeddings)).start(),
        () -> delegate.addAll(embeddings), this::createdMany);
  }

  @Override
  public List<String> addAll(List<Embedding> embeddings, List<E> embedded) {
    return TracedCall.run(telemetry, "EmbeddingStore.addAll",
        () -> operation(MemoryOperationType.CREATE).recordCount(sizeOf(embeddings)).start(),
        () -> delegate.addAll(embeddings, embedded), this::createdMany);
  }

  @Override
  public void addAll(List<String> ids, List<Embedding> embeddings, List<E> embedded) {
    TracedCall.run(telemetry, "EmbeddingStore.addAll",
        () -> {
          MemoryOperation op = operation(MemoryOperationType.UPSERT).recordCount(sizeOf(embeddings)).start();
          records(op, ids);
          return op;
        },
        () -> delegate.addAll(ids, embeddings, embedded));
  }

  /** Forwarded without a span: generating ids reads and writes no record. */
  @Override
  public List<String> generateIds(int n) {
    return delegate.generateIds(n);
  }

  @Override
  public void remove(String id) {
    TracedCall.run(telemetry, "EmbeddingStore.remove",
        () -> operation(MemoryOperationType.DELETE).recordId(id).recordCount(1).start(),
        () -> delegate.remove(id));
  }

  @Override
  public void removeAll(Collection<String> ids) {
    TracedCall.run(telemetry, "EmbeddingStore.removeAll",
        () -> {
          MemoryOperation.Builder b = operation(MemoryOperationType.DELETE).recordCount(sizeOf(ids));
          if (ids != null && ids.size() == 1) {
            b.recordId(String.valueOf(ids.iterator().next()));
          }
          MemoryOperation op = b.start();
          records(op, ids);
          return op;
        },
        () -> delegate.removeAll(ids));
  }

  @Override
  public void removeAll(Filter filter) {
    TracedCall.run(telemetry, "EmbeddingStore.removeAll",
        () -> operation(MemoryOperationType.DELETE).start(), () -> delegate.removeAll(filter));
  }

  @Override
  public void removeAll() {
    TracedCall.run(telemetry, "EmbeddingStore.removeAll",
        () -> operation(MemoryOperationType.DELETE).start(), () -> delegate.removeAll());
  }

  @Override
  public EmbeddingSearchResult<E> search(EmbeddingSearchRequest request) {
    return TracedCall.run(telemetry, "EmbeddingStore.search",
        () -> {
          MemoryOperation.Builder b = operation(MemoryOperationType.SEARCH);
          if (request != null) {
            b.attribute(MemoryAttributes.SEARCH_MAX_RESULTS, (long) request.maxResults())
                .attribute(MemoryAttributes.SEARCH_MIN_SCORE, request.minScore())
                .queryText(request.query());
          }
          return b.start();
        },
        () -> delegate.search(request),
        (op, result) -> {
          if (result != null && result.matches() != null) {
            op.setRecordCount(result.matches().size());
            if (telemetry.capturesContent()) {
              op.setRecords(RecordsJson.ofMatches(result.matches()));
            }
          }
        });
  }

  /** LangChain4j's listening decorator around this traced store: listeners see traced calls. */
  @Override
  public EmbeddingStore<E> addListener(EmbeddingStoreListener listener) {
    return EmbeddingStore.super.addListener(listener);
  }

  /** LangChain4j's listening decorator around this traced store: listeners see traced calls. */
  @Override
  public EmbeddingStore<E> addListeners(List<EmbeddingStoreListener> listeners) {
    return EmbeddingStore.super.addListeners(listeners);
  }

  @Override
  public String toString() {
    return "TracedEmbeddingStore[" + storeId + ", " + delegate + "]";
  }

  private MemoryOperation.Builder operation(MemoryOperationType type) {
    MemoryOperation.Builder b = telemetry.memoryOperation(type, storeId).dbSystemName(dbSystemName);
    return inProcess ? b.inProcess() : b;
  }

  private void createdOne(MemoryOperation op, String id) {
    op.setRecordId(id);
    if (id != null && telemetry.capturesContent()) {
      op.setRecords(RecordsJson.ofIds(List.of(id)));
    }
  }

  private void createdMany(MemoryOperation op, List<String> ids) {
    records(op, ids);
  }

  private void records(MemoryOperation op, Collection<String> ids) {
    if (ids != null && telemetry.capturesContent()) {
      op.setRecords(RecordsJson.ofIds(ids));
    }
  }

  private static long sizeOf(Collection<?> c) {
    return c == null ? -1 : c.size();
  }
}
