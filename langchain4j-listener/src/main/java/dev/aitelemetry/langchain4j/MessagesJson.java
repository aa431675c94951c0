package dev.aitelemetry.langchain4j;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.List;
import java.util.Locale;

/**
 * Writes LangChain4j messages as the JSON strings of the GenAI semconv content attributes: {@code
 * gen_ai.system_instructions} (an array of parts), {@code gen_ai.input.messages} and {@code
 * gen_ai.output.messages} (arrays of {@code {role, parts[, finish_reason]}}) and {@code gen_ai.tool.definitions}.
 * Parts are {@code text}, {@code reasoning}, {@code tool_call} ({@code id, name, arguments}), {@code
 * tool_call_response} ({@code id, response}), {@code uri} and {@code blob} (images).
 *
 * <p>System messages go to the system instructions and are left out of the input messages, because LangChain4j
 * treats them as instructions (some providers, e.g. Anthropic, send them separately). Content is only written
 * when capture is on; core truncates and redacts it.
 */
final class MessagesJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private MessagesJson() {}

  /** The system instructions as an array of text parts, or null if there is no system message. */
  static String systemInstructions(List<ChatMessage> messages) {
    if (messages == null) {
      return null;
    }
    ArrayNode parts = JSON.createArrayNode();
    for (ChatMessage message : messages) {
      if (message instanceof SystemMessage) {
        text(parts, ((SystemMessage) message).text());
      }
    }
    return parts.isEmpty() ? null : write(parts);
  }

  /** The chat history sent to the model, system messages excepted; null if there is none. */
  static String inputMessages(List<ChatMessage> messages) {
    if (messages == null) {
      return null;
    }
    ArrayNode result = JSON.createArrayNode();
    for (ChatMessage message : messages) {
      if (message instanceof UserMessage) {
        UserMessage user = (UserMessage) message;
        ObjectNode node = message(result, "user");
        if (user.name() != null) {
          node.put("name", user.name());
        }
        ArrayNode parts = (ArrayNode) node.get("parts");
        for (Content content : user.contents()) {
          content(parts, content);
        }
      } else if (message instanceof AiMessage) {
        aiParts((ArrayNode) message(result, "assistant").get("parts"), (AiMessage) message);
      } else if (message instanceof ToolExecutionResultMessage) {
        ToolExecutionResultMessage tool = (ToolExecutionResultMessage) message;
        ObjectNode part = ((ArrayNode) message(result, "tool").get("parts")).addObject();
        part.put("type", "tool_call_response").put("id", tool.id()).put("response", tool.text());
      }
      // SystemMessage: see systemInstructions; custom messages have no semconv representation.
    }
    return result.isEmpty() ? null : write(result);
  }

  /** The model's answer as one assistant output message with its finish reason. */
  static String outputMessages(AiMessage message, String finishReason) {
    if (message == null) {
      return null;
    }
    ArrayNode result = JSON.createArrayNode();
    ObjectNode node = message(result, "assistant");
    aiParts((ArrayNode) node.get("parts"), message);
    node.put("finish_reason", finishReason == null ? "stop" : finishReason);
    return write(result);
  }

  /** The tool definitions offered to the model ({@code type=function}, name, description, parameters). */
  static String toolDefinitions(List<ToolSpecification> tools) {
    if (tools == null || tools.isEmpty()) {
      return null;
    }
    ArrayNode result = JSON.createArrayNode();
    for (ToolSpecification tool : tools) {
      ObjectNode node = result.addObject().put("type", "function").put("name", tool.name());
      if (tool.description() != null) {
        node.put("description", tool.description());
      }
      if (tool.parameters() != null) {
        // ToolSpecification.toJson() writes the parameters as a standard JSON Schema object.
        JsonNode spec = parse(tool.toJson());
        if (spec != null && spec.has("parameters")) {
          node.set("parameters", spec.get("parameters"));
        }
      }
    }
    return write(result);
  }

  /** Tool-call arguments as JSON: the object when the string parses, else the string itself. */
  static JsonNode arguments(String arguments) {
    JsonNode parsed = arguments == null ? null : parse(arguments);
    return parsed != null ? parsed : JSON.getNodeFactory().textNode(arguments);
  }

  private static ObjectNode message(ArrayNode result, String role) {
    ObjectNode node = result.addObject().put("role", role);
    node.putArray("parts");
    return node;
  }

  private static void aiParts(ArrayNode parts, AiMessage message) {
    if (message.thinking() != null && !message.thinking().isEmpty()) {
      parts.addObject().put("type", "reasoning").put("content", message.thinking());
    }
    if (message.text() != null && !message.text().isEmpty()) {
      text(parts, message.text());
    }
    if (message.hasToolExecutionRequests()) {
      for (ToolExecutionRequest request : message.toolExecutionRequests()) {
        ObjectNode part = parts.addObject().put("type", "tool_call").put("id", request.id())
            .put("name", request.name());
        part.set("arguments", arguments(request.arguments()));
      }
    }
  }

  private static void content(ArrayNode parts, Content content) {
    if (content instanceof TextContent) {
      text(parts, ((TextContent) content).text());
    } else if (content instanceof ImageContent) {
      Image image = ((ImageContent) content).image();
      if (image == null) {
        return;
      }
      ObjectNode part = parts.addObject();
      if (image.url() != null) {
        part.put("type", "uri").put("modality", "image").put("uri", image.url().toString());
      } else {
        part.put("type", "blob").put("modality", "image").put("content", image.base64Data());
      }
      if (image.mimeType() != null) {
        part.put("mime_type", image.mimeType());
      }
    } else if (content != null && content.type() != null) {
      // Audio, video, PDF: the semconv "generic" part keeps the structure without the payload.
      parts.addObject().put("type", "generic").put("generic_type", content.type().name().toLowerCase(Locale.ROOT));
    }
  }

  private static void text(ArrayNode parts, String text) {
    parts.addObject().put("type", "text").put("content", text);
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException | RuntimeException e) {
      return null;
    }
  }

  private static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write content JSON", e);
    }
  }
}
