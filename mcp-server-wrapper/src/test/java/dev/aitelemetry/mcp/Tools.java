// Tool specifications used by the tests: plain, flagged-error, throwing, and their async forms.
package dev.aitelemetry.mcp;

import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.Map;
import reactor.core.publisher.Mono;

final class Tools {
  static final String ECHO_DESCRIPTION = "Echoes the given text";
  static final Map<String, Object> TEXT_SCHEMA = Map.of("type", "object",
      "properties", Map.of("text", Map.of("type", "string")));

  private Tools() {}

  static McpSchema.Tool tool(String name) {
    return McpSchema.Tool.builder(name, TEXT_SCHEMA).description(ECHO_DESCRIPTION).build();
  }

  static CallToolResult echoResult(CallToolRequest request) {
    return CallToolResult.builder().addTextContent("echo: " + request.arguments().get("text")).isError(false).build();
  }

  static CallToolResult flaggedError() {
    return CallToolResult.builder().addTextContent("no such record").isError(true).build();
  }

  /** Echoes {@code text}; flags {@code text=flag} as a tool error; throws for {@code text=boom}. */
  static McpServerFeatures.SyncToolSpecification echo() {
    return McpServerFeatures.SyncToolSpecification.builder().tool(tool("echo")).callHandler((exchange, request) -> {
      Object text = request.arguments().get("text");
      if ("boom".equals(text)) {
        throw new IllegalStateException("tool failed on purpose");
      }
      return "flag".equals(text) ? flaggedError() : echoResult(request);
    }).build();
  }

  /** Echoes {@code text} after a hop to another thread; Mono.error for {@code boom}; never completes for {@code hang}. */
  static McpServerFeatures.AsyncToolSpecification asyncEcho() {
    return McpServerFeatures.AsyncToolSpecification.builder().tool(tool("echo")).callHandler((exchange, request) -> {
      Object text = request.arguments().get("text");
      if ("boom".equals(text)) {
        return Mono.error(new IllegalStateException("async tool failed on purpose"));
      }
      if ("hang".equals(text)) {
        return Mono.never();
      }
      return Mono.delay(Duration.ofMillis(5)).map(ignored -> "flag".equals(text) ? flaggedError() : echoResult(request));
    }).build();
  }

  static McpStatelessServerFeatures.SyncToolSpecification statelessEcho() {
    return McpStatelessServerFeatures.SyncToolSpecification.builder().tool(tool("echo"))
        .callHandler((context, request) -> echo().callHandler().apply(null, request)).build();
  }

  static McpStatelessServerFeatures.AsyncToolSpecification statelessAsyncEcho() {
    return McpStatelessServerFeatures.AsyncToolSpecification.builder().tool(tool("echo"))
        .callHandler((context, request) -> asyncEcho().callHandler().apply(null, request)).build();
  }

  static CallToolRequest call(String text) {
    return CallToolRequest.builder("echo").arguments(Map.of("text", text)).build();
  }

  static CallToolRequest call(String text, Map<String, Object> meta) {
    return CallToolRequest.builder("echo").arguments(Map.of("text", text)).meta(meta).build();
  }
}
