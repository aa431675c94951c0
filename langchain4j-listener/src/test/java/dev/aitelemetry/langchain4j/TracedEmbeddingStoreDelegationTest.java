// Job: specify that every EmbeddingStore method goes through the wrapper to the same method of the delegate.
package dev.aitelemetry.langchain4j;

import static dev.aitelemetry.core.GenAiAttributes.DB_SYSTEM_NAME;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_MEMORY_RECORD_COUNT;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_MEMORY_RECORD_ID;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_OPERATION_NAME;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.MetadataFilterBuilder;
import dev.langchain4j.store.embedding.listener.EmbeddingStoreListener;
import dev.langchain4j.store.embedding.listener.EmbeddingStoreRequestContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TracedEmbeddingStoreDelegationTest {
  private static final Embedding E = Embedding.from(new float[] {1f, 0f});
  private static final TextSegment T = TextSegment.from("secret text");

  private final MemoryOtel otel = new MemoryOtel();
  private final RecordingEmbeddingStore recording = new RecordingEmbeddingStore();
  private final EmbeddingStore<TextSegment> store = otel.lc(false).wrap(recording, "kb");

  @AfterEach
  void close() {
    otel.close();
  }

  @Test
  void theWrapperOverridesEveryMethodOfTheInterfaceDefaultOnesIncluded() {
    List<String> missing = new ArrayList<>();
    for (Method m : EmbeddingStore.class.getMethods()) {
      if (Modifier.isStatic(m.getModifiers())) {
        continue;
      }
      try {
        TracedEmbeddingStore.class.getDeclaredMethod(m.getName(), m.getParameterTypes());
      } catch (NoSuchMethodException e) {
        missing.add(m.toGenericString());
      }
    }
    assertThat(missing).as("EmbeddingStore methods TracedEmbeddingStore does not override").isEmpty();
  }

  @Test
  void everyDataMethodReachesTheSameMethodOfTheDelegateOnce() {
    store.add(E);
    store.add("given", E);
    store.add(E, T);
    store.addAll(List.of(E, E));
    store.addAll(List.of(E, E), List.of(T, T));
    store.generateIds(2);
    store.addAll(List.of("a", "b"), List.of(E, E), List.of(T, T));
    store.remove("a");
    store.removeAll(List.of("a", "b"));
    store.removeAll(MetadataFilterBuilder.metadataKey("k").isEqualTo("v"));
    store.removeAll();
    store.search(EmbeddingSearchRequest.builder().queryEmbedding(E).build());

    Set<String> interfaceDataMethods = Arrays.stream(EmbeddingStore.class.getMethods())
        .filter(m -> !m.getName().startsWith("addListener"))
        .map(m -> m.getName() + "(" + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName)
            .collect(Collectors.joining(",")) + ")")
        .collect(Collectors.toSet());
    assertThat(recording.calls).doesNotHaveDuplicates();
    assertThat(Set.copyOf(recording.calls)).isEqualTo(interfaceDataMethods);
  }

  @Test
  void addsAreCreateMemoryAndCarryTheReturnedId() {
    store.add(E, T);

    assertThat(otel.onlySpan()).hasName("create_memory").hasKind(SpanKind.CLIENT)
        .hasAttribute(GEN_AI_MEMORY_RECORD_ID, "id-0").hasAttribute(GEN_AI_MEMORY_RECORD_COUNT, 1L);
  }

  @Test
  void addAllCountsTheRecordsAttempted() {
    store.addAll(List.of(E, E, E), List.of(T, T, T));

    assertThat(otel.onlySpan()).hasName("create_memory").hasAttribute(GEN_AI_MEMORY_RECORD_COUNT, 3L);
  }

  @Test
  void addsWithCallerSuppliedIdsAreUpsertMemory() {
    store.add("given", E);
    store.addAll(List.of("a", "b"), List.of(E, E), List.of(T, T));

    List<SpanData> spans = otel.finishedSpans();
    assertThat(spans).extracting(SpanData::getName).containsExactly("upsert_memory", "upsert_memory");
    assertThat(spans.get(0)).hasAttribute(GEN_AI_MEMORY_RECORD_ID, "given");
    assertThat(spans.get(1)).hasAttribute(GEN_AI_MEMORY_RECORD_COUNT, 2L);
  }

  @Test
  void removeOfOneIdIsDeleteMemoryWithThatRecordId() {
    store.remove("a");

    assertThat(otel.onlySpan()).hasName("delete_memory").hasAttribute(GEN_AI_OPERATION_NAME, "delete_memory")
        .hasAttribute(GEN_AI_MEMORY_RECORD_ID, "a").hasAttribute(GEN_AI_MEMORY_RECORD_COUNT, 1L);
  }

  @Test
  void removeAllByIdsCountsTheIds() {
    store.removeAll(List.of("a", "b", "c"));

    assertThat(otel.onlySpan()).hasName("delete_memory").hasAttribute(GEN_AI_MEMORY_RECORD_COUNT, 3L);
  }

  @Test
  void removeAllWithoutIdsIsDeleteMemoryWithoutRecordIdNorCount() {
    store.removeAll();
    store.removeAll(MetadataFilterBuilder.metadataKey("k").isEqualTo("v"));

    assertThat(otel.finishedSpans()).hasSize(2).allSatisfy(span -> {
      assertThat(span).hasName("delete_memory");
      assertThat(span.getAttributes().get(GEN_AI_MEMORY_RECORD_ID)).isNull();
      assertThat(span.getAttributes().get(GEN_AI_MEMORY_RECORD_COUNT)).isNull();
    });
  }

  @Test
  void generateIdsIsForwardedWithoutASpan() {
    assertThat(store.generateIds(3)).containsExactly("id-0", "id-1", "id-2");

    assertThat(otel.finishedSpans()).isEmpty();
  }

  @Test
  void listenersAddedToTheWrapperSeeTracedCalls() {
    List<String> seen = new ArrayList<>();
    EmbeddingStore<TextSegment> listening = store.addListener(new EmbeddingStoreListener() {
      @Override
      public void onRequest(EmbeddingStoreRequestContext<?> context) {
        seen.add(context.getClass().getSimpleName());
      }
    });

    listening.remove("a");

    assertThat(seen).containsExactly("Remove");
    assertThat(recording.calls).containsExactly("remove(String)");
    assertThat(otel.onlySpan()).hasName("delete_memory");
  }

  /** Named like the pgvector module's store: classified by simple name, no pgvector jar needed. */
  static final class PgVectorEmbeddingStore extends RecordingEmbeddingStore {}

  @Test
  void aStoreBackedByAKnownDatabaseGivesClientSpansWithItsDbSystemName() {
    EmbeddingStore<TextSegment> pg = otel.lc(false).wrap(new PgVectorEmbeddingStore(), "kb");

    pg.remove("a");

    assertThat(otel.onlySpan()).hasKind(SpanKind.CLIENT).hasAttribute(DB_SYSTEM_NAME, "postgresql");
  }

  @Test
  void anUnknownStoreGivesClientSpansWithoutDbSystemName() {
    store.remove("a");

    SpanData span = otel.onlySpan();
    assertThat(span).hasKind(SpanKind.CLIENT);
    assertThat(span.getAttributes().get(DB_SYSTEM_NAME)).isNull();
  }
}
