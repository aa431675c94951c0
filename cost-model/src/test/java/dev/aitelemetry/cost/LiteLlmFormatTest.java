package dev.aitelemetry.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading LiteLLM's model_prices_and_context_window.json field names from a hand-written sample. */
class LiteLlmFormatTest {

  private static PricingTable sample;

  @TempDir Path dir;

  @BeforeAll
  static void readSample() throws IOException {
    try (InputStream in = LiteLlmFormatTest.class.getResourceAsStream("litellm-sample.json")) {
      sample = PricingTable.fromLiteLlmJson(in, "litellm-sample.json");
    }
  }

  @Test
  void perTokenPricesBecomeExactPerMillionPrices() {
    ModelPrice gpt4o = sample.price("gpt-4o-2024-08-06").orElseThrow();
    assertThat(gpt4o.inputPerMillion()).isEqualByComparingTo("2.50");
    assertThat(gpt4o.outputPerMillion()).isEqualByComparingTo("10");
    assertThat(gpt4o.cacheReadPerMillion()).isEqualByComparingTo("1.25");
    assertThat(gpt4o.currency()).isEqualTo("USD");
  }

  @Test
  void issueExampleHoldsWithLiteLlmPrices() {
    assertThat(sample.cost("gpt-4o-2024-08-06", new TokenUsage(1200, 300, 1000, 0, 0)).orElseThrow().amount())
        .isEqualByComparingTo("0.00475");
  }

  @Test
  void cacheCreationCostBecomesTheCacheWritePrice() {
    assertThat(sample.price("claude-sonnet-4-20250514").orElseThrow().cacheWritePerMillion())
        .isEqualByComparingTo("3.75");
  }

  @Test
  void above200kFieldsBecomeACliffTierWithCachePrices() {
    ModelPrice sonnet = sample.price("claude-sonnet-4-20250514").orElseThrow();
    assertThat(sonnet.tiers()).singleElement().satisfies(t -> {
      assertThat(t.aboveInputTokens()).isEqualTo(200_000);
      assertThat(t.inputPerMillion()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("6"));
      assertThat(t.outputPerMillion()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("22.5"));
      assertThat(t.cacheReadPerMillion()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.6"));
      assertThat(t.cacheWritePerMillion()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("7.5"));
    });
  }

  @Test
  void above128kFieldsBecomeATierAt128000Tokens() {
    assertThat(sample.price("gemini/gemini-1.5-pro").orElseThrow().tiers())
        .extracting(PriceTier::aboveInputTokens).containsExactly(128_000L);
  }

  @Test
  void reasoningTokenCostBecomesTheReasoningPrice() {
    assertThat(sample.price("o1-mini").orElseThrow().reasoningPerMillion()).isEqualByComparingTo("4.4");
  }

  @Test
  void embeddingWithoutOutputPriceIsKeptWithOutputZero() {
    ModelPrice embedding = sample.price("text-embedding-3-small").orElseThrow();
    assertThat(embedding.inputPerMillion()).isEqualByComparingTo("0.02");
    assertThat(embedding.outputPerMillion()).isEqualByComparingTo("0");
  }

  @Test
  void firstOfTwoKeysThatDifferOnlyInCaseWins() {
    assertThat(sample.price("TEXT-embedding-3-small").orElseThrow().inputPerMillion())
        .isEqualByComparingTo("0.02");
  }

  @Test
  void responsesModeAndEntriesWithoutModeAreKept() {
    assertThat(sample.keyOf("gpt-4o-responses")).isPresent();
    assertThat(sample.keyOf("no-mode-model")).isPresent();
  }

  @Test
  void entriesNotPricedPerTokenAndTheSampleSpecAreSkipped() {
    assertThat(sample.keyOf("dall-e-3")).isEmpty();
    assertThat(sample.keyOf("whisper-1")).isEmpty();
    assertThat(sample.keyOf("chat-bison")).isEmpty();
    assertThat(sample.keyOf("sample_spec")).isEmpty();
    assertThat(sample.size()).isEqualTo(7);
  }

  @Test
  void providerPrefixedKeysMatchBothWithAndWithoutThePrefix() {
    assertThat(sample.keyOf("gemini/gemini-1.5-pro")).contains("gemini/gemini-1.5-pro");
    assertThat(sample.keyOf("openai/o1-mini")).contains("o1-mini");
  }

  @Test
  void entrySourceAndProviderAreRecorded() {
    assertThat(sample.price("gemini/gemini-1.5-pro").orElseThrow().source().orElseThrow())
        .contains("https://ai.google.dev/pricing").contains("gemini");
  }

  @Test
  void pathOverloadReadsTheSameFile() throws IOException {
    Path file = dir.resolve("model_prices_and_context_window.json");
    try (InputStream in = getClass().getResourceAsStream("litellm-sample.json")) {
      Files.copy(in, file);
    }
    assertThat(PricingTable.fromLiteLlmJson(file).keys()).isEqualTo(sample.keys());
  }

  @Test
  void negativePerTokenCostIsRejected() throws IOException {
    Path file = dir.resolve("litellm.json");
    Files.writeString(file, "{\"m\": {\"input_cost_per_token\": -1e-06, \"output_cost_per_token\": 1e-06,"
        + " \"mode\": \"chat\"}}");
    assertThatThrownBy(() -> PricingTable.fromLiteLlmJson(file))
        .isInstanceOf(PricingFormatException.class)
        .hasMessage(file + ": model \"m\": field \"input_cost_per_token\": expected a non-negative number, got"
            + " -0.000001");
  }

  @Test
  void nonNumericPerTokenCostIsRejected() throws IOException {
    Path file = dir.resolve("litellm.json");
    Files.writeString(file, "{\"m\": {\"input_cost_per_token\": 1e-06, \"output_cost_per_token\": \"cheap\"}}");
    assertThatThrownBy(() -> PricingTable.fromLiteLlmJson(file))
        .hasMessage(file + ": model \"m\": field \"output_cost_per_token\": expected a non-negative number, got"
            + " \"cheap\"");
  }

  @Test
  void badTierCostIsRejected() throws IOException {
    Path file = dir.resolve("litellm.json");
    Files.writeString(file, "{\"m\": {\"input_cost_per_token\": 1e-06, \"output_cost_per_token\": 1e-06,"
        + " \"input_cost_per_token_above_200k_tokens\": -2e-06}}");
    assertThatThrownBy(() -> PricingTable.fromLiteLlmJson(file))
        .hasMessageContaining("field \"input_cost_per_token_above_200k_tokens\"");
  }

  @Test
  void entryThatIsNotAnObjectIsRejected() throws IOException {
    Path file = dir.resolve("litellm.json");
    Files.writeString(file, "{\"m\": 3}");
    assertThatThrownBy(() -> PricingTable.fromLiteLlmJson(file))
        .hasMessage(file + ": model \"m\": expected an object, got 3");
  }

  @Test
  void topLevelThatIsNotAnObjectIsRejected() throws IOException {
    Path file = dir.resolve("litellm.json");
    Files.writeString(file, "\"prices\"");
    assertThatThrownBy(() -> PricingTable.fromLiteLlmJson(file)).hasMessageStartingWith(file + ": expected a JSON"
        + " object");
  }
}
