// Example of the guide's cross-domain correlation: how strongly a conversation relates to stored knowledge, recorded in a tool scope.
package dev.aitelemetry.examples.patterns;

import dev.aitelemetry.core.AiTelemetry;
import dev.aitelemetry.core.AiTelemetrySetup;
import dev.aitelemetry.core.ToolInvocation;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Mirrors the Python guide's {@code trace_cross_domain_correlation(source_domain, target_domain, score, **attrs)}.
 *
 * <p>A tool relates the user's conversation to the entries of a knowledge graph and reports the best match with
 * {@link AiTelemetry#recordCrossDomainCorrelation}: an event {@code cross_domain_correlation} on the current span
 * (here the tool's {@code execute_tool relate_to_knowledge}) carrying the two domains, the score and the extra
 * attributes, and a point of the {@code aitelemetry.correlation.score} histogram labelled by the two domains only,
 * so that per-entry details stay on the span and out of metric labels. The score here is the Jaccard overlap of
 * the word sets; any similarity in [0, 1] fits the histogram's buckets.
 *
 * <p>Run it, exporting over OTLP to {@code OTEL_EXPORTER_OTLP_ENDPOINT} (or the guide's {@code OTLP_ENDPOINT}):
 *
 * <pre>
 * mvn -q -B -pl examples -am package -DskipTests
 * java -cp 'examples/target/aitelemetry-demo.jar:examples/target/lib/*' dev.aitelemetry.examples.patterns.CrossDomainCorrelationExample
 * </pre>
 */
public final class CrossDomainCorrelationExample {
  static final String TOOL = "relate_to_knowledge";
  static final String SOURCE_DOMAIN = "conversation";
  static final String TARGET_DOMAIN = "knowledge_graph";
  static final AttributeKey<String> ENTRY_ID = AttributeKey.stringKey("app.knowledge.entry_id");
  static final String CONVERSATION = "Checkout keeps failing: connection pool exhausted";
  static final Map<String, String> KNOWLEDGE = knowledge();

  private CrossDomainCorrelationExample() {}

  /** The knowledge entry that relates best to a conversation, and how strongly. */
  public record Correlation(String entryId, double score) {}

  public static void main(String[] args) {
    try (AiTelemetrySetup setup = AiTelemetrySetup.init("patterns-cross-domain-correlation")) {
      Correlation c = run(setup.telemetry());
      System.out.printf(Locale.ROOT, "\"%s\" relates best to %s (score %.3f)%n", CONVERSATION, c.entryId(), c.score());
    }
  }

  /** Relates the example conversation to the example knowledge. */
  public static Correlation run(AiTelemetry telemetry) {
    return relate(telemetry, CONVERSATION, KNOWLEDGE);
  }

  /** The tool: finds the best-matching entry and records the correlation inside its own span. */
  public static Correlation relate(AiTelemetry telemetry, String conversation, Map<String, String> knowledge) {
    try (ToolInvocation tool = telemetry.traceToolInvocation(TOOL)) {
      Set<String> said = words(conversation);
      Correlation best = new Correlation("none", 0.0);
      for (Map.Entry<String, String> entry : knowledge.entrySet()) {
        double score = jaccard(said, words(entry.getValue()));
        if (score > best.score()) {
          best = new Correlation(entry.getKey(), score);
        }
      }
      tool.setAttribute("app.knowledge.entries_compared", (long) knowledge.size());
      // Recorded while the tool's span is current: that is the span the event lands on.
      telemetry.recordCrossDomainCorrelation(SOURCE_DOMAIN, TARGET_DOMAIN, best.score(),
          Attributes.of(ENTRY_ID, best.entryId()));
      return best;
    }
  }

  static Set<String> words(String text) {
    return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+"))
        .filter(w -> !w.isEmpty())
        .collect(Collectors.toSet());
  }

  static double jaccard(Set<String> a, Set<String> b) {
    Set<String> union = new HashSet<>(a);
    union.addAll(b);
    if (union.isEmpty()) {
      return 0.0;
    }
    Set<String> common = new HashSet<>(a);
    common.retainAll(b);
    return (double) common.size() / union.size();
  }

  private static Map<String, String> knowledge() {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("kb-4", "Disk full on the log volume: rotate logs");
    entries.put("kb-17", "Connection pool exhausted: raise the pool size");
    entries.put("kb-23", "Checkout latency after deploy: roll back");
    return Collections.unmodifiableMap(entries);
  }
}
