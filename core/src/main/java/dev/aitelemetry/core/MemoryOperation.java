package dev.aitelemetry.core;

import static dev.aitelemetry.core.GenAiAttributes.*;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;

/**
 * One operation on a memory store (vector store, chat memory, knowledge graph) in the shape of the GenAI memory
 * conventions: span {@code {operation}} (e.g. {@code search_memory}), CLIENT by default and INTERNAL for
 * in-process stores, with {@code gen_ai.memory.*} attributes; metrics {@code gen_ai.memory.operation.duration}
 * and {@code gen_ai.memory.operation.record_count}.
 *
 * <p>Wrapped stores and hand-written memory code ({@link AiTelemetry#traceMemoryOperation}) produce the same
 * shape, so both look alike on a dashboard.
 */
public final class MemoryOperation extends AiOperation {
  private final String operationName;
  private final String storeId;
  private volatile long recordCount = -1;

  private MemoryOperation(AiTelemetry telemetry, Span span, Context parent, Builder b) {
    super(telemetry, span, parent);
    this.operationName = b.operationName;
    this.storeId = b.storeId;
    this.recordCount = b.recordCount;
  }

  /** Records returned (search) or attempted (create, update, upsert, delete). */
  public void setRecordCount(long count) {
    if (count >= 0) {
      recordCount = count;
      setAttribute(GEN_AI_MEMORY_RECORD_COUNT, count);
    }
  }

  /** The record an operation applies to, for single-record operations. */
  public void setRecordId(String id) {
    setAttribute(GEN_AI_MEMORY_RECORD_ID, id);
  }

  /** The query text of a search; recorded only when content capture is on. */
  public void setQueryText(String text) {
    guard("setQueryText", () -> setContent(GEN_AI_MEMORY_QUERY_TEXT, text));
  }

  /** The records involved, as JSON (e.g. ids and scores); recorded only when content capture is on. */
  public void setRecords(String json) {
    guard("setRecords", () -> setContent(GEN_AI_MEMORY_RECORDS, json));
  }

  @Override
  void onEnd(String errorType, double seconds) {
    recordMetrics(telemetry, operationName, storeId, recordCount, errorType, seconds);
  }

  /**
   * The memory metrics of one operation — also used by {@link Retrieval}, so that retrievals and memory
   * operations share one dashboard shape.
   *
   * @param count records returned or attempted, negative when unknown (no record-count point)
   */
  static void recordMetrics(AiTelemetry telemetry, String operationName, String storeId, long count,
      String errorType, double seconds) {
    Instruments m = telemetry.instruments();
    AttributesBuilder b = Attributes.builder().put(GEN_AI_OPERATION_NAME, operationName);
    if (storeId != null) {
      b.put(GEN_AI_MEMORY_STORE_ID, telemetry.storeGuard().admit(storeId));
    }
    if (count >= 0) {
      m.memoryRecordCount.record(count, b.build());
    }
    if (errorType != null) {
      b.put(ERROR_TYPE, errorType);
    }
    m.memoryDuration.record(seconds, b.build());
  }

  /** Describes a memory operation before it starts. */
  public static final class Builder extends OperationBuilder<Builder> {
    private final String operationName;
    private final String storeId;
    private long recordCount = -1;
    private String queryText;

    Builder(AiTelemetry telemetry, String operationName, String storeId) {
      super(telemetry, SpanKind.CLIENT);
      this.operationName = operationName;
      this.storeId = storeId;
    }

    /** Marks an in-process store (e.g. {@code InMemoryEmbeddingStore}): INTERNAL span kind. */
    public Builder inProcess() {
      return spanKind(SpanKind.INTERNAL);
    }

    /**
     * {@code gen_ai.memory.record.id}: the record a single-record operation applies to, when known before the
     * call; {@link MemoryOperation#setRecordId(String)} sets it later (e.g. an id the store generated).
     *
     * @param id the record id; null leaves the attribute out
     * @return this builder
     */
    public Builder recordId(String id) {
      put(GEN_AI_MEMORY_RECORD_ID, id);
      return this;
    }

    /** Records attempted, when known before the call (create, update, delete). */
    public Builder recordCount(long count) {
      if (count >= 0) {
        recordCount = count;
        put(GEN_AI_MEMORY_RECORD_COUNT, count);
      }
      return this;
    }

    /** The query text; recorded only when content capture is on. */
    public Builder queryText(String text) {
      this.queryText = text;
      return this;
    }

    /** {@code db.system.name} of the store behind the memory, when it is a known database. */
    public Builder dbSystemName(String name) {
      put(DB_SYSTEM_NAME, name);
      return this;
    }

    /** {@code gen_ai.provider.name}, when a named GenAI provider serves the memory. */
    public Builder providerName(String name) {
      put(GEN_AI_PROVIDER_NAME, name);
      return this;
    }

    /**
     * {@code server.address} and {@code server.port} of a remote store, e.g. {@code graph.internal} and 7687.
     * Span attributes only, never metric labels.
     *
     * @param address the host name or IP address; null leaves both attributes out
     * @param port the port, written only with an address and when positive; may be null
     * @return this builder
     */
    public Builder server(String address, Integer port) {
      put(SERVER_ADDRESS, address);
      if (address != null && port != null && port > 0) {
        put(SERVER_PORT, port.longValue());
      }
      return this;
    }

    /** Starts the operation without making it current; end it with {@link MemoryOperation#end()}. */
    public MemoryOperation start() {
      put(GEN_AI_OPERATION_NAME, operationName);
      put(GEN_AI_MEMORY_STORE_ID, storeId);
      Context parentContext = resolvedParent();
      MemoryOperation op =
          new MemoryOperation(telemetry, startSpan(operationName, parentContext), parentContext, this);
      op.setQueryText(queryText);
      return op;
    }

    /** Starts the operation and makes it current until {@link MemoryOperation#close()}. */
    public MemoryOperation startCurrent() {
      MemoryOperation op = start();
      op.enterScope();
      return op;
    }
  }
}
