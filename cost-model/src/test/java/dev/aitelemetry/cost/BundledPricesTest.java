package dev.aitelemetry.cost;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bundled table: complete, dated, sourced, and valid under the same rules as a user's file. */
class BundledPricesTest {

  private final PricingTable defaults = PricingTable.defaults();

  @Test
  void bundledFilePassesTheStrictReaderOfTheProjectFormat() throws IOException {
    try (InputStream in = PricingTable.class.getResourceAsStream("default-prices.json")) {
      assertThat(PricingTable.fromJson(in, "default-prices.json").keys()).isEqualTo(defaults.keys());
    }
  }

  @Test
  void bundledTableIsDatedAndSourced() {
    assertThat(defaults.asOf()).isPresent();
    assertThat(defaults.source()).hasValueSatisfying(s -> assertThat(s).contains("genai-prices").contains("litellm"));
  }

  @Test
  void everyBundledModelCitesAnHttpsSource() {
    for (String key : defaults.keys()) {
      assertThat(defaults.price(key).orElseThrow().source())
          .as(key).hasValueSatisfying(s -> assertThat(s).startsWith("https://"));
    }
  }

  @Test
  void everyBundledModelIsInUsDollars() {
    for (String key : defaults.keys()) {
      assertThat(defaults.price(key).orElseThrow().currency()).as(key).isEqualTo("USD");
    }
  }

  @Test
  void everyModelTheIssueListsIsBundled() {
    assertThat(defaults.keys()).contains(
        "gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano", "o1", "o1-mini", "o3", "o3-mini",
        "o4-mini", "gpt-5", "gpt-5-mini", "gpt-5-nano", "text-embedding-3-small", "text-embedding-3-large",
        "claude-3-5-haiku", "claude-3-5-sonnet", "claude-3-7-sonnet", "claude-sonnet-4", "claude-sonnet-4-5",
        "claude-opus-4", "claude-opus-4-1", "claude-haiku-4-5",
        "gemini-1.5-pro", "gemini-1.5-flash", "gemini-2.0-flash", "gemini-2.5-pro", "gemini-2.5-flash",
        "mistral-large-2512", "mistral-small-2603", "deepseek-chat", "deepseek-reasoner");
  }

  @Test
  void everyAnthropicModelHasCacheReadAndCacheWritePrices() {
    for (String key : defaults.keys()) {
      if (key.startsWith("claude")) {
        ModelPrice p = defaults.price(key).orElseThrow();
        assertThat(p.cacheReadPerMillion()).as(key).isLessThan(p.inputPerMillion());
        assertThat(p.cacheWritePerMillion()).as(key).isGreaterThan(p.inputPerMillion());
      }
    }
  }

  @ParameterizedTest(name = "{0} above {1} input tokens: input {2}, output {3}")
  @CsvSource({
      "claude-sonnet-4, 200000, 6.00, 22.50",
      "claude-sonnet-4-5, 200000, 6.00, 22.50",
      "gemini-2.5-pro, 200000, 2.50, 15.00",
      "gemini-1.5-pro, 128000, 2.50, 10.00",
  })
  void longContextModelsCarryTheirTier(String key, long threshold, String input, String output) {
    PriceTier tier = defaults.price(key).orElseThrow().tiers().get(0);
    assertThat(tier.aboveInputTokens()).isEqualTo(threshold);
    assertThat(tier.inputPerMillion().orElseThrow()).isEqualByComparingTo(input);
    assertThat(tier.outputPerMillion().orElseThrow()).isEqualByComparingTo(output);
  }

  @Test
  void sonnet4LongContextRequestViaBedrockIsBilledAtTheTierRate() {
    Cost cost = defaults.cost("us.anthropic.claude-sonnet-4-20250514-v1:0", TokenUsage.of(300_000, 1_000))
        .orElseThrow();
    assertThat(cost.modelKey()).isEqualTo("claude-sonnet-4");
    assertThat(cost.amount()).isEqualByComparingTo("1.8225"); // 300000 x 6 / 1M + 1000 x 22.50 / 1M
  }

  @Test
  void defaultsAreLoadedOnce() {
    assertThat(PricingTable.defaults()).isSameAs(PricingTable.defaults());
  }

  /** The JSON Schema in docs/ and the reader accept the same fields, so the documentation cannot drift. */
  @Test
  void jsonSchemaDescribesExactlyTheFieldsTheReaderAccepts() throws IOException {
    JsonNode schema = new ObjectMapper().readTree(Files.readString(Path.of("../docs/pricing.schema.json")));
    assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(names(schema.path("properties")))
        .containsExactlyInAnyOrder("$schema", "format_version", "as_of", "currency", "source", "notes", "models",
            "aliases");
    JsonNode model = schema.path("$defs").path("model");
    assertThat(names(model.path("properties"))).containsExactlyInAnyOrder(
        "input", "output", "cache_read", "cache_write", "reasoning", "currency", "source", "notes", "aliases",
        "tiers");
    assertThat(names(schema.path("$defs").path("tier").path("properties"))).containsExactlyInAnyOrder(
        "above_input_tokens", "input", "output", "cache_read", "cache_write", "reasoning", "notes");
  }

  private static Set<String> names(JsonNode object) {
    Set<String> names = new HashSet<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
