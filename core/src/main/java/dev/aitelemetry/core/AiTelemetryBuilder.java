package dev.aitelemetry.core;

import dev.aitelemetry.cost.CostModel;
import dev.aitelemetry.cost.PricingTable;
import io.opentelemetry.api.OpenTelemetry;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Configures an {@link AiTelemetry}. Settings left alone come from the environment where the OpenTelemetry
 * conventions define a variable, else from safe defaults.
 */
public final class AiTelemetryBuilder {
  /** Environment variable that turns content capture on, shared with other GenAI instrumentations. */
  public static final String CAPTURE_CONTENT_ENV = "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT";
  /** System property equivalent of {@link #CAPTURE_CONTENT_ENV}. */
  public static final String CAPTURE_CONTENT_PROPERTY = "otel.instrumentation.genai.capture-message-content";
  /** Environment variable of the semconv stability opt-in; {@code gen_ai_latest_experimental} is read. */
  public static final String SEMCONV_OPT_IN_ENV = "OTEL_SEMCONV_STABILITY_OPT_IN";
  /** Default limit of a captured value, in characters. */
  public static final int DEFAULT_MAX_CONTENT_LENGTH = 8 * 1024;
  /** Default number of distinct model, tool, store and domain names per metric attribute. */
  public static final int DEFAULT_MAX_DISTINCT_METRIC_VALUES = 100;

  private static final System.Logger LOGGER = System.getLogger("dev.aitelemetry");

  final OpenTelemetry openTelemetry;
  CostModel costModel;
  boolean captureContent;
  int maxContentLength = DEFAULT_MAX_CONTENT_LENGTH;
  Redactor redactor = Redactor.defaults();
  int maxDistinctMetricValues = DEFAULT_MAX_DISTINCT_METRIC_VALUES;
  boolean latestExperimentalSemconv;
  private Boolean captureContentSet;
  private Boolean latestExperimentalSet;
  private UnaryOperator<String> environment = System::getenv;

  AiTelemetryBuilder(OpenTelemetry openTelemetry) {
    this.openTelemetry = openTelemetry;
  }

  /**
   * The prices that turn token usage into cost: a {@link PricingTable} or any {@link CostModel}. Default: {@link
   * PricingTable#fromEnvironment()}, the bundled table with the overrides named by {@code
   * AITELEMETRY_PRICING_FILE}. Use {@link CostModel#none()} for no cost at all.
   */
  public AiTelemetryBuilder pricing(CostModel costModel) {
    this.costModel = Objects.requireNonNull(costModel, "costModel");
    return this;
  }

  /**
   * Whether to record prompts, completions, tool arguments and results, and memory queries. Off by default, or
   * as {@code OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true} says. Content passes through the {@link
   * #redactor(Redactor) redactor} and is truncated to {@link #maxContentLength(int)}.
   */
  public AiTelemetryBuilder captureContent(boolean captureContent) {
    this.captureContentSet = captureContent;
    return this;
  }

  /** Longest captured value, in characters (default 8 KiB); longer JSON is shortened and stays valid JSON. */
  public AiTelemetryBuilder maxContentLength(int maxContentLength) {
    if (maxContentLength < 64) {
      throw new IllegalArgumentException("maxContentLength must be at least 64, got " + maxContentLength);
    }
    this.maxContentLength = maxContentLength;
    return this;
  }

  /**
   * The redactor applied before text is recorded: captured content (when capture is on), and exception messages,
   * stack traces and status descriptions (always, even with capture off). Default: {@link Redactor#defaults()}
   * (e-mail addresses, bearer tokens, API keys, credentials written as key/value, payment-card numbers). To add
   * your own to the defaults, pass {@code Redactor.defaults().andThen(mine)}.
   */
  public AiTelemetryBuilder redactor(Redactor redactor) {
    this.redactor = Objects.requireNonNull(redactor, "redactor");
    return this;
  }

  /**
   * How many distinct values of each unbounded metric attribute (request model, response model, tool, store and
   * domain names; each has its own budget, shared by the instruments that carry it) are kept before further values
   * are reported as {@code _OTHER}. Default 100.
   */
  public AiTelemetryBuilder maxDistinctMetricValues(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("maxDistinctMetricValues must be at least 1, got " + max);
    }
    this.maxDistinctMetricValues = max;
    return this;
  }

  /**
   * Emit the latest experimental GenAI conventions instead of v1.41 where they differ ({@code
   * gen_ai.usage.cache_write.input_tokens}, integer {@code top_k}). Default: whether {@code
   * OTEL_SEMCONV_STABILITY_OPT_IN} lists {@code gen_ai_latest_experimental}.
   */
  public AiTelemetryBuilder latestExperimentalSemconv(boolean enabled) {
    this.latestExperimentalSet = enabled;
    return this;
  }

  /** For tests: where environment variables are read from. */
  AiTelemetryBuilder environment(UnaryOperator<String> environment) {
    this.environment = environment;
    return this;
  }

  /** Builds the instrumentation; never fails on a bad environment (it logs and falls back instead). */
  public AiTelemetry build() {
    captureContent = captureContentSet != null ? captureContentSet : envCaptureContent();
    latestExperimentalSemconv = latestExperimentalSet != null ? latestExperimentalSet : envLatestExperimental();
    if (costModel == null) {
      costModel = defaultPricing();
    }
    return new AiTelemetry(this, new InternalErrors());
  }

  private boolean envCaptureContent() {
    String value = environment.apply(CAPTURE_CONTENT_ENV);
    if (value == null) {
      value = System.getProperty(CAPTURE_CONTENT_PROPERTY);
    }
    return value != null && value.trim().equalsIgnoreCase("true");
  }

  private boolean envLatestExperimental() {
    String value = environment.apply(SEMCONV_OPT_IN_ENV);
    if (value == null) {
      value = System.getProperty("otel.semconv-stability.opt-in");
    }
    if (value == null) {
      return false;
    }
    for (String part : value.split(",")) {
      if (part.trim().toLowerCase(Locale.ROOT).equals("gen_ai_latest_experimental")) {
        return true;
      }
    }
    return false;
  }

  private CostModel defaultPricing() {
    try {
      return PricingTable.fromEnvironment();
    } catch (RuntimeException e) {
      // A broken override file must not take the application down: keep the bundled prices and say why.
      LOGGER.log(Level.ERROR, "aitelemetry: ignoring the pricing overrides, using the bundled prices: "
          + e.getMessage(), e);
      return PricingTable.defaults();
    }
  }
}
