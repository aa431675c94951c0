package dev.aitelemetry.benchmarks;

import dev.aitelemetry.core.AiTelemetry;
import dev.aitelemetry.langchain4j.LangChain4jTelemetry;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue #7 §4: {@code search} (top 5) on an {@link InMemoryEmbeddingStore} of 1,000 384-dimensional entries (the
 * all-MiniLM-L6-v2 size), raw against wrapped.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
public class MemoryStoreBenchmark {
  static final int ENTRIES = 1_000;
  static final int DIMENSIONS = 384;

  private Fixtures.Sdk sdk;
  private EmbeddingStore<TextSegment> raw;
  private EmbeddingStore<TextSegment> wrapped;
  private EmbeddingSearchRequest request;

  @Setup
  public void setUp() {
    sdk = Fixtures.sdk();
    SplittableRandom random = new SplittableRandom(7);
    InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
    List<Embedding> embeddings = new ArrayList<>(ENTRIES);
    List<TextSegment> segments = new ArrayList<>(ENTRIES);
    for (int i = 0; i < ENTRIES; i++) {
      embeddings.add(randomEmbedding(random));
      segments.add(TextSegment.from("incident " + i + ": connection pool exhausted on service " + (i % 40)));
    }
    store.addAll(embeddings, segments);
    raw = store;
    AiTelemetry telemetry = AiTelemetry.create(sdk.openTelemetry());
    wrapped = LangChain4jTelemetry.create(telemetry).wrap(store, "solutions");
    request = EmbeddingSearchRequest.builder()
        .queryEmbedding(randomEmbedding(random)).maxResults(5).minScore(0.0).build();
  }

  @TearDown
  public void tearDown() {
    sdk.close();
  }

  static Embedding randomEmbedding(SplittableRandom random) {
    float[] v = new float[DIMENSIONS];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextGaussian();
    }
    Embedding e = Embedding.from(v);
    e.normalize();
    return e;
  }

  @Benchmark
  public EmbeddingSearchResult<TextSegment> raw() {
    return raw.search(request);
  }

  @Benchmark
  public EmbeddingSearchResult<TextSegment> aitelemetry() {
    return wrapped.search(request);
  }
}
