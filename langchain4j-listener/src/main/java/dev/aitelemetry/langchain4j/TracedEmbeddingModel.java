// Job: trace every embedding call of a LangChain4j EmbeddingModel as a GenAI "embeddings" operation with usage and cost.
package dev.aitelemetry.langchain4j;

import dev.aitelemetry.core.AiTelemetry;
import dev.aitelemetry.core.LlmCall;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.message.ContentType;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.listener.EmbeddingModelListener;
import dev.langchain4j.model.embedding.request.EmbeddingParameter;
import dev.langchain4j.model.embedding.request.EmbeddingRequest;
import dev.langchain4j.model.embedding.request.EmbeddingRequestParameters;
import dev.langchain4j.model.embedding.response.EmbeddingResponse;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A decorator of {@link EmbeddingModel}: each of {@code embed(String)}, {@code embed(TextSegment)}, {@code
 * embedAll(List)}, {@code embed(EmbeddingRequest)} and {@code doEmbed(EmbeddingRequest)} is one CLIENT span {@code
 * embeddings {model}} and forwards to the same method of the delegate (so the delegate's own listeners and
 * defaults still apply, and one call gives one span). The span carries {@code gen_ai.usage.input_tokens} when the
 * model reports token usage, {@code gen_ai.embeddings.dimension.count}, and the cost when the model is priced;
 * the call is recorded on {@code gen_ai.client.operation.duration} and {@code gen_ai.client.token.usage}.
 *
 * <p>A model whose {@code modelName()} is LangChain4j's {@code "unknown"} (the in-process ONNX models) gives a
 * span named {@code embeddings} without {@code gen_ai.request.model}; one with {@link ModelProvider#OTHER} has
 * {@code gen_ai.provider.name} {@code other}, as chat spans do. No usage reported means no token metric and no cost. The texts embedded are never
 * recorded. {@code dimension()} and the other descriptive methods are forwarded without a span.
 */
final class TracedEmbeddingModel implements EmbeddingModel {
  private final AiTelemetry telemetry;
  private final EmbeddingModel delegate;
  private final String provider;
  private final String modelName;

  TracedEmbeddingModel(AiTelemetry telemetry, EmbeddingModel delegate) {
    this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
    this.delegate = Objects.requireNonNull(delegate, "model");
    this.provider = providerName(telemetry, delegate);
    this.modelName = knownModelName(telemetry, delegate);
  }

  @Override
  public EmbeddingResponse embed(EmbeddingRequest request) {
    return TracedCall.run(telemetry, "EmbeddingModel.embed", () -> start(request),
        () -> delegate.embed(request), this::onResponse);
  }

  @Override
  public EmbeddingResponse doEmbed(EmbeddingRequest request) {
    return TracedCall.run(telemetry, "EmbeddingModel.doEmbed", () -> start(request),
        () -> delegate.doEmbed(request), this::onResponse);
  }

  @Override
  public Response<Embedding> embed(String text) {
    return TracedCall.run(telemetry, "EmbeddingModel.embed", () -> start(null),
        () -> delegate.embed(text), (call, response) -> onResponse(call, response, single(response)));
  }

  @Override
  public Response<Embedding> embed(TextSegment textSegment) {
    return TracedCall.run(telemetry, "EmbeddingModel.embed", () -> start(null),
        () -> delegate.embed(textSegment), (call, response) -> onResponse(call, response, single(response)));
  }

  @Override
  public Response<List<Embedding>> embedAll(List<TextSegment> textSegments) {
    return TracedCall.run(telemetry, "EmbeddingModel.embedAll", () -> start(null),
        () -> delegate.embedAll(textSegments),
        (call, response) -> onResponse(call, response, response == null ? null : first(response.content())));
  }

  @Override
  public List<EmbeddingModelListener> listeners() {
    return delegate.listeners();
  }

  @Override
  public ModelProvider provider() {
    return delegate.provider();
  }

  @Override
  public EmbeddingRequestParameters defaultRequestParameters() {
    return delegate.defaultRequestParameters();
  }

  @Override
  public Set<EmbeddingParameter<?>> supportedParameters() {
    return delegate.supportedParameters();
  }

  @Override
  public Set<ContentType> supportedContentTypes() {
    return delegate.supportedContentTypes();
  }

  @Override
  public int dimension() {
    return delegate.dimension();
  }

  @Override
  public String modelName() {
    return delegate.modelName();
  }

  /** LangChain4j's listening decorator around this traced model: listeners see traced calls. */
  @Override
  public EmbeddingModel addListener(EmbeddingModelListener listener) {
    return EmbeddingModel.super.addListener(listener);
  }

  /** LangChain4j's listening decorator around this traced model: listeners see traced calls. */
  @Override
  public EmbeddingModel addListeners(List<EmbeddingModelListener> listeners) {
    return EmbeddingModel.super.addListeners(listeners);
  }

  @Override
  public String toString() {
    return "TracedEmbeddingModel[" + delegate + "]";
  }

  private LlmCall start(EmbeddingRequest request) {
    String requested = request == null ? null : known(request.modelName());
    return telemetry.embeddings(provider, requested != null ? requested : modelName).start();
  }

  private void onResponse(LlmCall call, EmbeddingResponse response) {
    if (response != null) {
      call.setResponseModel(known(response.modelName()));
      onResponse(call, response.tokenUsage(), response.embeddings() == null ? null : first(response.embeddings()));
    }
  }

  private static void onResponse(LlmCall call, Response<?> response, Embedding sample) {
    onResponse(call, response == null ? null : response.tokenUsage(), sample);
  }

  private static void onResponse(LlmCall call, TokenUsage usage, Embedding sample) {
    if (sample != null) {
      call.setEmbeddingsDimensionCount(sample.dimension());
    }
    if (usage != null && usage.inputTokenCount() != null) {
      call.setUsage(new dev.aitelemetry.cost.TokenUsage(usage.inputTokenCount(), 0, 0, 0, 0));
    }
  }

  private static Embedding single(Response<Embedding> response) {
    return response == null ? null : response.content();
  }

  private static Embedding first(List<Embedding> embeddings) {
    return embeddings == null || embeddings.isEmpty() ? null : embeddings.get(0);
  }

  /** A model name worth recording: not null, blank or LangChain4j's {@code "unknown"} placeholder. */
  private static String known(String name) {
    return name == null || name.isBlank() || "unknown".equals(name) ? null : name;
  }

  private static String knownModelName(AiTelemetry telemetry, EmbeddingModel model) {
    try {
      return known(model.modelName());
    } catch (RuntimeException | LinkageError e) {
      telemetry.reportInternalError("EmbeddingModel.modelName", e);
      return null;
    }
  }

  /** {@code gen_ai.provider.name} as on chat spans ({@link ProviderNames}); null when the model cannot say. */
  private static String providerName(AiTelemetry telemetry, EmbeddingModel model) {
    try {
      return ProviderNames.of(model.provider());
    } catch (RuntimeException | LinkageError e) {
      telemetry.reportInternalError("EmbeddingModel.provider", e);
      return null;
    }
  }
}
