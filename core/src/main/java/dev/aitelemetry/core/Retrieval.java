package dev.aitelemetry.core;

import static dev.aitelemetry.core.GenAiAttributes.*;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;

/**
 * A retrieval from a data source for retrieval-augmented generation: CLIENT span {@code retrieval
 * {dataSourceId}}. Its duration goes to {@code gen_ai.memory.operation.duration} with operation {@code
 * retrieval} and the data source as store id, beside the memory operations it usually wraps.
 */
public final class Retrieval extends AiOperation {
  private final String dataSourceId;
  private volatile long documentCount = -1;

  private Retrieval(AiTelemetry telemetry, Span span, Context parent, String dataSourceId) {
    super(telemetry, span, parent);
    this.dataSourceId = dataSourceId;
  }

  /** The number of documents (contents) returned. */
  public void setDocumentCount(long count) {
    if (count >= 0) {
      documentCount = count;
      setAttribute(RETRIEVAL_DOCUMENT_COUNT, count);
    }
  }

  /** The documents as JSON ({@code [{"id":…,"score":…}]}); recorded only when content capture is on. */
  public void setDocuments(String json) {
    guard("setDocuments", () -> setContent(GEN_AI_RETRIEVAL_DOCUMENTS, json));
  }

  @Override
  void onEnd(String errorType, double seconds) {
    MemoryOperation.recordMetrics(telemetry, Operations.RETRIEVAL, dataSourceId, documentCount, errorType, seconds);
  }

  /** Describes a retrieval before it starts. */
  public static final class Builder extends OperationBuilder<Builder> {
    private final String dataSourceId;
    private String queryText;

    Builder(AiTelemetry telemetry, String dataSourceId) {
      super(telemetry, SpanKind.CLIENT);
      this.dataSourceId = dataSourceId;
    }

    /** The query text; recorded only when content capture is on. */
    public Builder queryText(String text) {
      this.queryText = text;
      return this;
    }

    /** The number of results asked for: {@code gen_ai.request.top_k}, or {@code gen_ai.retrieval.top_k} (an int)
     * under {@code gen_ai_latest_experimental}. */
    public Builder topK(Number topK) {
      if (topK != null) {
        if (telemetry.latestExperimentalSemconv()) {
          put(GEN_AI_RETRIEVAL_TOP_K, topK.longValue());
        } else {
          put(GEN_AI_REQUEST_TOP_K, topK.doubleValue());
        }
      }
      return this;
    }

    /**
     * {@code gen_ai.provider.name}, when a named GenAI provider serves the retrieval (e.g. a hosted search
     * service). A span attribute only, never a metric label.
     *
     * @param name the provider, e.g. {@code aws.bedrock}; null leaves the attribute out
     * @return this builder
     */
    public Builder providerName(String name) {
      put(GEN_AI_PROVIDER_NAME, name);
      return this;
    }

    /** Starts the retrieval without making it current. */
    public Retrieval start() {
      put(GEN_AI_OPERATION_NAME, Operations.RETRIEVAL);
      put(GEN_AI_DATA_SOURCE_ID, dataSourceId);
      String name = dataSourceId == null ? Operations.RETRIEVAL : Operations.RETRIEVAL + " " + dataSourceId;
      Context parentContext = resolvedParent();
      Retrieval r = new Retrieval(telemetry, startSpan(name, parentContext), parentContext, dataSourceId);
      r.guard("queryText", () -> r.setContent(GEN_AI_RETRIEVAL_QUERY_TEXT, queryText));
      return r;
    }

    /** Starts the retrieval and makes it current until {@link Retrieval#close()}. */
    public Retrieval startCurrent() {
      Retrieval r = start();
      r.enterScope();
      return r;
    }
  }
}
