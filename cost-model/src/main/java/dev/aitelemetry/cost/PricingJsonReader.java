package dev.aitelemetry.cost;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads the project's own pricing format (documented in {@code docs/pricing.md}, schema in {@code
 * docs/pricing.schema.json}) and rejects anything doubtful with the file, entry and field named.
 *
 * <p>Unknown fields are errors, not ignored: a misspelt {@code "cache_raed"} silently ignored would bill cached
 * tokens at the full input price.
 */
final class PricingJsonReader {

  private static final Set<String> TOP_FIELDS =
      Set.of("$schema", "format_version", "as_of", "currency", "source", "notes", "models", "aliases");
  private static final Set<String> MODEL_FIELDS = Set.of(
      "input", "output", "cache_read", "cache_write", "reasoning", "currency", "source", "notes", "aliases", "tiers");
  private static final Set<String> TIER_FIELDS =
      Set.of("above_input_tokens", "input", "output", "cache_read", "cache_write", "reasoning", "notes");

  private final String src;
  private final PricingTable base;

  private PricingJsonReader(String sourceName, PricingTable base) {
    this.src = sourceName;
    this.base = base;
  }

  /**
   * Reads one file.
   *
   * @param base the table the file will be merged into, whose models aliases may also name; null when the file
   *     must stand alone
   */
  static PricingDocument read(JsonNode root, String sourceName, PricingTable base) {
    return new PricingJsonReader(sourceName, base).document(root);
  }

  private PricingDocument document(JsonNode root) {
    if (!root.isObject()) {
      throw PricingFormatException.file(src, null, "expected a JSON object at the top level, got "
          + JsonInput.describe(root));
    }
    checkFields(root, TOP_FIELDS, null);
    JsonNode version = root.get("format_version");
    if (version != null && !(version.isIntegralNumber() && version.asLong() == 1)) {
      throw PricingFormatException.file(src, "format_version", "expected 1, got " + JsonInput.describe(version));
    }
    LocalDate asOf = date(root.get("as_of"));
    String source = optionalText(root.get("source"), null, "source");
    optionalText(root.get("notes"), null, "notes");
    String defaultCurrency = null;
    if (root.has("currency")) {
      defaultCurrency = currency(root.get("currency"), null);
    }
    JsonNode modelsNode = root.get("models");
    if (modelsNode == null) {
      throw PricingFormatException.file(src, "models", "is required (an object of model key to price)");
    }
    if (!modelsNode.isObject()) {
      throw PricingFormatException.file(src, "models", "expected an object of model key to price, got "
          + JsonInput.describe(modelsNode));
    }
    Map<String, ModelPrice> models = new LinkedHashMap<>();
    Map<String, String> originalKeys = new LinkedHashMap<>();
    Map<String, String> aliases = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = modelsNode.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String original = e.getKey();
      if (original.isBlank()) {
        throw PricingFormatException.model(src, original, null, "a model key must not be blank");
      }
      String key = ModelNameNormalizer.key(original);
      String earlier = originalKeys.putIfAbsent(key, original);
      if (earlier != null) {
        throw PricingFormatException.model(src, original, null, "duplicates model \"" + earlier
            + "\" (keys are case-insensitive and trimmed)");
      }
      models.put(key, model(original, e.getValue(), defaultCurrency, aliases));
    }
    JsonNode aliasNode = root.get("aliases");
    if (aliasNode != null) {
      if (!aliasNode.isObject()) {
        throw PricingFormatException.file(src, "aliases", "expected an object of alias to model key, got "
            + JsonInput.describe(aliasNode));
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = aliasNode.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isTextual()) {
          throw PricingFormatException.alias(src, e.getKey(), "expected the model key it stands for as a string, got "
              + JsonInput.describe(e.getValue()));
        }
        addAlias(aliases, e.getKey(), e.getValue().textValue());
      }
    }
    Map<String, String> resolved = new LinkedHashMap<>();
    for (Map.Entry<String, String> a : aliases.entrySet()) {
      if (models.containsKey(a.getKey())) {
        throw PricingFormatException.alias(src, a.getKey(), "is also a model key; a name can be one or the other");
      }
      String target = PricingTable.Builder.resolveTarget(a.getValue(), models, aliases);
      if (target == null && base != null) {
        target = base.keyOf(a.getValue()).orElse(null);
      }
      if (target == null) {
        throw PricingFormatException.alias(src, a.getKey(), "points to \"" + a.getValue()
            + "\", which is not a model " + (base == null ? "of this file" : "of this file or of the defaults"));
      }
      resolved.put(a.getKey(), target);
    }
    return new PricingDocument(models, resolved, asOf, source);
  }

  private ModelPrice model(String key, JsonNode node, String defaultCurrency, Map<String, String> aliases) {
    if (!node.isObject()) {
      throw PricingFormatException.model(src, key, null, "expected an object with at least \"input\" and"
          + " \"output\", got " + JsonInput.describe(node));
    }
    checkFields(node, MODEL_FIELDS, key);
    String currency;
    if (node.has("currency")) {
      currency = currency(node.get("currency"), key);
    } else if (defaultCurrency != null) {
      currency = defaultCurrency;
    } else {
      throw PricingFormatException.model(src, key, "currency",
          "is required here or at the top level (an ISO 4217 code such as \"USD\")");
    }
    ModelPrice price = ModelPrice.perMillionTokens(currency, required(node, key, "input", "input"),
        required(node, key, "output", "output"));
    BigDecimal cacheRead = optionalPrice(node, key, "cache_read", "cache_read");
    if (cacheRead != null) {
      price = price.cacheRead(cacheRead);
    }
    BigDecimal cacheWrite = optionalPrice(node, key, "cache_write", "cache_write");
    if (cacheWrite != null) {
      price = price.cacheWrite(cacheWrite);
    }
    BigDecimal reasoning = optionalPrice(node, key, "reasoning", "reasoning");
    if (reasoning != null) {
      price = price.reasoning(reasoning);
    }
    price = price.source(optionalText(node.get("source"), key, "source"));
    optionalText(node.get("notes"), key, "notes");
    JsonNode tiers = node.get("tiers");
    if (tiers != null) {
      if (!tiers.isArray()) {
        throw PricingFormatException.model(src, key, "tiers", "expected an array of tiers, got "
            + JsonInput.describe(tiers));
      }
      for (int i = 0; i < tiers.size(); i++) {
        price = tier(price, key, tiers.get(i), "tiers[" + i + "]");
      }
    }
    JsonNode modelAliases = node.get("aliases");
    if (modelAliases != null) {
      if (!modelAliases.isArray()) {
        throw PricingFormatException.model(src, key, "aliases", "expected an array of names, got "
            + JsonInput.describe(modelAliases));
      }
      for (JsonNode alias : modelAliases) {
        if (!alias.isTextual() || alias.textValue().isBlank()) {
          throw PricingFormatException.model(src, key, "aliases", "expected non-blank names, got "
              + JsonInput.describe(alias));
        }
        addAlias(aliases, alias.textValue(), key);
      }
    }
    return price;
  }

  private ModelPrice tier(ModelPrice price, String key, JsonNode node, String path) {
    if (!node.isObject()) {
      throw PricingFormatException.model(src, key, path, "expected an object, got " + JsonInput.describe(node));
    }
    checkFields(node, TIER_FIELDS, key, path + ".");
    JsonNode above = node.get("above_input_tokens");
    String field = path + ".above_input_tokens";
    if (above == null) {
      throw PricingFormatException.model(src, key, field, "is required (a positive whole number of input tokens)");
    }
    if (!above.isIntegralNumber() || !above.canConvertToLong() || above.asLong() <= 0) {
      throw PricingFormatException.model(src, key, field, "expected a positive whole number of tokens, got "
          + JsonInput.describe(above));
    }
    PriceTier tier = PriceTier.above(above.asLong());
    BigDecimal v;
    if ((v = optionalPrice(node, key, "input", path + ".input")) != null) {
      tier = tier.input(v);
    }
    if ((v = optionalPrice(node, key, "output", path + ".output")) != null) {
      tier = tier.output(v);
    }
    if ((v = optionalPrice(node, key, "cache_read", path + ".cache_read")) != null) {
      tier = tier.cacheRead(v);
    }
    if ((v = optionalPrice(node, key, "cache_write", path + ".cache_write")) != null) {
      tier = tier.cacheWrite(v);
    }
    if ((v = optionalPrice(node, key, "reasoning", path + ".reasoning")) != null) {
      tier = tier.reasoning(v);
    }
    optionalText(node.get("notes"), key, path + ".notes");
    try {
      return price.tier(tier);
    } catch (PriceValueException e) {
      throw PricingFormatException.model(src, key, path, e.problem());
    }
  }

  private void addAlias(Map<String, String> aliases, String alias, String target) {
    if (alias.isBlank()) {
      throw PricingFormatException.alias(src, alias, "an alias must not be blank");
    }
    String name = ModelNameNormalizer.key(alias);
    String targetKey = ModelNameNormalizer.key(target);
    String earlier = aliases.putIfAbsent(name, targetKey);
    if (earlier != null && !earlier.equals(targetKey)) {
      throw PricingFormatException.alias(src, alias, "is defined twice, for \"" + earlier + "\" and \""
          + targetKey + "\"");
    }
  }

  private BigDecimal required(JsonNode node, String key, String name, String field) {
    BigDecimal value = optionalPrice(node, key, name, field);
    if (value == null) {
      throw PricingFormatException.model(src, key, field, "is required (price per million tokens)");
    }
    return value;
  }

  private BigDecimal optionalPrice(JsonNode node, String key, String name, String field) {
    JsonNode value = node.get(name);
    if (value == null) {
      return null;
    }
    try {
      if (value.isNumber()) {
        return PriceValues.check(field, value.decimalValue());
      }
      if (value.isTextual()) {
        return PriceValues.parse(field, value.textValue());
      }
    } catch (PriceValueException e) {
      throw PricingFormatException.model(src, key, field, e.problem());
    }
    throw PricingFormatException.model(src, key, field, "expected a non-negative number, got "
        + JsonInput.describe(value));
  }

  private String currency(JsonNode node, String key) {
    String problem;
    if (node.isTextual()) {
      try {
        return PriceValues.currency("currency", node.textValue());
      } catch (PriceValueException e) {
        problem = e.problem();
      }
    } else {
      problem = "expected an ISO 4217 currency code such as \"USD\", got " + JsonInput.describe(node);
    }
    throw key == null
        ? PricingFormatException.file(src, "currency", problem)
        : PricingFormatException.model(src, key, "currency", problem);
  }

  private LocalDate date(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      try {
        return LocalDate.parse(node.textValue());
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    throw PricingFormatException.file(src, "as_of", "expected a date such as \"2026-11-25\", got "
        + JsonInput.describe(node));
  }

  private String optionalText(JsonNode node, String key, String field) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      String problem = "expected a string, got " + JsonInput.describe(node);
      throw key == null
          ? PricingFormatException.file(src, field, problem)
          : PricingFormatException.model(src, key, field, problem);
    }
    return node.textValue();
  }

  private void checkFields(JsonNode node, Set<String> allowed, String key) {
    checkFields(node, allowed, key, "");
  }

  private void checkFields(JsonNode node, Set<String> allowed, String key, String prefix) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        String problem = "unknown field; expected one of " + String.join(", ", allowed.stream().sorted().toList());
        throw key == null
            ? PricingFormatException.file(src, prefix + name, problem)
            : PricingFormatException.model(src, key, prefix + name, problem);
      }
    }
  }
}
