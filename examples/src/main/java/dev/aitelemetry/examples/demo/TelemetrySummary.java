package dev.aitelemetry.examples.demo;

import static dev.aitelemetry.core.GenAiAttributes.*;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Renders what the demo recorded as text a person reads at the end of a run: the span tree of one request, a
 * table per model (calls, tokens, cost, latency) and a table per tool (invocations, errors, latency).
 */
final class TelemetrySummary {
  private static final Set<String> MODEL_OPERATIONS = Set.of("chat", "text_completion", "generate_content",
      "embeddings");

  private TelemetrySummary() {}

  static String render(List<SpanData> spans) {
    StringBuilder out = new StringBuilder();
    spanTree(spans, out);
    modelTable(spans, out);
    toolTable(spans, out);
    memoryTable(spans, out);
    return out.toString();
  }

  /**
   * The request that shows the most: a trace where the agent searched the memory over MCP if there is one, then
   * the one with the most distinct kinds of span, then the largest.
   */
  static void spanTree(List<SpanData> spans, StringBuilder out) {
    Map<String, List<SpanData>> byTrace = spans.stream().collect(Collectors.groupingBy(SpanData::getTraceId));
    List<SpanData> trace = byTrace.values().stream()
        .max(Comparator.<List<SpanData>, Boolean>comparing(
                t -> t.stream().anyMatch(s -> s.getName().equals("tools/call search_memory")))
            .thenComparingLong(t -> t.stream().map(SpanData::getName).distinct().count())
            .thenComparingInt(List::size))
        .orElse(List.of());
    if (trace.isEmpty()) {
      return;
    }
    Map<String, SpanData> byId = new LinkedHashMap<>();
    trace.forEach(s -> byId.put(s.getSpanId(), s));
    Map<String, List<SpanData>> children = new LinkedHashMap<>();
    List<SpanData> roots = new ArrayList<>();
    for (SpanData s : trace) {
      if (byId.containsKey(s.getParentSpanId())) {
        children.computeIfAbsent(s.getParentSpanId(), k -> new ArrayList<>()).add(s);
      } else {
        roots.add(s);
      }
    }
    out.append("\nSpan tree of one request (trace ").append(trace.get(0).getTraceId()).append(")\n");
    roots.sort(Comparator.comparingLong(SpanData::getStartEpochNanos));
    for (SpanData root : roots) {
      out.append(root.getName()).append("  [").append(kind(root.getKind())).append(", ")
          .append(String.format("%.0f ms", millis(root))).append(details(root)).append("]\n");
      printChildren(root, children, "", out);
    }
  }

  /** Prints a span's children; a run of childless siblings with the same name is printed once, with a count. */
  private static void printChildren(SpanData span, Map<String, List<SpanData>> children, String indent,
      StringBuilder out) {
    List<SpanData> kids = new ArrayList<>(children.getOrDefault(span.getSpanId(), List.of()));
    kids.sort(Comparator.comparingLong(SpanData::getStartEpochNanos));
    int i = 0;
    while (i < kids.size()) {
      SpanData kid = kids.get(i);
      int run = 1;
      while (!children.containsKey(kid.getSpanId()) && i + run < kids.size()
          && kids.get(i + run).getName().equals(kid.getName())
          && !children.containsKey(kids.get(i + run).getSpanId())) {
        run++;
      }
      boolean last = i + run >= kids.size();
      out.append(indent).append(last ? "└─ " : "├─ ").append(kid.getName());
      if (run > 1) {
        String store = kid.getAttributes().get(GEN_AI_MEMORY_STORE_ID);
        out.append(" ×").append(run).append("  [").append(kind(kid.getKind()))
            .append(store == null ? "" : ", store " + store).append("]\n");
      } else {
        out.append("  [").append(kind(kid.getKind())).append(", ").append(String.format("%.0f ms", millis(kid)))
            .append(details(kid)).append("]\n");
        printChildren(kid, children, indent + (last ? "   " : "│  "), out);
      }
      i += run;
    }
  }

  private static String details(SpanData span) {
    StringBuilder d = new StringBuilder();
    Long in = span.getAttributes().get(GEN_AI_USAGE_INPUT_TOKENS);
    Long outTokens = span.getAttributes().get(GEN_AI_USAGE_OUTPUT_TOKENS);
    if (in != null) {
      d.append(", tokens ").append(in).append(" in");
      Long cached = span.getAttributes().get(GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS);
      if (cached != null) {
        d.append(" (").append(cached).append(" cached)");
      }
      if (outTokens != null) {
        d.append(" / ").append(outTokens).append(" out");
      }
    }
    Double cost = span.getAttributes().get(GEN_AI_USAGE_COST_AMOUNT);
    if (cost != null) {
      d.append(", ").append(money(BigDecimal.valueOf(cost))).append(' ')
          .append(span.getAttributes().get(GEN_AI_USAGE_COST_CURRENCY));
    }
    String store = span.getAttributes().get(GEN_AI_MEMORY_STORE_ID);
    if (store != null) {
      d.append(", store ").append(store);
    }
    Long records = span.getAttributes().get(GEN_AI_MEMORY_RECORD_COUNT);
    if (records != null) {
      d.append(", ").append(records).append(" records");
    }
    String error = span.getAttributes().get(ERROR_TYPE);
    if (error != null || span.getStatus().getStatusCode() == StatusCode.ERROR) {
      d.append(", ERROR ").append(error == null ? "" : error);
    }
    return d.toString();
  }

  static void modelTable(List<SpanData> spans, StringBuilder out) {
    Map<String, List<SpanData>> byModel = group(spans.stream()
        .filter(s -> MODEL_OPERATIONS.contains(s.getAttributes().get(GEN_AI_OPERATION_NAME)))
        .collect(Collectors.toList()), TelemetrySummary::modelLabel);
    if (byModel.isEmpty()) {
      return;
    }
    out.append("\nPer model\n");
    String format = "%-34s %6s %9s %9s %9s %10s %12s %9s %9s%n";
    out.append(String.format(format, "model", "calls", "input", "cached", "output", "reasoning", "cost", "p50",
        "p95"));
    for (Map.Entry<String, List<SpanData>> e : byModel.entrySet()) {
      List<SpanData> calls = e.getValue();
      BigDecimal cost = BigDecimal.ZERO;
      boolean priced = false;
      String currency = "";
      for (SpanData s : calls) {
        Double c = s.getAttributes().get(GEN_AI_USAGE_COST_AMOUNT);
        if (c != null) {
          priced = true;
          cost = cost.add(BigDecimal.valueOf(c));
          currency = s.getAttributes().get(GEN_AI_USAGE_COST_CURRENCY);
        }
      }
      out.append(String.format(format, e.getKey(), calls.size(),
          sum(calls, GEN_AI_USAGE_INPUT_TOKENS), sum(calls, GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS),
          sum(calls, GEN_AI_USAGE_OUTPUT_TOKENS), sum(calls, GEN_AI_USAGE_REASONING_OUTPUT_TOKENS),
          priced ? money(cost) + " " + currency : "unpriced", latency(calls, 0.50), latency(calls, 0.95)));
    }
  }

  private static String modelLabel(SpanData span) {
    String model = span.getAttributes().get(GEN_AI_RESPONSE_MODEL);
    if (model == null) {
      model = span.getAttributes().get(GEN_AI_REQUEST_MODEL);
    }
    return model != null ? model : span.getAttributes().get(GEN_AI_OPERATION_NAME) + " (unnamed local model)";
  }

  static void toolTable(List<SpanData> spans, StringBuilder out) {
    Map<String, List<SpanData>> byTool = group(spans.stream()
        .filter(s -> s.getKind() == SpanKind.SERVER && s.getAttributes().get(GEN_AI_TOOL_NAME) != null)
        .collect(Collectors.toList()), s -> s.getAttributes().get(GEN_AI_TOOL_NAME));
    if (byTool.isEmpty()) {
      return;
    }
    out.append("\nPer MCP tool (server side)\n");
    String format = "%-20s %12s %7s %9s %9s%n";
    out.append(String.format(format, "tool", "invocations", "errors", "p50", "p95"));
    for (Map.Entry<String, List<SpanData>> e : byTool.entrySet()) {
      long errors = e.getValue().stream().filter(s -> s.getStatus().getStatusCode() == StatusCode.ERROR).count();
      out.append(String.format(format, e.getKey(), e.getValue().size(), errors, latency(e.getValue(), 0.50),
          latency(e.getValue(), 0.95)));
    }
  }

  static void memoryTable(List<SpanData> spans, StringBuilder out) {
    Map<String, List<SpanData>> byOperation = group(spans.stream()
        .filter(s -> s.getAttributes().get(GEN_AI_MEMORY_STORE_ID) != null)
        .collect(Collectors.toList()),
        s -> s.getAttributes().get(GEN_AI_OPERATION_NAME) + " " + s.getAttributes().get(GEN_AI_MEMORY_STORE_ID));
    if (byOperation.isEmpty()) {
      return;
    }
    out.append("\nPer memory operation and store\n");
    String format = "%-36s %6s %9s %9s%n";
    out.append(String.format(format, "operation store", "calls", "records", "p95"));
    for (Map.Entry<String, List<SpanData>> e : byOperation.entrySet()) {
      out.append(String.format(format, e.getKey(), e.getValue().size(),
          sum(e.getValue(), GEN_AI_MEMORY_RECORD_COUNT), latency(e.getValue(), 0.95)));
    }
  }

  private static Map<String, List<SpanData>> group(List<SpanData> spans, Function<SpanData, String> key) {
    return spans.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.toList()));
  }

  private static long sum(List<SpanData> spans, AttributeKey<Long> key) {
    return spans.stream().map(s -> s.getAttributes().get(key)).filter(v -> v != null).mapToLong(Long::longValue)
        .sum();
  }

  /** Nearest-rank percentile of the spans' durations. */
  static String latency(List<SpanData> spans, double quantile) {
    List<Double> ms = spans.stream().map(TelemetrySummary::millis).sorted().collect(Collectors.toList());
    if (ms.isEmpty()) {
      return "-";
    }
    int rank = (int) Math.ceil(quantile * ms.size());
    return String.format("%.0f ms", ms.get(Math.max(0, Math.min(ms.size() - 1, rank - 1))));
  }

  private static double millis(SpanData span) {
    return (span.getEndEpochNanos() - span.getStartEpochNanos()) / 1e6;
  }

  private static String money(BigDecimal amount) {
    return amount.setScale(6, java.math.RoundingMode.HALF_UP).toPlainString();
  }

  private static String kind(SpanKind kind) {
    return kind.name().toLowerCase(java.util.Locale.ROOT);
  }
}
