// Example of the guide's tool decorator: a traced MCP tool called over a real MCP connection, and a traced Java function.
package dev.aitelemetry.examples.patterns;

import dev.aitelemetry.core.AiTelemetry;
import dev.aitelemetry.core.AiTelemetrySetup;
import dev.aitelemetry.mcp.McpTelemetry;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Mirrors the Python guide's {@code @instrument_mcp_tool} decorator.
 *
 * <p>Python decorates the tool function; in Java the MCP tool is a {@code SyncToolSpecification} and {@link
 * McpTelemetry#wrap} decorates it, leaving name, schema and handler untouched. The example serves the wrapped tool
 * from a real {@code McpServer.sync} and calls it from a real {@code McpSyncClient} through {@link
 * McpTelemetry#callTool}, which puts the caller's trace context into the request's {@code _meta}: the server span
 * {@code tools/call search_solutions} (SERVER) becomes the child of the client span of the same name (CLIENT), and
 * the call counts once in {@code mcp.tool.invocations}. A tool that is a plain Java function, with no MCP around
 * it, gets the same treatment from {@link AiTelemetry#instrumentFunction}: span {@code execute_tool count_words}.
 *
 * <p>Run it, exporting over OTLP to {@code OTEL_EXPORTER_OTLP_ENDPOINT} (or the guide's {@code OTLP_ENDPOINT};
 * default {@code localhost:4317}, gRPC):
 *
 * <pre>
 * mvn -q -B -pl examples -am package -DskipTests
 * java -cp 'examples/target/aitelemetry-demo.jar:examples/target/lib/*' dev.aitelemetry.examples.patterns.ToolDecoratorExample
 * </pre>
 */
public final class ToolDecoratorExample {
  static final String SEARCH_TOOL = "search_solutions";
  static final String COUNT_TOOL = "count_words";
  static final String QUERY = "pool";

  private static final List<String> SOLUTIONS = List.of(
      "checkout-api: connection pool exhausted; raise the pool size to 40",
      "search-api: slow queries after reindex; warm the cache before switching aliases",
      "billing-db: replica lag; move reports to the analytics replica");

  private ToolDecoratorExample() {}

  /** What the two tools answered. */
  public record Outcome(String mcpAnswer, int words) {}

  public static void main(String[] args) {
    try (AiTelemetrySetup setup = AiTelemetrySetup.init("patterns-tool-decorator")) {
      Outcome outcome = run(setup.telemetry());
      System.out.println(SEARCH_TOOL + " over MCP answered: " + outcome.mcpAnswer());
      System.out.println(COUNT_TOOL + " counted " + outcome.words() + " words");
    }
  }

  /** Calls the MCP tool once through a real client and server, then the Java function tool once. */
  public static Outcome run(AiTelemetry telemetry) {
    // "pipe" is what network.transport means for a stdio-framed connection.
    McpTelemetry mcp = McpTelemetry.builder(telemetry).networkTransport("pipe").build();
    String answer;
    try (InJvmMcp connection = InJvmMcp.start("solutions", List.of(mcp.wrap(searchSolutions())))) {
      CallToolResult result = mcp.callTool(connection.client(),
          CallToolRequest.builder(SEARCH_TOOL).arguments(Map.of("query", QUERY)).build());
      answer = ((TextContent) result.content().get(0)).text();
    }

    Function<String, Integer> countWords = telemetry.instrumentFunction(COUNT_TOOL, ToolDecoratorExample::countWords);
    return new Outcome(answer, countWords.apply(answer));
  }

  /** The tool as any MCP server would declare it; it knows nothing of telemetry. */
  static SyncToolSpecification searchSolutions() {
    McpSchema.Tool tool = McpSchema.Tool.builder(SEARCH_TOOL,
            Map.of("type", "object",
                "properties", Map.of("query", Map.of("type", "string")),
                "required", List.of("query")))
        .description("Finds past incident solutions that mention a word").build();
    return SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> {
      String query = String.valueOf(request.arguments().get("query")).toLowerCase(Locale.ROOT);
      String found = SOLUTIONS.stream().filter(s -> s.contains(query)).collect(Collectors.joining("\n"));
      return CallToolResult.builder()
          .addTextContent(found.isEmpty() ? "No solution mentions \"" + query + "\"." : found)
          .isError(false)
          .build();
    }).build();
  }

  static int countWords(String text) {
    String trimmed = text.trim();
    return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
  }
}
