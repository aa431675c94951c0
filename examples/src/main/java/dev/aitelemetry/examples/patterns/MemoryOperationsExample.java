// Example of the guide's memory-operation pattern: hand-written knowledge-graph code traced as GenAI memory operations.
package dev.aitelemetry.examples.patterns;

import dev.aitelemetry.core.AiTelemetry;
import dev.aitelemetry.core.AiTelemetrySetup;
import dev.aitelemetry.core.MemoryOperation;
import dev.aitelemetry.core.MemoryOperationType;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Mirrors the Python guide's {@code trace_memory_operation(operation, source, count, **attrs)}.
 *
 * <p>{@link AiTelemetry#traceMemoryOperation} takes the guide's arguments as they are — a short verb ({@code
 * search}, {@code delete}), the store, a record count (negative when it is only known at the end) and extra span
 * attributes — and produces span {@code search_memory} / {@code delete_memory} with {@code gen_ai.operation.name},
 * {@code gen_ai.memory.store.id} and {@code gen_ai.memory.record.count}, plus the metrics {@code
 * gen_ai.memory.operation.duration} and {@code gen_ai.memory.operation.record_count}. Those spans are CLIENT spans,
 * because the guide's knowledge graph sits behind a network. When the store lives in the JVM, as this one does, the
 * builder {@link AiTelemetry#memoryOperation} can say so with {@code inProcess()} (INTERNAL span); {@link
 * KnowledgeGraph#remember} uses it for {@code create_memory}.
 *
 * <p>Run it, exporting over OTLP to {@code OTEL_EXPORTER_OTLP_ENDPOINT} (or the guide's {@code OTLP_ENDPOINT}):
 *
 * <pre>
 * mvn -q -B -pl examples -am package -DskipTests
 * java -cp 'examples/target/aitelemetry-demo.jar:examples/target/lib/*' dev.aitelemetry.examples.patterns.MemoryOperationsExample
 * </pre>
 */
public final class MemoryOperationsExample {
  static final String STORE = "knowledge_graph";
  static final AttributeKey<String> MATCH_MODE = AttributeKey.stringKey("app.memory.match");

  private MemoryOperationsExample() {}

  public static void main(String[] args) {
    try (AiTelemetrySetup setup = AiTelemetrySetup.init("patterns-memory-operations")) {
      System.out.println(run(setup.telemetry()));
    }
  }

  /** Remembers three facts, searches them, forgets the first match; returns the search result. */
  public static List<String> run(AiTelemetry telemetry) {
    KnowledgeGraph graph = new KnowledgeGraph(telemetry);
    graph.remember("checkout-api exhausts its connection pool under load");
    graph.remember("the connection pool of checkout-api is sized at 10");
    graph.remember("search-api reindexes every night at 02:00");
    List<String> found = graph.search("connection pool");
    graph.forget(List.of(found.get(0)));
    return found;
  }

  /** Memory code a team writes by hand, instrumented where it touches the store. */
  public static final class KnowledgeGraph {
    private final AiTelemetry telemetry;
    private final Map<String, String> facts = new LinkedHashMap<>();
    private int nextId = 1;

    public KnowledgeGraph(AiTelemetry telemetry) {
      this.telemetry = telemetry;
    }

    /** Stores a fact; returns its id. */
    @SuppressWarnings("try") // the operation is opened for its span; everything it records was given up front
    public String remember(String fact) {
      String id = "fact-" + nextId++;
      try (MemoryOperation op = telemetry.memoryOperation(MemoryOperationType.CREATE, STORE)
          .inProcess()
          .recordId(id)
          .recordCount(1)
          .startCurrent()) {
        facts.put(id, fact);
        return id;
      }
    }

    /** The ids of the facts that contain every word of {@code query}, in insertion order. */
    public List<String> search(String query) {
      // The count is what the search returns, so it is set once known rather than passed in.
      try (MemoryOperation op = telemetry.traceMemoryOperation(
          "search", STORE, -1, Attributes.of(MATCH_MODE, "all_words"))) {
        String[] words = query.toLowerCase(Locale.ROOT).split("\\s+");
        List<String> ids = new ArrayList<>();
        facts.forEach((id, fact) -> {
          String lower = fact.toLowerCase(Locale.ROOT);
          for (String word : words) {
            if (!lower.contains(word)) {
              return;
            }
          }
          ids.add(id);
        });
        op.setRecordCount(ids.size());
        return ids;
      }
    }

    /** Removes facts by id; returns how many existed. */
    @SuppressWarnings("try") // the operation is opened for its span; everything it records was given up front
    public int forget(Collection<String> ids) {
      // For a delete the count is the records attempted, known before the store is touched.
      try (MemoryOperation op = telemetry.traceMemoryOperation("delete", STORE, ids.size(), null)) {
        int removed = 0;
        for (String id : ids) {
          if (facts.remove(id) != null) {
            removed++;
          }
        }
        return removed;
      }
    }
  }
}
