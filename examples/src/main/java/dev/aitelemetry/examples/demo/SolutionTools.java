package dev.aitelemetry.examples.demo;

import dev.aitelemetry.core.AiTelemetry;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The MCP tools of the Python guide's memory server, as MCP Java SDK tool specifications: {@code search_memory}
 * and {@code capture_solution} over the solution memory, {@code analyze_logs} (slow) and {@code deploy_fix}
 * (always fails, as a gated deployment would). aitelemetry wraps them; they know nothing of telemetry.
 */
final class SolutionTools {
  private final SolutionMemory memory;
  private final AiTelemetry telemetry;

  SolutionTools(SolutionMemory memory, AiTelemetry telemetry) {
    this.memory = memory;
    this.telemetry = telemetry;
  }

  List<SyncToolSpecification> specifications() {
    return List.of(searchMemory(), captureSolution(), analyzeLogs(), deployFix());
  }

  private SyncToolSpecification searchMemory() {
    McpSchema.Tool tool = McpSchema.Tool.builder("search_memory", schema("query"))
        .description("Searches past solutions by meaning").build();
    return SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> {
      String query = String.valueOf(request.arguments().get("query"));
      List<EmbeddingMatch<TextSegment>> matches = memory.search(query, 3);
      if (matches.isEmpty()) {
        return text("No stored solution matches \"" + query + "\".");
      }
      // The guide's cross-domain correlation: how strongly the conversation relates to stored knowledge.
      telemetry.recordCrossDomainCorrelation("conversation", SolutionMemory.STORE_ID, matches.get(0).score(),
          Attributes.of(AttributeKey.longKey("app.matches"), (long) matches.size()));
      StringBuilder out = new StringBuilder();
      for (EmbeddingMatch<TextSegment> m : matches) {
        out.append(String.format(Locale.ROOT, "(%.2f) %s%n", m.score(), m.embedded().text()));
      }
      return text(out.toString().trim());
    }).build();
  }

  private SyncToolSpecification captureSolution() {
    McpSchema.Tool tool = McpSchema.Tool.builder("capture_solution", schema("problem", "solution"))
        .description("Stores a solution for later searches").build();
    return SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> {
      String id = memory.capture(String.valueOf(request.arguments().get("problem")),
          String.valueOf(request.arguments().get("solution")));
      return text("Stored as " + id + ".");
    }).build();
  }

  private SyncToolSpecification analyzeLogs() {
    McpSchema.Tool tool = McpSchema.Tool.builder("analyze_logs", schema("service"))
        .description("Scans the last hour of a service's logs (slow)").build();
    return SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> {
      pause(450 + Math.abs(String.valueOf(request.arguments()).hashCode()) % 400);
      return text("checkout-api: 37 'connection pool exhausted' errors between 10:02 and 10:09, all on pod"
          + " checkout-7f9c; error rate back to 0.1% after 10:10.");
    }).build();
  }

  private SyncToolSpecification deployFix() {
    McpSchema.Tool tool = McpSchema.Tool.builder("deploy_fix", schema("ticket"))
        .description("Deploys the fix for a ticket (gated)").build();
    return SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) ->
        McpSchema.CallToolResult.builder().isError(true)
            .addTextContent("Deployment failed: change freeze is active until Monday.").build()).build();
  }

  private static McpSchema.CallToolResult text(String text) {
    return McpSchema.CallToolResult.builder().addTextContent(text).isError(false).build();
  }

  /** A JSON Schema object with the given required string properties, as the SDK's schema map. */
  private static Map<String, Object> schema(String... required) {
    Map<String, Object> properties = new LinkedHashMap<>();
    for (String name : required) {
      properties.put(name, Map.of("type", "string"));
    }
    return Map.of("type", "object", "properties", properties, "required", List.of(required));
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
