// A real OpenTelemetry SDK (W3C propagators, in-memory spans and metrics) and an AiTelemetry on it, for one test.
package dev.aitelemetry.mcp;

import dev.aitelemetry.core.AiTelemetry;
import dev.aitelemetry.core.AiTelemetryBuilder;
import dev.aitelemetry.cost.CostModel;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.SdkMeterProviderBuilder;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

final class TestTelemetry implements AutoCloseable {
  static final TextMapPropagator W3C =
      TextMapPropagator.composite(W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance());

  final InMemorySpanExporter spans = InMemorySpanExporter.create();
  final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  final OpenTelemetrySdk sdk;

  TestTelemetry() {
    this(W3C, m -> {});
  }

  TestTelemetry(TextMapPropagator propagator, Consumer<SdkMeterProviderBuilder> extraMetrics) {
    SdkMeterProviderBuilder meters = SdkMeterProvider.builder().registerMetricReader(metrics);
    extraMetrics.accept(meters);
    sdk = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
        .setMeterProvider(meters.build())
        .setPropagators(ContextPropagators.create(propagator))
        .build();
  }

  /** Content capture explicitly off (the default), whatever the environment of the build says. */
  AiTelemetry telemetry() {
    return builder().captureContent(false).build();
  }

  AiTelemetryBuilder builder() {
    return AiTelemetry.builder(sdk).pricing(CostModel.none());
  }

  List<SpanData> finishedSpans() {
    return spans.getFinishedSpanItems();
  }

  List<SpanData> spansOfKind(SpanKind kind) {
    return finishedSpans().stream().filter(s -> s.getKind() == kind).collect(Collectors.toList());
  }

  /** Waits (at most 5 s) until {@code count} finished spans match; spans end on server threads. */
  List<SpanData> awaitSpans(int count, Predicate<SpanData> filter) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    List<SpanData> found;
    do {
      found = finishedSpans().stream().filter(filter).collect(Collectors.toList());
      if (found.size() >= count) {
        return found;
      }
      sleep(10);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("expected " + count + " spans, got " + found + " among " + finishedSpans());
  }

  SpanData awaitSpan(SpanKind kind) {
    return awaitSpans(1, s -> s.getKind() == kind).get(0);
  }

  MetricData metric(String name) {
    List<MetricData> all = new ArrayList<>(metrics.collectAllMetrics());
    return all.stream().filter(m -> m.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no metric " + name + " among "
            + all.stream().map(MetricData::getName).collect(Collectors.toList())));
  }

  boolean hasMetric(String name) {
    return metrics.collectAllMetrics().stream().anyMatch(m -> m.getName().equals(name));
  }

  static List<HistogramPointData> histogramPoints(MetricData metric) {
    return new ArrayList<>(metric.getHistogramData().getPoints());
  }

  static List<LongPointData> counterPoints(MetricData metric) {
    return new ArrayList<>(metric.getLongSumData().getPoints());
  }

  static <T> T attr(SpanData span, AttributeKey<T> key) {
    return span.getAttributes().get(key);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    sdk.close();
  }
}
