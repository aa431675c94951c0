package dev.aitelemetry.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a JMH {@code -rf json} result into the results table of {@code docs/benchmarks.md}: the median of the
 * measurement iterations, allocation per operation, the ratio to the baseline measured in the same run, and a
 * verdict per target of issue #7. Usage: {@code Report <jmh.json> <docs/benchmarks.md> <title>}; the table replaces
 * what is between {@code <!-- results:start -->} and {@code <!-- results:end -->}.
 */
public final class Report {
  private static final String START = "<!-- results:start -->";
  private static final String END = "<!-- results:end -->";

  private record Row(String clazz, String method, Map<String, String> params, double median, double min,
      double max, String unit, double bytesPerOp, int samples) {
    String key() {
      return clazz + "." + method + params;
    }
  }

  private Report() {}

  public static void main(String[] args) throws IOException {
    List<Row> rows = read(Path.of(args[0]));
    String title = args.length > 2 ? args[2] : "results";
    String table = render(rows, title);
    if (args.length > 1) {
      Path doc = Path.of(args[1]);
      String text = Files.readString(doc);
      int s = text.indexOf(START);
      int e = text.indexOf(END);
      if (s < 0 || e < s) {
        throw new IllegalStateException(doc + " has no " + START + " … " + END + " section");
      }
      Files.writeString(doc, text.substring(0, s + START.length()) + "\n" + table + text.substring(e));
    }
    System.out.println(table);
  }

  private static List<Row> read(Path json) throws IOException {
    List<Row> rows = new ArrayList<>();
    for (JsonNode r : new ObjectMapper().readTree(json.toFile())) {
      String full = r.get("benchmark").asText();
      String[] parts = full.split("\\.");
      Map<String, String> params = new TreeMap<>();
      if (r.has("params")) {
        r.get("params").properties().forEach(p -> params.put(p.getKey(), p.getValue().asText()));
      }
      JsonNode pm = r.get("primaryMetric");
      List<Double> raw = new ArrayList<>();
      for (JsonNode fork : pm.get("rawData")) {
        fork.forEach(v -> raw.add(v.asDouble()));
      }
      raw.sort(null);
      double median = raw.size() % 2 == 1 ? raw.get(raw.size() / 2)
          : (raw.get(raw.size() / 2 - 1) + raw.get(raw.size() / 2)) / 2;
      JsonNode gc = r.path("secondaryMetrics").path("gc.alloc.rate.norm");
      rows.add(new Row(parts[parts.length - 2], parts[parts.length - 1], params, median, raw.get(0),
          raw.get(raw.size() - 1), pm.get("scoreUnit").asText(), gc.isMissingNode() ? Double.NaN
          : gc.get("score").asDouble(), raw.size()));
    }
    return rows;
  }

  /** The baseline each row is compared with, measured in the same run. */
  private static Row baseline(Row r, Map<String, Row> byKey) {
    String base;
    switch (r.clazz()) {
      case "ChatListenerBenchmark":
      case "ChatModelCallBenchmark":
      case "McpToolBenchmark":
        base = "bareSdk";
        break;
      case "DisabledPathBenchmark":
        base = "noopApi";
        break;
      case "MemoryStoreBenchmark":
        base = "raw";
        break;
      case "SafetyNetBenchmark":
        base = "mapOnly";
        break;
      case "LiteLlmLoadBenchmark":
        base = "jacksonTreeOnly";
        break;
      case "PricingLookupBenchmark": {
        Map<String, String> p = new TreeMap<>(r.params());
        p.put("tableSize", "50");
        return byKey.get(r.clazz() + "." + r.method() + p);
      }
      default:
        return null;
    }
    return byKey.get(r.clazz() + "." + base + r.params());
  }

  private static String render(List<Row> rows, String title) {
    Map<String, Row> byKey = new LinkedHashMap<>();
    rows.forEach(r -> byKey.put(r.key(), r));
    StringBuilder s = new StringBuilder();
    s.append("#### ").append(title).append("\n\n");
    s.append("| benchmark | params | median | (min–max) | unit | B/op | baseline | ratio |\n");
    s.append("|---|---|---:|---|---|---:|---|---:|\n");
    for (Row r : rows) {
      Row b = baseline(r, byKey);
      String ratio = b == null || b == r ? "" : fmt(r.median() / b.median()) + "×";
      s.append("| ").append(r.clazz().replace("Benchmark", "")).append('.').append(r.method())
          .append(" | ").append(r.params().isEmpty() ? "" : r.params().toString().replaceAll("[{}]", ""))
          .append(" | ").append(fmt(r.median()))
          .append(" | ").append(fmt(r.min())).append("–").append(fmt(r.max()))
          .append(" | ").append(r.unit())
          .append(" | ").append(Double.isNaN(r.bytesPerOp()) ? "" : String.format(Locale.ROOT, "%.0f", r.bytesPerOp()))
          .append(" | ").append(b == null || b == r ? "" : b.method()
              + (r.clazz().startsWith("PricingLookup") ? " @50" : ""))
          .append(" | ").append(ratio).append(" |\n");
    }
    s.append("\n").append(targets(byKey));
    return s.toString();
  }

  private static String targets(Map<String, Row> byKey) {
    StringBuilder s = new StringBuilder("| target (issue #7) | measured | verdict |\n|---|---|---|\n");
    Row chat = byKey.get("ChatListenerBenchmark.aitelemetry{}");
    Row chatBare = byKey.get("ChatListenerBenchmark.bareSdk{}");
    Row chatInst = byKey.get("ChatListenerBenchmark.instrumenterApi{}");
    if (chat != null && chatBare != null && chatInst != null) {
      target(s, "listener full path ≤ 1.25× bare SDK", chat.median() / chatBare.median(), 1.25, "×");
      target(s, "listener faster than Instrumenter API (ratio < 1)", chat.median() / chatInst.median(), 0.9999, "×");
      Row net = byKey.get("SafetyNetBenchmark.cleanerRegisterAndClean{}");
      Row netBase = byKey.get("SafetyNetBenchmark.mapOnly{}");
      if (net != null && netBase != null) {
        double netCost = net.median() - netBase.median();
        s.append("| (information) listener less its abandoned-call safety net (Cleaner register + clean: ")
            .append(fmt(netCost)).append(" ns, `SafetyNet`) vs bare SDK | ")
            .append(fmt((chat.median() - netCost) / chatBare.median())).append("× | — |\n");
      }
    }
    Row call = byKey.get("ChatModelCallBenchmark.aitelemetry{}");
    Row callBare = byKey.get("ChatModelCallBenchmark.bareSdk{}");
    Row callInst = byKey.get("ChatModelCallBenchmark.instrumenterApi{}");
    if (call != null && callBare != null && callInst != null) {
      target(s, "(production call stack) listener ≤ 1.25× bare SDK", call.median() / callBare.median(), 1.25, "×");
      target(s, "(production call stack) faster than Instrumenter API", call.median() / callInst.median(), 0.9999,
          "×");
    }
    Row wrapped = byKey.get("ChatModelCallBenchmark.aitelemetryWrapped{}");
    if (wrapped != null && callBare != null && callInst != null) {
      target(s, "(production call stack, lc.wrap(model): span current in doChat) ≤ 1.25× bare SDK",
          wrapped.median() / callBare.median(), 1.25, "×");
      target(s, "(production call stack, lc.wrap(model)) faster than Instrumenter API",
          wrapped.median() / callInst.median(), 0.9999, "×");
    }
    Row off = byKey.get("DisabledPathBenchmark.aitelemetryNoop{}");
    Row offBase = byKey.get("DisabledPathBenchmark.noopApi{}");
    if (off != null && offBase != null) {
      target(s, "disabled path ≤ 150 ns/op", off.median(), 150, " ns/op");
      target(s, "disabled path ≤ 2× the no-op API called directly", off.median() / offBase.median(), 2, "×");
      s.append("| disabled path allocation | ").append(String.format(Locale.ROOT, "%.0f", off.bytesPerOp()))
          .append(" B/op (LangChain4j's own map and contexts included) | — |\n");
    }
    Row mcp = byKey.get("McpToolBenchmark.aitelemetry{}");
    Row mcpBare = byKey.get("McpToolBenchmark.bareSdk{}");
    if (mcp != null && mcpBare != null) {
      target(s, "MCP decorator ≤ 1.25× bare SDK", mcp.median() / mcpBare.median(), 1.25, "×");
    }
    Row mem = byKey.get("MemoryStoreBenchmark.aitelemetry{}");
    Row memRaw = byKey.get("MemoryStoreBenchmark.raw{}");
    if (mem != null && memRaw != null) {
      target(s, "memory wrapper ≤ 1.05× raw store", mem.median() / memRaw.median(), 1.05, "×");
    }
    double worst = 0;
    double worstScale = 0;
    double worstBytes = 0;
    boolean any = false;
    for (Row r : byKey.values()) {
      if (r.clazz().equals("PricingLookupBenchmark") && r.method().equals("lookup")) {
        any = true;
        worst = Math.max(worst, r.median());
        worstBytes = Math.max(worstBytes, r.bytesPerOp());
        if (r.params().get("tableSize").equals("20000")) {
          Map<String, String> p = new TreeMap<>(r.params());
          p.put("tableSize", "50");
          Row small = byKey.get("PricingLookupBenchmark.lookup" + p);
          if (small != null) {
            worstScale = Math.max(worstScale, r.median() / small.median());
          }
        }
      }
    }
    if (any) {
      target(s, "pricing lookup ≤ 100 ns/op (worst case)", worst, 100, " ns/op");
      target(s, "20,000 vs 50 entries ≤ 1.5× (worst case)", worstScale, 1.5, "×");
      target(s, "0 B/op for a repeated name (worst case)", worstBytes, 0.5, " B/op");
    }
    return s.toString();
  }

  private static void target(StringBuilder s, String what, double value, double limit, String unit) {
    s.append("| ").append(what).append(" | ").append(fmt(value)).append(unit).append(" | ")
        .append(value <= limit ? "met" : "**missed**").append(" |\n");
  }

  private static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "";
    }
    double a = Math.abs(v);
    return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f", v);
  }
}
