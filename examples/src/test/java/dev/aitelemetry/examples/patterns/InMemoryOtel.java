// A real OpenTelemetry SDK with in-memory span and metric readers, and an AiTelemetry with the bundled prices on it.
package dev.aitelemetry.examples.patterns;

import dev.aitelemetry.core.AiTelemetry;
import dev.aitelemetry.cost.PricingTable;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

final class InMemoryOtel implements AutoCloseable {
  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
      .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
      .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
      // W3C propagation, as autoconfiguration sets it up: the MCP example carries trace context in _meta.
      .setPropagators(ContextPropagators.create(TextMapPropagator.composite(
          W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance())))
      .build();

  /** Bundled prices and no content capture, whatever the environment says, so that assertions are exact. */
  final AiTelemetry telemetry = AiTelemetry.builder(sdk)
      .pricing(PricingTable.defaults())
      .captureContent(false)
      .build();

  List<SpanData> spans() {
    return spans.getFinishedSpanItems();
  }

  /** Waits at most five seconds for {@code count} finished spans: MCP server spans end on the server's threads. */
  List<SpanData> awaitSpans(int count) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (spans().size() < count && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    List<SpanData> finished = spans();
    if (finished.size() < count) {
      throw new AssertionError("expected " + count + " finished spans within 5 s, got " + finished);
    }
    return finished;
  }

  MetricData metric(String name) {
    List<MetricData> all = List.copyOf(metrics.collectAllMetrics());
    return all.stream().filter(m -> m.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no metric " + name + " among "
            + all.stream().map(MetricData::getName).collect(Collectors.toList())));
  }

  /** Counter value by the point's attributes. */
  Map<Attributes, Long> counter(String name) {
    return metric(name).getLongSumData().getPoints().stream()
        .collect(Collectors.toMap(LongPointData::getAttributes, LongPointData::getValue));
  }

  /** Histogram points by their attributes. */
  Map<Attributes, HistogramPointData> histogram(String name) {
    return metric(name).getHistogramData().getPoints().stream()
        .collect(Collectors.toMap(HistogramPointData::getAttributes, Function.identity()));
  }

  @Override
  public void close() {
    sdk.close();
  }
}
