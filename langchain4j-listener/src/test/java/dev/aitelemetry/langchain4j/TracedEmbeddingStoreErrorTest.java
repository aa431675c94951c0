// Job: specify that store failures reach the caller unchanged and mark the span ERROR, and that broken tracing never does.
package dev.aitelemetry.langchain4j;

import static dev.aitelemetry.core.GenAiAttributes.ERROR_TYPE;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_OPERATION_NAME;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.aitelemetry.core.AiTelemetry;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TracedEmbeddingStoreErrorTest {
  private static final EmbeddingSearchRequest REQUEST =
      EmbeddingSearchRequest.builder().queryEmbedding(Embedding.from(new float[] {1f, 0f})).build();

  private MemoryOtel otel = new MemoryOtel();

  @AfterEach
  void close() {
    otel.close();
  }

  /** A real in-memory store whose search fails with the given error. */
  static final class FailingSearchStore extends InMemoryEmbeddingStore<TextSegment> {
    private final Throwable failure;

    FailingSearchStore(Throwable failure) {
      this.failure = failure;
    }

    @Override
    public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request) {
      if (failure instanceof RuntimeException) {
        throw (RuntimeException) failure;
      }
      throw (Error) failure;
    }
  }

  static final class StoreUnavailableException extends RuntimeException {
    StoreUnavailableException(String message) {
      super(message);
    }
  }

  @Test
  void aFailingSearchThrowsTheSameExceptionInstanceToTheCaller() {
    StoreUnavailableException failure = new StoreUnavailableException("connection refused");
    EmbeddingStore<TextSegment> store = otel.lc(false).wrap(new FailingSearchStore(failure), "kb");

    assertThat(catchThrowable(() -> store.search(REQUEST))).isSameAs(failure);
  }

  @Test
  void aFailingSearchEndsItsSpanAsErrorWithTheExceptionClassAsErrorType() {
    EmbeddingStore<TextSegment> store =
        otel.lc(false).wrap(new FailingSearchStore(new StoreUnavailableException("connection refused")), "kb");

    catchThrowable(() -> store.search(REQUEST));

    SpanData span = otel.onlySpan();
    assertThat(span).hasName("search_memory").hasStatusSatisfying(s -> s.hasCode(StatusCode.ERROR))
        .hasAttribute(ERROR_TYPE, StoreUnavailableException.class.getName());
    assertThat(span.getEvents()).extracting(e -> e.getName()).containsExactly("exception");
  }

  @Test
  void aFailingSearchIsCountedOnTheDurationMetricWithItsErrorType() {
    EmbeddingStore<TextSegment> store =
        otel.lc(false).wrap(new FailingSearchStore(new StoreUnavailableException("down")), "kb");

    catchThrowable(() -> store.search(REQUEST));

    HistogramPointData point = otel.histogram("gen_ai.memory.operation.duration").get(0);
    assertThat(MemoryOtel.attr(point, GEN_AI_OPERATION_NAME)).isEqualTo("search_memory");
    assertThat(MemoryOtel.attr(point, ERROR_TYPE)).isEqualTo(StoreUnavailableException.class.getName());
  }

  @Test
  void anErrorThrownByTheStoreAlsoPassesThroughAndEndsTheSpan() {
    StackOverflowError failure = new StackOverflowError();
    EmbeddingStore<TextSegment> store = otel.lc(false).wrap(new FailingSearchStore(failure), "kb");

    assertThat(catchThrowable(() -> store.search(REQUEST))).isSameAs(failure);
    assertThat(otel.onlySpan()).hasAttribute(ERROR_TYPE, StackOverflowError.class.getName());
  }

  @Test
  void aBrokenSpanProcessorDoesNotChangeWhatTheStoreReturns() {
    otel.close();
    otel = new MemoryOtel(b -> b.addSpanProcessor(new ThrowingSpanProcessor()));
    InMemoryEmbeddingStore<TextSegment> plain = new InMemoryEmbeddingStore<>();
    AiTelemetry telemetry = otel.telemetry(false);
    EmbeddingStore<TextSegment> store = LangChain4jTelemetry.create(telemetry).wrap(plain, "kb");

    String id = store.add(Embedding.from(new float[] {1f, 0f}), TextSegment.from("fact"));
    EmbeddingSearchResult<TextSegment> result = store.search(REQUEST);

    assertThat(result.matches()).hasSize(1);
    assertThat(result.matches().get(0).embeddingId()).isEqualTo(id);
    assertThat(plain.search(REQUEST).matches().get(0).embeddingId()).isEqualTo(id);
    assertThat(telemetry.internalErrorCount()).as("failures reported, not thrown").isPositive();
  }

  /** A span processor that fails on every callback. */
  static final class ThrowingSpanProcessor implements SpanProcessor {
    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
      throw new IllegalStateException("broken processor (start)");
    }

    @Override
    public boolean isStartRequired() {
      return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
      throw new IllegalStateException("broken processor (end)");
    }

    @Override
    public boolean isEndRequired() {
      return true;
    }
  }
}
