// Faults of the export path: the instrumented calls neither change nor wait, the queue stays bounded, export resumes.
package dev.aitelemetry.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aitelemetry.core.AiTelemetry;
import dev.aitelemetry.testing.otlp.OtlpReceiver;
import dev.aitelemetry.testing.otlp.ReceivedSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each fault of the export path, with the SDK as production runs it (a {@link BatchSpanProcessor}, here with a
 * small queue of {@value #QUEUE} spans so that drops happen): {@value #ROUNDS} rounds of chat + MCP tool call +
 * memory search must return exactly what the uninstrumented twins return, no round may wait on the export, every
 * span must still be ended, the queue must stay at its cap with the excess counted as dropped by the SDK's own
 * {@code processedSpans{dropped=true}} counter, and the library must report no failure of its own.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ExporterFaultsTest {
  static final int QUEUE = 64;
  static final int BATCH = 16;
  static final int ROUNDS = 40;
  /** A round takes a few ms; a round that waited on the export would take the export's 2-30 s. */
  static final long MAX_ROUND_MILLIS = 1_500;

  private static LocalOpenAi endpoint;
  private static Workload plain;

  @BeforeAll
  static void start() {
    endpoint = LocalOpenAi.start();
    plain = Workload.plain(endpoint);
  }

  @AfterAll
  static void stop() {
    if (plain != null) {
      plain.close();
    }
    if (endpoint != null) {
      endpoint.close();
    }
  }

  @Test
  void exporterThatThrows() {
    run("exporter throws", new SpanExporter() {
      @Override
      public CompletableResultCode export(Collection<SpanData> spans) {
        throw new IllegalStateException("collector exploded");
      }

      @Override
      public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
      }
    }, "reliability-throws", false);
  }

  @Test
  void exporterThatBlocksFor30Seconds() {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger exportCalls = new AtomicInteger();
    try {
      Outcome o = run("exporter blocks 30 s", new SpanExporter() {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
          exportCalls.incrementAndGet();
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
          return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
          release.countDown();
          return CompletableResultCode.ofSuccess();
        }
      }, "reliability-blocks", true);
      // The worker holds one batch in the blocked export, the queue holds the rest; everything else is dropped.
      assertThat(o.dropped).isGreaterThanOrEqualTo(o.started - QUEUE - BATCH);
      assertThat(exportCalls.get()).isEqualTo(1);
    } finally {
      release.countDown();
    }
  }

  @Test
  void otlpEndpointRefusingConnections() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    run("OTLP endpoint refuses connections (closed port)", otlp("http://127.0.0.1:" + closedPort),
        "reliability-refused", false);
  }

  @Test
  void collectorThatAcceptsThenResets() throws Exception {
    AtomicInteger resets = new AtomicInteger();
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      server.setSoTimeout(200);
      Thread acceptor = new Thread(() -> {
        while (!server.isClosed()) {
          try (Socket s = server.accept()) {
            s.setSoLinger(true, 0); // close sends RST
            resets.incrementAndGet();
          } catch (SocketTimeoutException e) {
            // check isClosed again
          } catch (IOException e) {
            return;
          }
        }
      }, "resetting-collector");
      acceptor.setDaemon(true);
      acceptor.start();
      run("collector accepts then resets", otlp("http://127.0.0.1:" + server.getLocalPort()),
          "reliability-reset", false);
      server.close();
      acceptor.join(5_000);
    }
    assertThat(resets.get()).as("connections the collector reset").isPositive();
    Figures.record("ExporterFaults", "collector resets (connections accepted then RST)", resets.get());
  }

  /**
   * The collector is down (nothing listens on 127.0.0.1:4317), calls go on; then a real OTLP receiver starts on that
   * port and the same exporter delivers the spans of the next calls.
   */
  @Test
  void exportResumesWhenTheCollectorComesBack() {
    awaitPortFree(4317, Duration.ofSeconds(90));
    String service = "reliability-comeback-" + Long.toHexString(System.nanoTime());
    Pipeline p = new Pipeline(otlp("http://127.0.0.1:4317"), service);
    try (Workload traced = Workload.traced(p.telemetry, endpoint, Map.of())) {
      Outcome down = rounds("collector down (before it comes back)", p, traced);
      assertThat(down.maxRoundMillis).isLessThan(MAX_ROUND_MILLIS);
      try (OtlpReceiver receiver = OtlpReceiver.start()) {
        long before = p.counting.ended();
        for (int i = 0; i < 5; i++) {
          assertThat(traced.round(1000 + i)).isEqualTo(plain.round(1000 + i));
        }
        long afterComeback = p.counting.ended() - before;
        p.tracing.forceFlush().join(30, TimeUnit.SECONDS);
        List<ReceivedSpan> received = receiver.awaitSpans(service, (int) afterComeback, Duration.ofSeconds(60));
        assertThat(received).anySatisfy(s -> assertThat(s.name()).isEqualTo("chat gpt-4o-mini"));
        assertThat(received).anySatisfy(s -> assertThat(s.name()).isEqualTo("tools/call lookup"));
        assertThat(received).anySatisfy(s -> assertThat(s.name()).isEqualTo("search_memory"));
        Figures.record("ExporterFaults", "comeback: spans ended after the receiver started", afterComeback);
        Figures.record("ExporterFaults", "comeback: spans received by the real OTLP receiver", received.size());
      }
    } finally {
      p.close();
    }
  }

  // ---------------------------------------------------------------- machinery

  private Outcome run(String fault, SpanExporter exporter, String service, boolean expectDrops) {
    Pipeline p = new Pipeline(exporter, service);
    Outcome o;
    try (Workload traced = Workload.traced(p.telemetry, endpoint, Map.of())) {
      o = rounds(fault, p, traced);
    } finally {
      p.close();
    }
    assertThat(o.maxRoundMillis).as("slowest round of %s", fault).isLessThan(MAX_ROUND_MILLIS);
    assertThat(o.queueSize).as("queued spans").isLessThanOrEqualTo(QUEUE);
    if (expectDrops) {
      assertThat(o.dropped).isPositive();
    }
    return o;
  }

  private Outcome rounds(String fault, Pipeline p, Workload traced) {
    // warm-up: class loading and the first HTTP and MCP connections are not the fault's doing
    assertThat(traced.round(-1)).isEqualTo(plain.round(-1));
    List<Long> millis = new ArrayList<>();
    List<Long> plainMillis = new ArrayList<>();
    for (int i = 0; i < ROUNDS; i++) {
      long t0 = System.nanoTime();
      String result = traced.round(i);
      long t1 = System.nanoTime();
      String expected = plain.round(i);
      plainMillis.add((System.nanoTime() - t1) / 1_000_000);
      millis.add((t1 - t0) / 1_000_000);
      assertThat(result).isEqualTo(expected);
    }
    Collections.sort(millis);
    Collections.sort(plainMillis);
    Figures.record("ExporterFaults", "[" + fault + "] uninstrumented round p50/max ms",
        plainMillis.get(plainMillis.size() / 2) + "/" + plainMillis.get(plainMillis.size() - 1));
    Collection<MetricData> metrics = p.metrics.collectAllMetrics();
    Outcome o = new Outcome(p.counting.started(), p.counting.ended(), counter(metrics, "processedSpans", true),
        gauge(metrics, "queueSize"), millis.get(millis.size() / 2), millis.get(millis.size() - 1));
    assertThat(p.counting.open()).as("spans started and not ended").isEmpty();
    assertThat(o.started).isEqualTo(o.ended).isGreaterThanOrEqualTo(3L * (ROUNDS + 1));
    assertThat(p.telemetry.internalErrorCount()).as("library failures").isZero();
    Figures.record("ExporterFaults", "[" + fault + "] rounds/spans started/ended/dropped/queued/p50 ms/max ms",
        (ROUNDS + 1) + "/" + o.started + "/" + o.ended + "/" + o.dropped + "/" + o.queueSize + "/"
            + o.p50RoundMillis + "/" + o.maxRoundMillis);
    return o;
  }

  static final class Outcome {
    final long started;
    final long ended;
    final long dropped;
    final long queueSize;
    final long p50RoundMillis;
    final long maxRoundMillis;

    Outcome(long started, long ended, long dropped, long queueSize, long p50, long max) {
      this.started = started;
      this.ended = ended;
      this.dropped = dropped;
      this.queueSize = queueSize;
      this.p50RoundMillis = p50;
      this.maxRoundMillis = max;
    }
  }

  /** An SDK as production builds it: batch processor (small queue) plus a counting processor. */
  static final class Pipeline {
    final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    final SdkMeterProvider meterProvider = SdkMeterProvider.builder().registerMetricReader(metrics).build();
    final CountingSpanProcessor counting = new CountingSpanProcessor();
    final SdkTracerProvider tracing;
    final OpenTelemetrySdk sdk;
    final AiTelemetry telemetry;

    Pipeline(SpanExporter exporter, String service) {
      tracing = SdkTracerProvider.builder()
          .setResource(Resource.getDefault().merge(Resource.create(
              Attributes.of(AttributeKey.stringKey("service.name"), service))))
          .addSpanProcessor(counting)
          .addSpanProcessor(BatchSpanProcessor.builder(exporter)
              .setMaxQueueSize(QUEUE).setMaxExportBatchSize(BATCH)
              .setScheduleDelay(Duration.ofMillis(100)).setExporterTimeout(Duration.ofSeconds(2))
              .setMeterProvider(meterProvider).build())
          .build();
      sdk = OpenTelemetrySdk.builder().setTracerProvider(tracing).setMeterProvider(meterProvider)
          .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
      telemetry = AiTelemetry.builder(sdk).build();
    }

    void close() {
      sdk.shutdown().join(15, TimeUnit.SECONDS);
    }
  }

  static SpanExporter otlp(String endpoint) {
    return OtlpGrpcSpanExporter.builder().setEndpoint(endpoint).setTimeout(Duration.ofSeconds(2)).build();
  }

  private static long counter(Collection<MetricData> metrics, String name, boolean dropped) {
    return metrics.stream().filter(m -> m.getName().equals(name))
        .flatMap(m -> m.getLongSumData().getPoints().stream())
        .filter(pt -> Boolean.valueOf(dropped).equals(pt.getAttributes().get(AttributeKey.booleanKey("dropped"))))
        .mapToLong(LongPointData::getValue).sum();
  }

  private static long gauge(Collection<MetricData> metrics, String name) {
    return metrics.stream().filter(m -> m.getName().equals(name))
        .flatMap(m -> m.getLongGaugeData().getPoints().stream())
        .mapToLong(LongPointData::getValue).max().orElse(0);
  }

  /** Waits (bounded) until nothing accepts on 127.0.0.1:port: another engineer's receiver may be running. */
  static void awaitPortFree(int port, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      } catch (IOException free) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("127.0.0.1:" + port + " stays taken (another OTLP receiver running?)");
      }
      try {
        Thread.sleep(1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
