package dev.aitelemetry.cost;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads a pricing file into a JSON tree, reporting syntax errors with the file name, and I/O errors unchecked.
 *
 * <p>Numbers are read as exact {@link java.math.BigDecimal}s ({@code 2.5e-06} stays 2.5e-06, never a binary
 * double), and a key repeated in one object is an error rather than "last one wins".
 */
final class JsonInput {

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
      .build();

  private JsonInput() {}

  static JsonNode read(Path path) {
    Objects.requireNonNull(path, "path");
    String name = path.toString();
    try (InputStream in = Files.newInputStream(path)) {
      return read(in, name);
    } catch (IOException e) {
      throw new UncheckedIOException(name + ": cannot read pricing file: " + e, e);
    }
  }

  static JsonNode read(InputStream in, String sourceName) {
    Objects.requireNonNull(in, "in");
    try {
      JsonNode root = MAPPER.readTree(in);
      if (root == null || root.isMissingNode()) {
        throw PricingFormatException.file(sourceName, null, "not valid JSON: the file is empty");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw PricingFormatException.file(sourceName, null, "not valid JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
              + e.getLocation().getColumnNr() + ")"));
    } catch (IOException e) {
      throw new UncheckedIOException(sourceName + ": cannot read pricing data: " + e, e);
    }
  }

  /** A short description of a JSON value for error messages: strings quoted, long text cut. */
  static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    String text;
    if (node.isTextual()) {
      text = '"' + node.textValue() + '"';
    } else if (node.isObject()) {
      return "an object";
    } else if (node.isArray()) {
      return "an array";
    } else {
      text = node.toString();
    }
    return text.length() > 60 ? text.substring(0, 57) + "..." : text;
  }
}
