package dev.aitelemetry.examples.demo;

import dev.aitelemetry.langchain4j.EmbeddingSearchRequests;
import dev.aitelemetry.langchain4j.LangChain4jTelemetry;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The demo's knowledge base of past solutions: an {@code InMemoryEmbeddingStore} with real {@code all-MiniLM-L6-v2}
 * embeddings (the model ships in its jar and runs offline), both wrapped by aitelemetry so that every search,
 * capture and embedding is a span.
 */
final class SolutionMemory {
  static final String STORE_ID = "solutions";

  private static final List<String> SEED = List.of(
      "Checkout API returns HTTP 502 after deploy: the new pods failed readiness because the DB pool size was 0;"
          + " set DB_POOL_SIZE=20 and roll again.",
      "Login latency spikes every hour: the token cache expires all at once; add jitter to the TTL.",
      "Kafka consumer lag grows on the orders topic: partitions were rebalanced to one instance; raise"
          + " max.poll.records and scale consumers to the partition count.",
      "OutOfMemoryError in the report service: a query loads the whole table; page the query and stream rows.",
      "TLS handshake failures to the payment provider: the intermediate certificate expired; update the trust store.",
      "Search results are stale: the indexer crashed on a malformed document; skip bad documents and alert.",
      "Disk full on the build agents: Docker images were never pruned; add a nightly prune job.",
      "Slow page loads in the EU only: the CDN cache key included a session cookie; strip it from the key.",
      "Duplicate emails to customers: the retry policy re-sent after a timeout; make the send idempotent.",
      "Pods restart with exit code 137: memory limit below the JVM heap; set -XX:MaxRAMPercentage=75.",
      "Cron job ran twice after daylight saving time change: schedule in UTC.",
      "Prompt costs doubled last week: the system prompt grew to 6k tokens; cache it and trim the examples.");

  private final EmbeddingStore<TextSegment> store;
  private final EmbeddingModel embeddings;

  SolutionMemory(LangChain4jTelemetry lc) {
    this.store = lc.wrap(new InMemoryEmbeddingStore<>(), STORE_ID);
    this.embeddings = lc.wrap(new AllMiniLmL6V2EmbeddingModel());
  }

  /** Loads the seed solutions in one batch. */
  void seed() {
    List<TextSegment> segments = SEED.stream().map(TextSegment::from).collect(Collectors.toList());
    store.addAll(embeddings.embedAll(segments).content(), segments);
  }

  /** The best matches for a question, best first. */
  List<EmbeddingMatch<TextSegment>> search(String query, int maxResults) {
    return store.search(EmbeddingSearchRequests.forText(query, embeddings).maxResults(maxResults).minScore(0.3)
        .build()).matches();
  }

  /** Stores a new solution; returns its id. */
  String capture(String problem, String solution) {
    TextSegment segment = TextSegment.from(problem + ": " + solution);
    return store.add(embeddings.embed(segment).content(), segment);
  }
}
