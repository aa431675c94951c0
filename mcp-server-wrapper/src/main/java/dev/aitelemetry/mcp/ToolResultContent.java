// Turns MCP tool arguments and results into the strings recorded as gen_ai.tool.call.arguments / .result.
package dev.aitelemetry.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Content;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.Map;

/**
 * Content for the opt-in attributes. Only called when content capture is on; core then redacts and truncates.
 * Jackson 2 (core's own dependency) writes the JSON, so this works whichever JSON module the MCP SDK uses.
 */
final class ToolResultContent {
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private ToolResultContent() {}

  /** The arguments as a JSON object, or null when there are none. */
  static String arguments(Map<String, Object> arguments) throws JsonProcessingException {
    return arguments == null ? null : JSON.writeValueAsString(arguments);
  }

  /**
   * Structured content as JSON when the tool returned some (it is the machine-readable result), otherwise the text
   * parts joined by newlines. Images, audio and embedded resources are not recorded: they are binary or large and
   * are not what the conventions mean by a tool result.
   */
  static String result(CallToolResult result) throws JsonProcessingException {
    if (result == null) {
      return null;
    }
    if (result.structuredContent() != null) {
      return JSON.writeValueAsString(result.structuredContent());
    }
    if (result.content() == null) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    for (Content part : result.content()) {
      if (part instanceof TextContent && ((TextContent) part).text() != null) {
        if (text.length() > 0) {
          text.append('\n');
        }
        text.append(((TextContent) part).text());
      }
    }
    return text.length() == 0 ? null : text.toString();
  }
}
