package dev.aitelemetry.core;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** A real OpenTelemetry SDK whose spans and metrics stay in memory, for one test. */
final class TestTelemetry implements AutoCloseable {
  final InMemorySpanExporter spans = InMemorySpanExporter.create();
  final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  final OpenTelemetrySdk sdk;

  TestTelemetry() {
    this(b -> {});
  }

  TestTelemetry(Consumer<io.opentelemetry.sdk.trace.SdkTracerProviderBuilder> tracing) {
    var tracer = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans));
    tracing.accept(tracer);
    sdk = OpenTelemetrySdk.builder()
        .setTracerProvider(tracer.build())
        .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
        .build();
  }

  static TestTelemetry withProcessor(SpanProcessor extra) {
    return new TestTelemetry(b -> b.addSpanProcessor(extra));
  }

  AiTelemetryBuilder builder() {
    return AiTelemetry.builder(sdk).environment(name -> null);
  }

  List<SpanData> finishedSpans() {
    return spans.getFinishedSpanItems();
  }

  SpanData onlySpan() {
    List<SpanData> all = finishedSpans();
    if (all.size() != 1) {
      throw new AssertionError("expected exactly one span, got " + all);
    }
    return all.get(0);
  }

  Collection<MetricData> collect() {
    return metrics.collectAllMetrics();
  }

  Optional<MetricData> metric(String name) {
    return collect().stream().filter(m -> m.getName().equals(name)).findFirst();
  }

  MetricData requireMetric(String name) {
    Collection<MetricData> all = collect();
    return all.stream().filter(m -> m.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no metric " + name + " among "
            + all.stream().map(MetricData::getName).collect(Collectors.toList())));
  }

  static List<HistogramPointData> histogramPoints(MetricData metric) {
    return new ArrayList<>(metric.getHistogramData().getPoints());
  }

  static List<LongPointData> counterPoints(MetricData metric) {
    return new ArrayList<>(metric.getLongSumData().getPoints());
  }

  static <T> T attr(HistogramPointData p, AttributeKey<T> key) {
    return p.getAttributes().get(key);
  }

  @Override
  public void close() {
    sdk.close();
  }
}
