package dev.aitelemetry.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Exact cost arithmetic: every token billed once, in its own part, at its own rate. */
class CostArithmeticTest {

  private static final ModelPrice GPT_4O = ModelPrice.perMillionTokens("USD", "2.50", "10.00").cacheRead("1.25");
  private static final ModelPrice SONNET_4 = ModelPrice.perMillionTokens("USD", "3.00", "15.00")
      .cacheRead("0.30").cacheWrite("3.75")
      .tier(PriceTier.above(200_000).input("6.00").output("22.50").cacheRead("0.60").cacheWrite("7.50"));

  @Test
  void gpt4oSnapshotWithCachedInputCostsExactlyTheIssueExample() {
    Cost cost = PricingTable.defaults().cost("gpt-4o-2024-08-06", new TokenUsage(1200, 300, 1000, 0, 0))
        .orElseThrow();
    assertThat(cost.amount()).isEqualByComparingTo(new BigDecimal("0.00475"));
    assertThat(cost.amount().toPlainString()).isEqualTo("0.00475");
    assertThat(cost.currency()).isEqualTo("USD");
    assertThat(cost.modelKey()).isEqualTo("gpt-4o");
  }

  @Test
  void theFirstGpt4oSnapshotKeepsItsLaunchPriceWithoutACachedInputDiscount() {
    Cost cost = PricingTable.defaults().cost("gpt-4o-2024-05-13", new TokenUsage(1200, 300, 1000, 0, 0))
        .orElseThrow();
    // 1200 input tokens x 5.00 (no cache-read price: cached tokens are input) + 300 x 15.00, per million
    assertThat(cost.amount()).isEqualByComparingTo("0.0105");
    assertThat(cost.modelKey()).isEqualTo("gpt-4o-2024-05-13");
  }

  @Test
  void cachedReadTokensAreBilledAtTheCacheReadRateAndNotAlsoAsInput() {
    Cost cost = GPT_4O.cost("gpt-4o", new TokenUsage(1200, 300, 1000, 0, 0));
    assertThat(cost.part(CostPart.INPUT)).isEqualByComparingTo("0.0005");      // 200 x 2.50 / 1M
    assertThat(cost.part(CostPart.CACHE_READ)).isEqualByComparingTo("0.00125"); // 1000 x 1.25 / 1M
    assertThat(cost.part(CostPart.OUTPUT)).isEqualByComparingTo("0.003");       // 300 x 10 / 1M
  }

  @Test
  void cacheWriteTokensAreBilledAtTheCacheWriteRate() {
    Cost cost = SONNET_4.cost("claude-sonnet-4", new TokenUsage(10_000, 0, 0, 8_000, 0));
    assertThat(cost.part(CostPart.CACHE_WRITE)).isEqualByComparingTo("0.03"); // 8000 x 3.75 / 1M
    assertThat(cost.part(CostPart.INPUT)).isEqualByComparingTo("0.006");      // 2000 x 3 / 1M
    assertThat(cost.amount()).isEqualByComparingTo("0.036");
  }

  @Test
  void reasoningTokensAreBilledAtTheReasoningRateAndNotAlsoAsOutput() {
    ModelPrice price = ModelPrice.perMillionTokens("USD", "1", "4").reasoning("8");
    Cost cost = price.cost("m", new TokenUsage(0, 1_000, 0, 0, 600));
    assertThat(cost.part(CostPart.OUTPUT)).isEqualByComparingTo("0.0016");    // 400 x 4 / 1M
    assertThat(cost.part(CostPart.REASONING)).isEqualByComparingTo("0.0048"); // 600 x 8 / 1M
    assertThat(cost.amount()).isEqualByComparingTo("0.0064");
  }

  @Test
  void reasoningDefaultsToTheOutputPrice() {
    ModelPrice price = ModelPrice.perMillionTokens("USD", "1.10", "4.40");
    assertThat(price.reasoningPerMillion()).isEqualByComparingTo("4.40");
    Cost cost = price.cost("o3-mini", new TokenUsage(0, 1_000_000, 0, 0, 250_000));
    assertThat(cost.amount()).isEqualByComparingTo("4.40");
  }

  @Test
  void cachePartsWithoutAStatedPriceAreBilledAtTheInputPrice() {
    ModelPrice price = ModelPrice.perMillionTokens("USD", "2", "8");
    Cost cost = price.cost("m", new TokenUsage(1_000_000, 0, 400_000, 100_000, 0));
    assertThat(cost.amount()).isEqualByComparingTo("2");
  }

  @Test
  void breakdownAddsUpToTheAmountAndOmitsPartsWithoutTokens() {
    Cost cost = SONNET_4.cost("claude-sonnet-4", new TokenUsage(5_000, 700, 1_000, 2_000, 100));
    BigDecimal sum = cost.breakdown().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(sum).isEqualByComparingTo(cost.amount());
    assertThat(cost.breakdown()).containsOnlyKeys(
        CostPart.INPUT, CostPart.CACHE_READ, CostPart.CACHE_WRITE, CostPart.OUTPUT, CostPart.REASONING);
    assertThat(SONNET_4.cost("k", TokenUsage.of(10, 0)).breakdown()).containsOnlyKeys(CostPart.INPUT);
  }

  @Test
  void noTokensCostZero() {
    Cost cost = GPT_4O.cost("gpt-4o", TokenUsage.of(0, 0));
    assertThat(cost.amount()).isEqualByComparingTo("0");
    assertThat(cost.breakdown()).isEmpty();
  }

  @Test
  void requestAtTheTierThresholdIsBilledAtBaseRates() {
    Cost cost = SONNET_4.cost("claude-sonnet-4", TokenUsage.of(200_000, 1_000));
    assertThat(cost.part(CostPart.INPUT)).isEqualByComparingTo("0.6");   // 200000 x 3 / 1M
    assertThat(cost.part(CostPart.OUTPUT)).isEqualByComparingTo("0.015"); // 1000 x 15 / 1M
  }

  @Test
  void requestJustAboveTheTierThresholdIsBilledEntirelyAtTierRates() {
    Cost cost = SONNET_4.cost("claude-sonnet-4", new TokenUsage(200_001, 1_000, 100_000, 1, 0));
    assertThat(cost.part(CostPart.INPUT)).isEqualByComparingTo("0.6"); // 100000 x 6 / 1M, not 3
    assertThat(cost.part(CostPart.CACHE_READ)).isEqualByComparingTo("0.06");
    assertThat(cost.part(CostPart.CACHE_WRITE)).isEqualByComparingTo("0.0000075");
    assertThat(cost.part(CostPart.OUTPUT)).isEqualByComparingTo("0.0225");
  }

  @Test
  void cachedTokensCountTowardsTheTierThreshold() {
    Cost cost = SONNET_4.cost("claude-sonnet-4", new TokenUsage(250_000, 0, 240_000, 0, 0));
    assertThat(cost.part(CostPart.CACHE_READ)).isEqualByComparingTo("0.144"); // 240000 x 0.60 / 1M
  }

  @Test
  void partATierDoesNotStateKeepsItsBasePrice() {
    ModelPrice price = ModelPrice.perMillionTokens("USD", "1.25", "10").cacheRead("0.125")
        .tier(200_000, "2.50", "15");
    Cost cost = price.cost("m", new TokenUsage(300_000, 0, 100_000, 0, 0));
    assertThat(cost.part(CostPart.CACHE_READ)).isEqualByComparingTo("0.0125"); // base 0.125
    assertThat(cost.part(CostPart.INPUT)).isEqualByComparingTo("0.5");         // tier 2.50
  }

  @Test
  void reasoningFollowsTheTierOutputPriceWhenNoReasoningPriceIsStated() {
    ModelPrice price = ModelPrice.perMillionTokens("USD", "1.25", "10").tier(200_000, "2.50", "15");
    Cost cost = price.cost("m", new TokenUsage(300_000, 1_000_000, 0, 0, 1_000_000));
    assertThat(cost.part(CostPart.REASONING)).isEqualByComparingTo("15");
  }

  @Test
  void highestTierBelowTheInputCountApplies() {
    ModelPrice price = ModelPrice.perMillionTokens("USD", "1", "1")
        .tier(PriceTier.above(500_000).input("3"))
        .tier(PriceTier.above(100_000).input("2"));
    assertThat(price.cost("m", TokenUsage.of(1_000_000, 0)).amount()).isEqualByComparingTo("3");
    assertThat(price.cost("m", TokenUsage.of(500_000, 0)).amount()).isEqualByComparingTo("1");
    assertThat(price.tiers()).extracting(PriceTier::aboveInputTokens).containsExactly(100_000L, 500_000L);
  }

  @Test
  void costCarriesThePriceCurrency() {
    ModelPrice euro = ModelPrice.perMillionTokens("EUR", "2", "6");
    assertThat(euro.cost("mistral-large-2411", TokenUsage.of(1_000_000, 0)).currency()).isEqualTo("EUR");
  }

  @Test
  void largeUsageStaysExact() {
    ModelPrice price = ModelPrice.perMillionTokens("USD", "0.0028", "0.28");
    Cost cost = price.cost("m", new TokenUsage(Long.MAX_VALUE / 4, 0, 0, 0, 0));
    assertThat(cost.amount()).isEqualByComparingTo(
        BigDecimal.valueOf(Long.MAX_VALUE / 4).multiply(new BigDecimal("0.0028")).movePointLeft(6));
  }

  @Test
  void breakdownIsImmutable() {
    Map<CostPart, BigDecimal> breakdown = GPT_4O.cost("gpt-4o", TokenUsage.of(1, 1)).breakdown();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> breakdown.put(CostPart.INPUT, BigDecimal.ONE))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
