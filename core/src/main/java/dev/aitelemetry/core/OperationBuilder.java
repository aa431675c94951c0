package dev.aitelemetry.core;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What every operation builder shares: the parent context, span kind, links and extra attributes, and starting
 * the span with all attributes present at start so that samplers see them.
 *
 * @param <B> the concrete builder, for chaining
 */
abstract class OperationBuilder<B extends OperationBuilder<B>> {
  final AiTelemetry telemetry;
  /**
   * Span attributes to set at start, as key/value pairs: applied one by one with {@code SpanBuilder.setAttribute}
   * (a later value for the same key wins, as there), which avoids building and sorting an {@code Attributes}.
   */
  private Object[] pending;
  private int pendingSize;
  Context parent;
  SpanKind kind;
  private List<SpanContext> links;

  OperationBuilder(AiTelemetry telemetry, SpanKind defaultKind) {
    this(telemetry, defaultKind, 8);
  }

  /** @param expectedAttributes how many start attributes the operation usually has (the array grows if needed) */
  OperationBuilder(AiTelemetry telemetry, SpanKind defaultKind, int expectedAttributes) {
    this.telemetry = telemetry;
    this.kind = defaultKind;
    this.pending = new Object[2 * expectedAttributes];
  }

  @SuppressWarnings("unchecked")
  final B self() {
    return (B) this;
  }

  /** The parent context; defaults to {@link Context#current()} at start. */
  public B parent(Context parent) {
    this.parent = parent;
    return self();
  }

  /** Overrides the span kind chosen by the conventions (e.g. INTERNAL for an in-process model or store). */
  public B spanKind(SpanKind kind) {
    if (kind != null) {
      this.kind = kind;
    }
    return self();
  }

  /** Links the span to another, e.g. an ambient transport span that is not its parent. */
  public B addLink(SpanContext linked) {
    if (linked != null && linked.isValid()) {
      if (links == null) {
        links = new ArrayList<>(1);
      }
      links.add(linked);
    }
    return self();
  }

  /** Adds an attribute to the span (not to metrics); a null value is ignored. */
  public <T> B attribute(AttributeKey<T> key, T value) {
    if (key != null && value != null) {
      add(key, value);
    }
    return self();
  }

  /** Adds all these attributes to the span (not to metrics). */
  public B attributes(Attributes extra) {
    if (extra != null) {
      extra.forEach(this::add);
    }
    return self();
  }

  final <T> void put(AttributeKey<T> key, T value) {
    if (value != null) {
      add(key, value);
    }
  }

  private void add(AttributeKey<?> key, Object value) {
    if (pendingSize == pending.length) {
      pending = Arrays.copyOf(pending, pendingSize * 2);
    }
    pending[pendingSize++] = key;
    pending[pendingSize++] = value;
  }

  final Context resolvedParent() {
    return parent != null ? parent : Context.current();
  }

  /** Starts the span; if the SDK fails (a throwing span processor), returns a non-recording span instead. */
  final Span startSpan(String name, Context parentContext) {
    try {
      SpanBuilder builder = telemetry.tracer().spanBuilder(name)
          .setParent(parentContext)
          .setSpanKind(kind);
      Object[] p = pending;
      for (int i = 0, n = pendingSize; i < n; i += 2) {
        @SuppressWarnings("unchecked")
        AttributeKey<Object> key = (AttributeKey<Object>) p[i];
        builder.setAttribute(key, p[i + 1]);
      }
      if (links != null) {
        for (SpanContext link : links) {
          builder.addLink(link);
        }
      }
      return builder.startSpan();
    } catch (RuntimeException | LinkageError e) {
      telemetry.reportInternalError("span start", e);
      return Span.wrap(Span.fromContext(parentContext).getSpanContext());
    }
  }
}
