package dev.aitelemetry.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Shortens a value to at most {@code maxLength} characters. JSON objects and arrays stay valid JSON: long
 * strings inside are cut first, then trailing elements are dropped. Other text is cut and marked.
 */
final class JsonTruncator {
  static final String MARK = "…";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MAX_ROUNDS = 64;
  private static final int MIN_STRING = 8;

  private final int maxLength;

  JsonTruncator(int maxLength) {
    if (maxLength < 64) {
      throw new IllegalArgumentException("content length limit must be at least 64 characters, got " + maxLength);
    }
    this.maxLength = maxLength;
  }

  String truncate(String text) {
    if (text.length() <= maxLength) {
      return text;
    }
    JsonNode node = parseContainer(text);
    if (node == null) {
      return cutText(text, maxLength);
    }
    return shrink((ContainerNode<?>) node);
  }

  private static JsonNode parseContainer(String text) {
    char first = firstNonWhitespace(text);
    if (first != '{' && first != '[') {
      return null;
    }
    try {
      JsonNode node = MAPPER.readTree(text);
      return node != null && node.isContainerNode() ? node : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private String shrink(ContainerNode<?> root) {
    String json = write(root);
    int cap = longestString(root);
    for (int round = 0; round < MAX_ROUNDS && json.length() > maxLength; round++) {
      if (cap > MIN_STRING) {
        cap = Math.max(MIN_STRING, cap / 2);
        cutStrings(root, cap);
      } else if (!dropHalfOfLargestContainer(root)) {
        break;
      }
      json = write(root);
    }
    if (json.length() > maxLength) {
      // Pathological nesting: keep the type, lose the content.
      return root.isArray() ? "[\"" + MARK + "\"]" : "{\"" + MARK + "\":true}";
    }
    return json;
  }

  private static int longestString(JsonNode node) {
    int max = 0;
    for (JsonNode n : allNodes(node)) {
      if (n.isTextual()) {
        max = Math.max(max, n.textValue().length());
      }
    }
    return max;
  }

  private static void cutStrings(JsonNode node, int cap) {
    if (node instanceof ObjectNode) {
      ObjectNode obj = (ObjectNode) node;
      for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = e.getValue();
        if (v.isTextual() && v.textValue().length() > cap) {
          e.setValue(TextNode.valueOf(cutText(v.textValue(), cap)));
        } else {
          cutStrings(v, cap);
        }
      }
    } else if (node instanceof ArrayNode) {
      ArrayNode arr = (ArrayNode) node;
      for (int i = 0; i < arr.size(); i++) {
        JsonNode v = arr.get(i);
        if (v.isTextual() && v.textValue().length() > cap) {
          arr.set(i, TextNode.valueOf(cutText(v.textValue(), cap)));
        } else {
          cutStrings(v, cap);
        }
      }
    }
  }

  private static boolean dropHalfOfLargestContainer(JsonNode root) {
    JsonNode largest = null;
    for (JsonNode n : allNodes(root)) {
      if (n.isContainerNode() && n.size() > 1 && (largest == null || n.size() > largest.size())) {
        largest = n;
      }
    }
    if (largest == null) {
      return false;
    }
    int keep = largest.size() / 2;
    if (largest instanceof ArrayNode) {
      ArrayNode arr = (ArrayNode) largest;
      while (arr.size() > keep) {
        arr.remove(arr.size() - 1);
      }
      arr.add(MARK);
    } else {
      ObjectNode obj = (ObjectNode) largest;
      List<String> names = new ArrayList<>();
      obj.fieldNames().forEachRemaining(names::add);
      for (String name : names.subList(keep, names.size())) {
        obj.remove(name);
      }
      obj.put(MARK, true);
    }
    return true;
  }

  private static List<JsonNode> allNodes(JsonNode root) {
    List<JsonNode> out = new ArrayList<>();
    List<JsonNode> stack = new ArrayList<>();
    stack.add(root);
    while (!stack.isEmpty()) {
      JsonNode n = stack.remove(stack.size() - 1);
      out.add(n);
      n.elements().forEachRemaining(stack::add);
    }
    return out;
  }

  private static String cutText(String text, int max) {
    int end = Math.max(0, max - MARK.length());
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + MARK;
  }

  private static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a parsed JSON tree", e);
    }
  }

  private static char firstNonWhitespace(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c)) {
        return c;
      }
    }
    return 0;
  }
}
