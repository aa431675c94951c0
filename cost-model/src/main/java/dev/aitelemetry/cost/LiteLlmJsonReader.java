package dev.aitelemetry.cost;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads LiteLLM's {@code model_prices_and_context_window.json} (BerriAI/litellm, MIT): USD per token, converted
 * to per million tokens exactly.
 *
 * <p>Read: {@code input_cost_per_token}, {@code output_cost_per_token}, {@code cache_read_input_token_cost},
 * {@code cache_creation_input_token_cost}, {@code output_cost_per_reasoning_token}, the tier fields {@code
 * input_cost_per_token_above_<N>k_tokens}, {@code output_cost_per_token_above_<N>k_tokens}, {@code
 * cache_read_input_token_cost_above_<N>k_tokens}, {@code cache_creation_input_token_cost_above_<N>k_tokens}
 * (threshold N × 1000), {@code litellm_provider} and {@code mode}. Every other field is ignored.
 *
 * <p>Kept: entries whose {@code mode} is {@code chat}, {@code completion}, {@code embedding} or {@code responses}
 * (or absent) and that have a per-token input price; an embedding without an output price gets output 0. Skipped:
 * {@code sample_spec}, image, audio, rerank, moderation and search entries and any entry priced per character,
 * image or second, because those prices are not per token. A key that repeats another after lower-casing is
 * skipped (the first wins). A present price field that is not a non-negative number is an error.
 */
final class LiteLlmJsonReader {

  private static final Set<String> TOKEN_MODES = Set.of("chat", "completion", "embedding", "responses");
  private static final Pattern TIER_FIELD = Pattern.compile(
      "^(input_cost_per_token|output_cost_per_token|cache_read_input_token_cost|cache_creation_input_token_cost)"
          + "_above_(\\d{1,9})k_tokens$");
  private static final String SOURCE = "LiteLLM model_prices_and_context_window.json";

  private final String src;

  private LiteLlmJsonReader(String sourceName) {
    this.src = sourceName;
  }

  static PricingDocument read(JsonNode root, String sourceName) {
    return new LiteLlmJsonReader(sourceName).document(root);
  }

  private PricingDocument document(JsonNode root) {
    if (!root.isObject()) {
      throw PricingFormatException.file(src, null, "expected a JSON object of model name to price at the top level,"
          + " got " + JsonInput.describe(root));
    }
    Map<String, ModelPrice> models = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      String name = e.getKey();
      if (name.equals("sample_spec") || name.isBlank()) {
        continue;
      }
      JsonNode node = e.getValue();
      if (!node.isObject()) {
        throw PricingFormatException.model(src, name, null, "expected an object, got " + JsonInput.describe(node));
      }
      ModelPrice price = entry(name, node);
      if (price != null) {
        models.putIfAbsent(ModelNameNormalizer.key(name), price);
      }
    }
    return new PricingDocument(models, Map.of(), null, SOURCE + " (" + src + ")");
  }

  private ModelPrice entry(String name, JsonNode node) {
    JsonNode mode = node.get("mode");
    if (mode != null && !mode.isNull()) {
      if (!mode.isTextual()) {
        throw PricingFormatException.model(src, name, "mode", "expected a string, got " + JsonInput.describe(mode));
      }
      if (!TOKEN_MODES.contains(mode.textValue())) {
        return null;
      }
    }
    BigDecimal input = perMillion(node, name, "input_cost_per_token");
    BigDecimal output = perMillion(node, name, "output_cost_per_token");
    BigDecimal cacheRead = perMillion(node, name, "cache_read_input_token_cost");
    BigDecimal cacheWrite = perMillion(node, name, "cache_creation_input_token_cost");
    BigDecimal reasoning = perMillion(node, name, "output_cost_per_reasoning_token");
    Map<Long, PriceTier> tiers = tiers(node, name);
    if (input == null) {
      return null;
    }
    if (output == null) {
      if (mode == null || !"embedding".equals(mode.textValue())) {
        return null;
      }
      output = BigDecimal.ZERO;
    }
    ModelPrice price = ModelPrice.perMillionTokens("USD", input, output);
    if (cacheRead != null) {
      price = price.cacheRead(cacheRead);
    }
    if (cacheWrite != null) {
      price = price.cacheWrite(cacheWrite);
    }
    if (reasoning != null) {
      price = price.reasoning(reasoning);
    }
    for (PriceTier tier : tiers.values()) {
      price = price.tier(tier);
    }
    JsonNode provider = node.get("litellm_provider");
    String source = SOURCE + (provider != null && provider.isTextual() ? ", provider " + provider.textValue() : "");
    JsonNode entrySource = node.get("source");
    if (entrySource != null && entrySource.isTextual() && !entrySource.textValue().isBlank()) {
      source = entrySource.textValue() + " (via " + source + ")";
    }
    return price.source(source);
  }

  private Map<Long, PriceTier> tiers(JsonNode node, String name) {
    Map<Long, PriceTier> tiers = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      Matcher m = TIER_FIELD.matcher(e.getKey());
      if (!m.matches()) {
        continue;
      }
      BigDecimal value = perMillion(node, name, e.getKey());
      if (value == null) {
        continue;
      }
      long threshold = Long.parseLong(m.group(2)) * 1000L;
      if (threshold <= 0) {
        throw PricingFormatException.model(src, name, e.getKey(), "a tier threshold must be positive");
      }
      PriceTier tier = tiers.computeIfAbsent(threshold, PriceTier::above);
      tier = switch (m.group(1)) {
        case "input_cost_per_token" -> tier.input(value);
        case "output_cost_per_token" -> tier.output(value);
        case "cache_read_input_token_cost" -> tier.cacheRead(value);
        default -> tier.cacheWrite(value);
      };
      tiers.put(threshold, tier);
    }
    return tiers;
  }

  /** The field's per-token USD price as per-million, exactly; null when absent or JSON null. */
  private BigDecimal perMillion(JsonNode node, String name, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber()) {
      throw PricingFormatException.model(src, name, field, "expected a non-negative number, got "
          + JsonInput.describe(value));
    }
    try {
      return PriceValues.check(field, value.decimalValue().movePointRight(6));
    } catch (PriceValueException e) {
      // Report the value as written in the file, not the converted one.
      throw PricingFormatException.model(src, name, field, "expected a non-negative number, got "
          + value.decimalValue().toPlainString());
    }
  }
}
