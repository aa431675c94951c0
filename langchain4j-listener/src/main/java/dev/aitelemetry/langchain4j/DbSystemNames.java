// Job: tell from a store's class which database backs it (db.system.name) and whether it runs in-process.
package dev.aitelemetry.langchain4j;

import java.util.Map;
import java.util.Set;

/**
 * Classifies LangChain4j embedding and chat-memory stores by class. Classes are matched by simple name along the
 * superclass chain, so a user subclass of {@code PgVectorEmbeddingStore} is still PostgreSQL, and the
 * integration needs none of the store modules on its classpath.
 */
final class DbSystemNames {
  private DbSystemNames() {}

  /**
   * Simple class name → {@code db.system.name}. Values from the stable semconv enum where one exists; vector
   * databases the enum lacks get their lower-case product name, as the conventions allow.
   */
  private static final Map<String, String> BY_SIMPLE_NAME = Map.ofEntries(
      Map.entry("PgVectorEmbeddingStore", "postgresql"),
      Map.entry("ElasticsearchEmbeddingStore", "elasticsearch"),
      Map.entry("OpenSearchEmbeddingStore", "opensearch"),
      Map.entry("RedisEmbeddingStore", "redis"),
      Map.entry("RedisChatMemoryStore", "redis"),
      Map.entry("MongoDbEmbeddingStore", "mongodb"),
      Map.entry("MongoDbChatMemoryStore", "mongodb"),
      Map.entry("CassandraEmbeddingStore", "cassandra"),
      Map.entry("CassandraChatMemoryStore", "cassandra"),
      Map.entry("AstraDbEmbeddingStore", "cassandra"),
      Map.entry("AstraDbChatMemoryStore", "cassandra"),
      Map.entry("Neo4jEmbeddingStore", "neo4j"),
      Map.entry("Neo4jChatMemoryStore", "neo4j"),
      Map.entry("MariaDbEmbeddingStore", "mariadb"),
      Map.entry("OracleEmbeddingStore", "oracle.db"),
      Map.entry("SqlServerEmbeddingStore", "microsoft.sql_server"),
      Map.entry("AzureCosmosDbMongoVCoreEmbeddingStore", "azure.cosmosdb"),
      Map.entry("AzureCosmosDbNoSqlEmbeddingStore", "azure.cosmosdb"),
      Map.entry("CouchbaseEmbeddingStore", "couchbase"),
      Map.entry("ClickHouseEmbeddingStore", "clickhouse"),
      Map.entry("DuckDBEmbeddingStore", "duckdb"),
      Map.entry("MilvusEmbeddingStore", "milvus"),
      Map.entry("QdrantEmbeddingStore", "qdrant"),
      Map.entry("ChromaEmbeddingStore", "chroma"),
      Map.entry("PineconeEmbeddingStore", "pinecone"),
      Map.entry("WeaviateEmbeddingStore", "weaviate"),
      Map.entry("VespaEmbeddingStore", "vespa"),
      Map.entry("InfinispanEmbeddingStore", "infinispan"),
      Map.entry("CoherenceEmbeddingStore", "oracle.coherence"),
      Map.entry("CoherenceChatMemoryStore", "oracle.coherence"));

  /** Stores that keep their data in the JVM's heap: INTERNAL spans. */
  private static final Set<String> IN_PROCESS = Set.of(
      "dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore",
      "dev.langchain4j.store.memory.chat.InMemoryChatMemoryStore");

  /** The {@code db.system.name} of the database behind {@code store}, or null when it is not a known one. */
  static String of(Object store) {
    for (Class<?> c = store.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      String name = BY_SIMPLE_NAME.get(c.getSimpleName());
      if (name != null) {
        return name;
      }
    }
    return null;
  }

  /** Whether {@code store} is an in-process store (its operations never leave the JVM). */
  static boolean isInProcess(Object store) {
    for (Class<?> c = store.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      if (IN_PROCESS.contains(c.getName())) {
        return true;
      }
    }
    return false;
  }
}
