// Job: specify the traced EmbeddingModel on the real offline all-MiniLM model and on OpenAiEmbeddingModel over local HTTP.
package dev.aitelemetry.langchain4j;

import static dev.aitelemetry.core.GenAiAttributes.ERROR_TYPE;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_EMBEDDINGS_DIMENSION_COUNT;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_OPERATION_NAME;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_PROVIDER_NAME;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_REQUEST_MODEL;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_RESPONSE_MODEL;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_TOKEN_TYPE;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_USAGE_COST_AMOUNT;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_USAGE_COST_CURRENCY;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_USAGE_INPUT_TOKENS;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_USAGE_OUTPUT_TOKENS;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.request.EmbeddingRequest;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TracedEmbeddingModelTest {
  private final MemoryOtel otel = new MemoryOtel();
  private final OpenAiTestServer server = OpenAiTestServer.start();

  @AfterEach
  void close() {
    server.close();
    otel.close();
  }

  private EmbeddingModel openAi() {
    return otel.lc(false).wrap(OpenAiEmbeddingModel.builder().baseUrl(server.baseUrl()).apiKey("sk-test")
        .modelName("text-embedding-3-small").maxRetries(0).build());
  }

  @Test
  void embeddingWithTheOfflineModelIsOneEmbeddingsSpanWithTheDimension() {
    EmbeddingModel model = otel.lc(false).wrap(MiniLm.model());

    assertThat(model.embed("The Moon orbits the Earth.").content().dimension()).isEqualTo(384);

    SpanData span = otel.onlySpan();
    assertThat(span).hasName("embeddings").hasKind(SpanKind.CLIENT)
        .hasAttribute(GEN_AI_OPERATION_NAME, "embeddings")
        .hasAttribute(GEN_AI_EMBEDDINGS_DIMENSION_COUNT, 384L);
    assertThat(span.getAttributes().get(GEN_AI_REQUEST_MODEL)).as("modelName() is \"unknown\"").isNull();
    assertThat(span).as("provider() is OTHER").hasAttribute(GEN_AI_PROVIDER_NAME, "other");
    assertThat(span.getAttributes().get(GEN_AI_USAGE_COST_AMOUNT)).isNull();
  }

  @Test
  void theOfflineModelsTokenCountIsRecordedButNotPriced() {
    otel.lc(false).wrap(MiniLm.model()).embed("The Moon orbits the Earth.");

    long input = otel.onlySpan().getAttributes().get(GEN_AI_USAGE_INPUT_TOKENS);
    assertThat(input).isPositive();
    assertThat(otel.histogram("gen_ai.client.token.usage")).singleElement()
        .satisfies(p -> assertThat(p.getSum()).isEqualTo((double) input));
    assertThat(otel.hasMetric("gen_ai.client.operation.cost")).isFalse();
  }

  @Test
  void eachEmbeddingEntryPointGivesExactlyOneSpan() {
    EmbeddingModel model = otel.lc(false).wrap(MiniLm.model());

    model.embed("a");
    model.embed(TextSegment.from("b"));
    model.embedAll(List.of(TextSegment.from("c"), TextSegment.from("d")));
    model.embed(EmbeddingRequest.builder().inputs("e", "f").build());

    assertThat(otel.finishedSpans()).hasSize(4).allSatisfy(s -> assertThat(s).hasName("embeddings")
        .hasAttribute(GEN_AI_EMBEDDINGS_DIMENSION_COUNT, 384L));
  }

  @Test
  void aPricedRemoteModelGivesInputTokensAndCostOnTheSpan() {
    server.enqueue(OpenAiTestServer.Reply.embeddings(new float[] {0.1f, 0.2f, 0.3f}));

    openAi().embed("Where is the Eiffel Tower?");

    SpanData span = otel.onlySpan();
    assertThat(span).hasName("embeddings text-embedding-3-small").hasKind(SpanKind.CLIENT)
        .hasAttribute(GEN_AI_PROVIDER_NAME, "openai")
        .hasAttribute(GEN_AI_REQUEST_MODEL, "text-embedding-3-small")
        .hasAttribute(GEN_AI_USAGE_INPUT_TOKENS, 11L)
        .hasAttribute(GEN_AI_EMBEDDINGS_DIMENSION_COUNT, 3L)
        .hasAttribute(GEN_AI_USAGE_COST_CURRENCY, "USD");
    assertThat(span.getAttributes().get(GEN_AI_USAGE_COST_AMOUNT)).isCloseTo(11 * 0.02 / 1_000_000, within(1e-12));
    assertThat(span.getAttributes().get(GEN_AI_USAGE_OUTPUT_TOKENS)).isNull();
  }

  @Test
  void aRemoteEmbeddingIsRecordedOnTheClientDurationAndTokenUsageMetrics() {
    server.enqueue(OpenAiTestServer.Reply.embeddings(new float[] {0.1f, 0.2f}, new float[] {0.3f, 0.4f}));

    openAi().embedAll(List.of(TextSegment.from("a"), TextSegment.from("b")));

    HistogramPointData duration = otel.histogram("gen_ai.client.operation.duration").get(0);
    assertThat(MemoryOtel.attr(duration, GEN_AI_OPERATION_NAME)).isEqualTo("embeddings");
    assertThat(MemoryOtel.attr(duration, GEN_AI_REQUEST_MODEL)).isEqualTo("text-embedding-3-small");
    assertThat(MemoryOtel.attr(duration, GEN_AI_PROVIDER_NAME)).isEqualTo("openai");
    assertThat(otel.histogram("gen_ai.client.token.usage")).singleElement().satisfies(p -> {
      assertThat(MemoryOtel.attr(p, GEN_AI_TOKEN_TYPE)).isEqualTo("input");
      assertThat(p.getSum()).isEqualTo(11.0);
    });
    assertThat(otel.histogram("gen_ai.client.operation.cost")).hasSize(1);
  }

  @Test
  void theResponseModelIsRecordedWhenTheProviderNamesOne() {
    server.enqueue(OpenAiTestServer.Reply.embeddings(new float[] {0.1f}).model("text-embedding-3-small-2024"));

    openAi().embed(EmbeddingRequest.builder().inputs("x").build());

    assertThat(otel.onlySpan()).hasAttribute(GEN_AI_RESPONSE_MODEL, "text-embedding-3-small-2024");
  }

  @Test
  void aFailingRemoteCallPassesItsExceptionThroughAndEndsTheSpanAsError() {
    server.enqueue(OpenAiTestServer.Reply.error(500, "server_error", "boom"));

    Throwable thrown = catchThrowable(() -> openAi().embed("x"));

    assertThat(thrown).isNotNull();
    assertThat(otel.onlySpan()).hasStatusSatisfying(s -> s.hasCode(StatusCode.ERROR))
        .hasAttribute(ERROR_TYPE, thrown.getClass().getName());
  }
}
