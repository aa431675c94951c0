// A real OpenTelemetry SDK for one test: counting processor, in-memory spans and metrics, W3C propagation.
package dev.aitelemetry.it.reliability;

import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The SDK the tests instrument against. Never registered as {@code GlobalOpenTelemetry}. With {@code
 * keepSpans=false} (the soak) spans are only counted, never retained.
 */
public final class TestSdk implements AutoCloseable {
  public final CountingSpanProcessor counting = new CountingSpanProcessor();
  public final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  public final InMemoryMetricReader metricReader = InMemoryMetricReader.create();
  public final OpenTelemetrySdk sdk;

  private TestSdk(boolean keepSpans, Sampler sampler, List<SpanProcessor> extra) {
    SdkTracerProviderBuilder tracing = SdkTracerProvider.builder().addSpanProcessor(counting);
    if (keepSpans) {
      tracing.addSpanProcessor(SimpleSpanProcessor.create(exporter));
    }
    extra.forEach(tracing::addSpanProcessor);
    if (sampler != null) {
      tracing.setSampler(sampler);
    }
    sdk = OpenTelemetrySdk.builder()
        .setTracerProvider(tracing.build())
        .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metricReader).build())
        .setPropagators(ContextPropagators.create(TextMapPropagator.composite(
            W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance())))
        .build();
  }

  public static TestSdk create() {
    return new TestSdk(true, null, List.of());
  }

  public static TestSdk countingOnly() {
    return new TestSdk(false, null, List.of());
  }

  public static TestSdk with(Sampler sampler, SpanProcessor... extra) {
    return new TestSdk(true, sampler, List.of(extra));
  }

  public List<SpanData> spans() {
    return exporter.getFinishedSpanItems();
  }

  public Collection<MetricData> collectMetrics() {
    return metricReader.collectAllMetrics();
  }

  @Override
  public void close() {
    sdk.shutdown().join(10, TimeUnit.SECONDS);
  }
}
