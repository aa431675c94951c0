// The test kit's entry point: a real OTLP/gRPC trace receiver for one test class or test run.
package dev.aitelemetry.testing.otlp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * A real OTLP/gRPC trace receiver on {@code 127.0.0.1:4317}: Apache SkyWalking OAP 10.1.0 with in-memory storage,
 * run as a child process from the jars this module's build copied. Spans sent to it are read back through its
 * Zipkin v2 query API (see {@link ReceivedSpan} for how they look after conversion).
 *
 * <pre>{@code
 * try (OtlpReceiver receiver = OtlpReceiver.start()) {
 *   // point an OTLP/gRPC span exporter at receiver.otlpGrpcEndpoint(), send, flush
 *   List<ReceivedSpan> spans = receiver.awaitSpans("my-service", 2, Duration.ofSeconds(20));
 * }
 * }</pre>
 *
 * <p>Traces only: OTLP metrics are answered with {@code UNIMPLEMENTED}, so set the metrics exporter to
 * {@code none}. The ports (4317, 9412, 11800, 12800) are fixed, so one receiver runs per machine at a time; start
 * it once per test class ({@code @BeforeAll}/{@code @AfterAll}) and give each test its own service name, since
 * spans are kept until {@link #close()}. Start-up takes about 5 s and the server about 400 MB of memory.
 */
public final class OtlpReceiver implements AutoCloseable {
  /** The longest {@link #start()} waits: the OAP is ready in about 5 s, but 2 shared cores can make that 10x. */
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(90);

  private static final System.Logger LOG = System.getLogger(OtlpReceiver.class.getName());
  private static final Duration POLL = Duration.ofMillis(250);

  private final OapProcess process;
  private final Path workDir;
  private final ZipkinSpanReader reader;
  private final AtomicBoolean closed = new AtomicBoolean();

  private OtlpReceiver(OapProcess process, Path workDir, ZipkinSpanReader reader) {
    this.process = process;
    this.workDir = workDir;
    this.reader = reader;
  }

  /** Starts a receiver and waits until it accepts spans, at most {@link #DEFAULT_START_TIMEOUT}. */
  public static OtlpReceiver start() {
    return start(DEFAULT_START_TIMEOUT);
  }

  /**
   * Starts a receiver and waits until it accepts spans, at most {@code timeout}.
   *
   * @throws IllegalStateException if a port is taken, the jars are missing, or the server exits or is not ready
   *     in time (the message carries the server's log tail); the process is stopped before this is thrown
   */
  public static OtlpReceiver start(Duration timeout) {
    ReceiverPorts.requireAllFree();
    OapInstallation installation = OapInstallation.locate();
    long started = System.nanoTime();
    Path workDir = null;
    OapProcess process = null;
    try {
      workDir = Files.createTempDirectory("aitelemetry-otlp-receiver-");
      Path configDir = workDir.resolve("config");
      installation.writeConfig(configDir);
      process = OapProcess.launch(installation, workDir, configDir);
      ZipkinSpanReader reader = new ZipkinSpanReader(zipkinApi());
      process.awaitReady(() -> reader.isAnswering() && ReceiverPorts.isListening(ReceiverPorts.OTLP_GRPC), timeout);
      LOG.log(Level.INFO, "OTLP receiver (SkyWalking OAP pid {0}) ready in {1} ms", process.pid(),
          Duration.ofNanos(System.nanoTime() - started).toMillis());
      return new OtlpReceiver(process, workDir, reader);
    } catch (IOException e) {
      cleanUp(process, workDir);
      throw new UncheckedIOException("Could not start the OTLP receiver", e);
    } catch (InterruptedException e) {
      cleanUp(process, workDir);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while starting the OTLP receiver", e);
    } catch (RuntimeException | Error e) {
      cleanUp(process, workDir);
      throw e;
    }
  }

  /** Where an OTLP/gRPC exporter sends spans: {@code http://127.0.0.1:4317}. */
  public String otlpGrpcEndpoint() {
    return "http://127.0.0.1:" + ReceiverPorts.OTLP_GRPC;
  }

  /** The Zipkin v2 query API, for queries this class does not offer (e.g. {@code /traces?annotationQuery=}). */
  public static URI zipkinApi() {
    return URI.create("http://127.0.0.1:" + ReceiverPorts.ZIPKIN_QUERY + "/zipkin/api/v2");
  }

  /** The spans of {@code serviceName} stored so far (possibly none yet: storing takes about a second). */
  public List<ReceivedSpan> spans(String serviceName) {
    try {
      return reader.spansOf(serviceName);
    } catch (IOException e) {
      throw new UncheckedIOException("Reading spans of " + serviceName + " failed. Receiver log tail:\n"
          + process.logTail(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while reading spans", e);
    }
  }

  /**
   * Polls until at least {@code atLeast} spans of {@code serviceName} are stored, and returns all of them.
   *
   * @throws AssertionError after {@code timeout}, naming the spans that did arrive
   */
  public List<ReceivedSpan> awaitSpans(String serviceName, int atLeast, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<ReceivedSpan> spans = spans(serviceName);
      if (spans.size() >= atLeast) {
        return spans;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("Expected at least " + atLeast + " span(s) of service '" + serviceName
            + "' within " + timeout + ", got " + spans.size() + ": "
            + spans.stream().map(ReceivedSpan::name).toList());
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for spans", e);
      }
    }
  }

  /** The server's process id. */
  public long pid() {
    return process.pid();
  }

  /** The server's combined stdout/stderr; deleted by {@link #close()}. */
  public Path logFile() {
    return process.logFile();
  }

  /** Stops the server by its PID (SIGTERM, SIGKILL after 10 s) and deletes its temporary folder. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      cleanUp(process, workDir);
    }
  }

  private static void cleanUp(OapProcess process, Path workDir) {
    if (process != null) {
      process.stop();
    }
    if (workDir != null) {
      deleteTree(workDir);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // Leftovers in the temp folder must not fail a test that has passed.
      LOG.log(Level.WARNING, "Could not delete " + dir, e);
    }
  }
}
