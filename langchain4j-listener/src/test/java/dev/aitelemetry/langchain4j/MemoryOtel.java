// Job: a real OpenTelemetry SDK whose spans and metrics stay in memory, for the memory-wrapper tests.
package dev.aitelemetry.langchain4j;

import dev.aitelemetry.core.AiTelemetry;
import dev.aitelemetry.core.AiTelemetryBuilder;
import dev.aitelemetry.cost.PricingTable;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** Real SDK + {@link InMemorySpanExporter} + {@link InMemoryMetricReader}; one per test. */
final class MemoryOtel implements AutoCloseable {
  final InMemorySpanExporter spans = InMemorySpanExporter.create();
  final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  final OpenTelemetrySdk sdk;

  MemoryOtel() {
    this(b -> {});
  }

  MemoryOtel(Consumer<SdkTracerProviderBuilder> tracing) {
    SdkTracerProviderBuilder tracer = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans));
    tracing.accept(tracer);
    sdk = OpenTelemetrySdk.builder()
        .setTracerProvider(tracer.build())
        .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
        .build();
  }

  /** Telemetry independent of the environment: content capture as given, v1.41 conventions, bundled prices. */
  AiTelemetry telemetry(boolean captureContent) {
    return builder().captureContent(captureContent).build();
  }

  AiTelemetryBuilder builder() {
    return AiTelemetry.builder(sdk).latestExperimentalSemconv(false).pricing(PricingTable.defaults());
  }

  LangChain4jTelemetry lc(boolean captureContent) {
    return LangChain4jTelemetry.create(telemetry(captureContent));
  }

  List<SpanData> finishedSpans() {
    return spans.getFinishedSpanItems();
  }

  List<SpanData> spansNamed(String name) {
    return finishedSpans().stream().filter(s -> s.getName().equals(name)).collect(Collectors.toList());
  }

  SpanData onlySpan() {
    List<SpanData> all = finishedSpans();
    if (all.size() != 1) {
      throw new AssertionError("expected exactly one span, got " + all);
    }
    return all.get(0);
  }

  /** The points of histogram {@code name}; fails listing the metrics present when there is none. */
  List<HistogramPointData> histogram(String name) {
    Collection<MetricData> all = metrics.collectAllMetrics();
    MetricData metric = all.stream().filter(m -> m.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no metric " + name + " among "
            + all.stream().map(MetricData::getName).collect(Collectors.toList())));
    return new ArrayList<>(metric.getHistogramData().getPoints());
  }

  boolean hasMetric(String name) {
    return metrics.collectAllMetrics().stream().anyMatch(m -> m.getName().equals(name));
  }

  static <T> T attr(HistogramPointData p, AttributeKey<T> key) {
    return p.getAttributes().get(key);
  }

  @Override
  public void close() {
    sdk.close();
  }
}
