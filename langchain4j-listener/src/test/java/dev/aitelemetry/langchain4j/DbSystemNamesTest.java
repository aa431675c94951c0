// Job: specify how store classes map to db.system.name and to in-process (INTERNAL) stores.
package dev.aitelemetry.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import dev.langchain4j.store.memory.chat.InMemoryChatMemoryStore;
import org.junit.jupiter.api.Test;

class DbSystemNamesTest {
  static class ElasticsearchEmbeddingStore extends RecordingEmbeddingStore {}

  static final class MyTunedElasticsearchStore extends ElasticsearchEmbeddingStore {}

  static final class QdrantEmbeddingStore extends RecordingEmbeddingStore {}

  static final class MyInMemoryStore extends InMemoryEmbeddingStore<TextSegment> {}

  @Test
  void aKnownStoreClassMapsToItsSemconvDatabaseName() {
    assertThat(DbSystemNames.of(new ElasticsearchEmbeddingStore())).isEqualTo("elasticsearch");
  }

  @Test
  void aSubclassOfAKnownStoreKeepsItsDatabase() {
    assertThat(DbSystemNames.of(new MyTunedElasticsearchStore())).isEqualTo("elasticsearch");
  }

  @Test
  void aVectorDatabaseTheEnumLacksGetsItsLowerCaseProductName() {
    assertThat(DbSystemNames.of(new QdrantEmbeddingStore())).isEqualTo("qdrant");
  }

  @Test
  void anUnknownStoreHasNoDatabaseName() {
    assertThat(DbSystemNames.of(new RecordingEmbeddingStore())).isNull();
    assertThat(DbSystemNames.of(new InMemoryEmbeddingStore<TextSegment>())).isNull();
  }

  @Test
  void theInMemoryStoresAndTheirSubclassesAreInProcess() {
    assertThat(DbSystemNames.isInProcess(new InMemoryEmbeddingStore<TextSegment>())).isTrue();
    assertThat(DbSystemNames.isInProcess(new InMemoryChatMemoryStore())).isTrue();
    assertThat(DbSystemNames.isInProcess(new MyInMemoryStore())).isTrue();
    assertThat(DbSystemNames.isInProcess(new ElasticsearchEmbeddingStore())).isFalse();
  }
}
