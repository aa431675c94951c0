package dev.aitelemetry.examples.demo;

import dev.aitelemetry.mcp.McpTelemetry;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The AI service's tools: each one calls the MCP server's tool of the same name through a real MCP client. The
 * call goes through {@link McpTelemetry#callTool}, which adds a CLIENT span and puts the trace context into the
 * request's {@code _meta}, so the server's span joins the same trace.
 */
final class AssistantTools {
  private final McpSyncClient client;
  private final McpTelemetry mcp;

  AssistantTools(McpSyncClient client, McpTelemetry mcp) {
    this.client = client;
    this.mcp = mcp;
  }

  @Tool(name = "search_memory", value = "Searches past incident solutions by meaning")
  String searchMemory(@P(name = "query", value = "what to look for") String query) {
    return call("search_memory", Map.of("query", query));
  }

  @Tool(name = "capture_solution", value = "Stores a solution so that later searches find it")
  String captureSolution(@P(name = "problem", value = "the problem, in a few words") String problem,
      @P(name = "solution", value = "the solution") String solution) {
    return call("capture_solution", Map.of("problem", problem, "solution", solution));
  }

  @Tool(name = "analyze_logs", value = "Analyzes the last hour of a service's logs")
  String analyzeLogs(@P(name = "service", value = "the service name") String service) {
    return call("analyze_logs", Map.of("service", service));
  }

  @Tool(name = "deploy_fix", value = "Deploys the fix for a ticket")
  String deployFix(@P(name = "ticket", value = "the ticket id") String ticket) {
    return call("deploy_fix", Map.of("ticket", ticket));
  }

  private String call(String tool, Map<String, Object> arguments) {
    McpSchema.CallToolResult result =
        mcp.callTool(client, McpSchema.CallToolRequest.builder(tool).arguments(arguments).build());
    String text = result.content().stream()
        .filter(c -> c instanceof McpSchema.TextContent)
        .map(c -> ((McpSchema.TextContent) c).text())
        .collect(Collectors.joining("\n"));
    return Boolean.TRUE.equals(result.isError()) ? "error: " + text : text;
  }
}
