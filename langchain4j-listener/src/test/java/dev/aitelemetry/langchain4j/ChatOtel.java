package dev.aitelemetry.langchain4j;

import dev.aitelemetry.core.AiTelemetry;
import dev.aitelemetry.cost.ModelPrice;
import dev.aitelemetry.cost.PricingTable;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A real OpenTelemetry SDK (W3C propagation, spans and metrics kept in memory) and an {@link AiTelemetry} with a
 * known price for {@code gpt-4o-mini}, for one chat/AI-service test.
 */
final class ChatOtel implements AutoCloseable {
  /** USD per million tokens: input 0.15, cached input 0.075, output 0.60. */
  static final PricingTable PRICES = PricingTable.builder()
      .model("gpt-4o-mini", ModelPrice.perMillionTokens("USD", "0.15", "0.60").cacheRead("0.075"))
      .build();

  final InMemorySpanExporter spans = InMemorySpanExporter.create();
  final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
      .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
      .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
      .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
      .build();
  final AiTelemetry telemetry;

  ChatOtel() {
    this(false);
  }

  ChatOtel(boolean captureContent) {
    telemetry = AiTelemetry.builder(sdk).pricing(PRICES).captureContent(captureContent).build();
  }

  List<SpanData> spans() {
    return spans.getFinishedSpanItems();
  }

  List<SpanData> spansNamed(String name) {
    return spans().stream().filter(s -> s.getName().equals(name)).collect(Collectors.toList());
  }

  SpanData onlySpanNamed(String name) {
    List<SpanData> found = spansNamed(name);
    if (found.size() != 1) {
      throw new AssertionError("expected one span " + name + ", got " + spans());
    }
    return found.get(0);
  }

  /** Waits (bounded) until {@code count} spans match, for spans ended on another thread. */
  List<SpanData> awaitSpans(Predicate<SpanData> filter, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      List<SpanData> found = spans().stream().filter(filter).collect(Collectors.toList());
      if (found.size() >= count || System.nanoTime() > deadline) {
        return found;
      }
      TimeUnit.MILLISECONDS.sleep(10); // polling for a condition, never a timing assertion
    }
  }

  Collection<MetricData> collect() {
    return metrics.collectAllMetrics();
  }

  MetricData metric(String name) {
    Collection<MetricData> all = collect();
    return all.stream().filter(m -> m.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no metric " + name + " among "
            + all.stream().map(MetricData::getName).collect(Collectors.toList())));
  }

  static List<HistogramPointData> points(MetricData metric) {
    return List.copyOf(metric.getHistogramData().getPoints());
  }

  static <T> T attr(SpanData span, AttributeKey<T> key) {
    return span.getAttributes().get(key);
  }

  static Duration seconds(long s) {
    return Duration.ofSeconds(s);
  }

  @Override
  public void close() {
    sdk.close();
  }
}
