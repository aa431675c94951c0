// Counts span starts and ends, and ends of spans it never saw start or saw end twice.
package dev.aitelemetry.it.reliability;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * A span processor that keeps no span, only counts: every started span is remembered by id until it ends, so
 * {@link #open()} is the set of spans started and not yet ended, and {@link #unmatchedEnds()} counts ends of spans
 * that were not open (a second end would land there).
 */
public final class CountingSpanProcessor implements SpanProcessor {
  private final LongAdder started = new LongAdder();
  private final LongAdder ended = new LongAdder();
  private final LongAdder unmatchedEnds = new LongAdder();
  private final ConcurrentHashMap<String, String> open = new ConcurrentHashMap<>();

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {
    started.increment();
    open.put(span.getSpanContext().getSpanId(), span.getName());
  }

  @Override
  public boolean isStartRequired() {
    return true;
  }

  @Override
  public void onEnd(ReadableSpan span) {
    ended.increment();
    if (open.remove(span.getSpanContext().getSpanId()) == null) {
      unmatchedEnds.increment();
    }
  }

  @Override
  public boolean isEndRequired() {
    return true;
  }

  public long started() {
    return started.sum();
  }

  public long ended() {
    return ended.sum();
  }

  public long unmatchedEnds() {
    return unmatchedEnds.sum();
  }

  /** Names of the spans started and not ended, for failure messages. */
  public List<String> open() {
    return open.values().stream().sorted().collect(Collectors.toList());
  }

  public Set<String> openIds() {
    return Set.copyOf(open.keySet());
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode forceFlush() {
    return CompletableResultCode.ofSuccess();
  }
}
