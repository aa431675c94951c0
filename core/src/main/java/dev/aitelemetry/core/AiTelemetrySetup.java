package dev.aitelemetry.core;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Tracer;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * One call to get a working OpenTelemetry setup, the Java counterpart of the Python guide's {@code
 * setup_telemetry}:
 *
 * <pre>{@code
 * try (AiTelemetrySetup setup = AiTelemetrySetup.init("mcp-memory-search")) {
 *   AiTelemetry telemetry = setup.telemetry();
 *   ...
 * }
 * }</pre>
 *
 * <p>It builds the SDK with OpenTelemetry autoconfiguration, so every standard {@code OTEL_*} variable and
 * system property works; traces and metrics go over OTLP/gRPC by default. The guide's variables are honoured too:
 * {@code OTLP_ENDPOINT} (as {@code OTEL_EXPORTER_OTLP_ENDPOINT}) and {@code MCP_SERVICE_NAME} (as {@code
 * OTEL_SERVICE_NAME}); the standard variable wins when both are set. The service name, highest first: {@code
 * OTEL_SERVICE_NAME} ({@code -Dotel.service.name}), a {@code service.name} in {@code OTEL_RESOURCE_ATTRIBUTES}
 * ({@code -Dotel.resource.attributes}), {@code MCP_SERVICE_NAME}, the {@code serviceName} argument. If an
 * OpenTelemetry instance is already installed globally (for example by the Java agent) it is reused and no second
 * SDK is built, and none of these variables is applied by this class.
 *
 * <p>A shutdown hook flushes pending telemetry when the JVM exits; {@link #close()} does the same earlier and may
 * be called any number of times. Needs {@code opentelemetry-sdk-extension-autoconfigure} and {@code
 * opentelemetry-exporter-otlp} on the classpath (optional dependencies of aitelemetry-core).
 */
public final class AiTelemetrySetup implements AutoCloseable {
  /**
   * The guide's endpoint variable; {@code OTEL_EXPORTER_OTLP_ENDPOINT} ({@code -Dotel.exporter.otlp.endpoint})
   * and the per-signal endpoints win over it.
   */
  public static final String GUIDE_ENDPOINT_ENV = "OTLP_ENDPOINT";
  /**
   * The guide's service-name variable; {@code OTEL_SERVICE_NAME} and a {@code service.name} in {@code
   * OTEL_RESOURCE_ATTRIBUTES} win over it, and it wins over the {@code serviceName} argument.
   */
  public static final String GUIDE_SERVICE_NAME_ENV = "MCP_SERVICE_NAME";

  private static final System.Logger LOGGER = System.getLogger("dev.aitelemetry");

  private final OpenTelemetry openTelemetry;
  private final AiTelemetry telemetry;
  private final String serviceName;
  private final AutoCloseable sdk;
  private final Thread shutdownHook;
  private final AtomicBoolean closed = new AtomicBoolean();

  private AiTelemetrySetup(Builder b) {
    this.serviceName = b.serviceName;
    OpenTelemetry installed = GlobalOpenTelemetry.isSet() ? GlobalOpenTelemetry.get() : null;
    if (installed != null && !AiTelemetry.isNoop(installed)) {
      this.openTelemetry = installed;
      this.sdk = null;
      LOGGER.log(Level.INFO, "aitelemetry: reusing the installed OpenTelemetry instance (e.g. the Java agent)");
    } else {
      boolean registerGlobal = b.registerGlobal;
      if (installed != null) {
        // Something called GlobalOpenTelemetry.get() before this setup, which installs a no-op for good; reusing
        // it would record nothing, silently. Build a working SDK instead, used through this setup only.
        LOGGER.log(Level.WARNING, "aitelemetry: GlobalOpenTelemetry already holds a no-op instance (was"
            + " GlobalOpenTelemetry.get() called before AiTelemetrySetup?); building an SDK that is not global");
        registerGlobal = false;
      }
      SdkFactory.Built built = SdkFactory.build(defaults(b), registerGlobal, b.sdkCustomizer);
      this.openTelemetry = built.openTelemetry();
      this.sdk = built.closer();
    }
    AiTelemetryBuilder tb = AiTelemetry.builder(openTelemetry);
    if (b.environment != null) {
      tb.environment(b.environment);
    }
    if (b.customizer != null) {
      b.customizer.accept(tb);
    }
    this.telemetry = tb.build();
    if (sdk != null && b.shutdownHook) {
      shutdownHook = new Thread(this::close, "aitelemetry-shutdown");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    } else {
      shutdownHook = null;
    }
  }

  /**
   * Sets up telemetry with every default; see the class description.
   *
   * @param serviceName the service name when no variable names one (see the class description)
   * @return the setup; close it to flush and shut down the SDK it built
   */
  public static AiTelemetrySetup init(String serviceName) {
    return builder(serviceName).build();
  }

  /** A builder for the less common choices. */
  public static Builder builder(String serviceName) {
    return new Builder(serviceName);
  }

  /** The OpenTelemetry instance: built here, or the one that was already installed. */
  public OpenTelemetry openTelemetry() {
    return openTelemetry;
  }

  /** A tracer for the application's own spans, named after the service. */
  public Tracer tracer() {
    return openTelemetry.getTracer(serviceName);
  }

  /** A meter for the application's own metrics, named after the service. */
  public Meter meter() {
    return openTelemetry.getMeter(serviceName);
  }

  /** The AI instrumentation on this setup, to hand to {@code LangChain4jTelemetry} or {@code McpTelemetry}. */
  public AiTelemetry telemetry() {
    return telemetry;
  }

  /** Whether this setup built (and will shut down) its own SDK, rather than reusing an installed one. */
  public boolean ownsSdk() {
    return sdk != null;
  }

  /**
   * Flushes and shuts down the SDK this setup built (an installed one is left alone). Idempotent; waits at most
   * ten seconds for the exporters.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException alreadyShuttingDown) {
        // The JVM is exiting; the hook will find this setup closed.
      }
    }
    if (sdk != null) {
      try {
        sdk.close();
      } catch (Exception e) {
        LOGGER.log(Level.WARNING, "aitelemetry: shutting down the OpenTelemetry SDK failed", e);
      }
    }
  }

  static Map<String, String> defaults(Builder b) {
    UnaryOperator<String> env = b.environment != null ? b.environment : System::getenv;
    Map<String, String> defaults = new LinkedHashMap<>();
    String guideName = env.apply(GUIDE_SERVICE_NAME_ENV);
    // otel.service.name beats service.name in OTEL_RESOURCE_ATTRIBUTES, so set it only when the standard
    // resource attributes do not name the service: the standard variable wins, as everywhere else.
    // Autoconfigure takes the resource attributes from one source only: the system property, else the variable,
    // else our defaults (property(...)); look where it will.
    String resourceAttributes = System.getProperty("otel.resource.attributes");
    if (resourceAttributes == null) {
      resourceAttributes = env.apply("OTEL_RESOURCE_ATTRIBUTES");
    }
    if (resourceAttributes == null) {
      resourceAttributes = b.properties.get("otel.resource.attributes");
    }
    if (!namesService(resourceAttributes)) {
      defaults.put("otel.service.name", guideName != null && !guideName.isBlank() ? guideName : b.serviceName);
    }
    String guideEndpoint = env.apply(GUIDE_ENDPOINT_ENV);
    if (guideEndpoint != null && !guideEndpoint.isBlank()) {
      defaults.put("otel.exporter.otlp.endpoint", guideEndpoint);
    }
    defaults.put("otel.exporter.otlp.protocol", "grpc");
    // We emit no logs; an OTLP log exporter would only add failures against trace-only collectors.
    defaults.put("otel.logs.exporter", "none");
    defaults.putAll(b.properties);
    return defaults;
  }

  private static boolean namesService(String resourceAttributes) {
    if (resourceAttributes == null) {
      return false;
    }
    for (String pair : resourceAttributes.split(",")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).trim().equals("service.name") && !pair.substring(eq + 1).isBlank()) {
        return true;
      }
    }
    return false;
  }

  /** Configures {@link AiTelemetrySetup}. */
  public static final class Builder {
    private final String serviceName;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private boolean registerGlobal = true;
    private boolean shutdownHook = true;
    private Consumer<AiTelemetryBuilder> customizer;
    private Consumer<? super io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer> sdkCustomizer;
    private UnaryOperator<String> environment;

    private Builder(String serviceName) {
      Objects.requireNonNull(serviceName, "serviceName");
      if (serviceName.isBlank()) {
        throw new IllegalArgumentException("serviceName must not be blank");
      }
      this.serviceName = serviceName;
    }

    /**
     * A default for an autoconfiguration property, e.g. {@code otel.metrics.exporter=prometheus}; environment
     * variables and system properties still win.
     */
    public Builder property(String key, String value) {
      properties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Whether to install the built SDK as {@code GlobalOpenTelemetry} (default true). */
    public Builder registerGlobal(boolean registerGlobal) {
      this.registerGlobal = registerGlobal;
      return this;
    }

    /** Whether to flush and shut down on JVM exit (default true). */
    public Builder shutdownHook(boolean shutdownHook) {
      this.shutdownHook = shutdownHook;
      return this;
    }

    /** Customizes the {@link AiTelemetry} built on the SDK: pricing, content capture, redaction. */
    public Builder telemetry(Consumer<AiTelemetryBuilder> customizer) {
      this.customizer = customizer;
      return this;
    }

    /**
     * Customizes the SDK before it is built — extra span processors, metric readers, resource attributes —
     * through OpenTelemetry's {@code AutoConfigurationCustomizer}. Not applied when an installed instance (the
     * Java agent's) is reused.
     */
    public Builder customizeSdk(
        Consumer<? super io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer> sdkCustomizer) {
      this.sdkCustomizer = sdkCustomizer;
      return this;
    }

    /** For tests: where the guide's environment variables are read from. */
    Builder environment(UnaryOperator<String> environment) {
      this.environment = environment;
      return this;
    }

    /** Builds the SDK (or reuses the installed one) and the instrumentation. */
    public AiTelemetrySetup build() {
      return new AiTelemetrySetup(this);
    }
  }
}
