package dev.aitelemetry.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Building tables in code, aliases, and laying user prices over the defaults. */
class PricingTableTest {

  private static final ModelPrice NEGOTIATED = ModelPrice.perMillionTokens("USD", "2.00", "8.00").cacheRead("1.00");

  @Test
  void builderTableMatchesItsModelsThroughSnapshotsAndPrefixes() {
    PricingTable mine = PricingTable.builder()
        .model("gpt-4o", ModelPrice.perMillionTokens("USD", "2.50", "10.00").cacheRead("1.25"))
        .build();
    assertThat(mine.keyOf("azure/gpt-4o-2024-08-06")).contains("gpt-4o");
  }

  @Test
  void userAliasPricesAnAzureDeploymentName() {
    PricingTable mine = PricingTable.builder()
        .model("gpt-4o", ModelPrice.perMillionTokens("USD", "2.50", "10.00").cacheRead("1.25"))
        .alias("my-azure-deployment", "gpt-4o")
        .build();
    assertThat(mine.cost("My-Azure-Deployment", TokenUsage.of(1_000_000, 0)).orElseThrow().modelKey())
        .isEqualTo("gpt-4o");
  }

  @Test
  void aliasTargetIsMatchedLikeAModelName() {
    PricingTable t = PricingTable.defaults().toBuilder().alias("prod-chat", "openai/gpt-4o-2024-08-06").build();
    assertThat(t.aliases()).containsEntry("prod-chat", "gpt-4o");
  }

  @Test
  void aliasToAnUnknownModelIsRejectedWhenBuilding() {
    PricingTable.Builder builder = PricingTable.builder().alias("x", "gpt-9");
    assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("alias \"x\" points to \"gpt-9\"");
  }

  @Test
  void blankKeyIsRejected() {
    assertThatThrownBy(() -> PricingTable.builder().model(" ", NEGOTIATED))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keysAreCaseInsensitive() {
    PricingTable t = PricingTable.builder().model("My-Model", NEGOTIATED).build();
    assertThat(t.keys()).containsExactly("my-model");
    assertThat(t.keyOf("MY-MODEL")).contains("my-model");
  }

  @Test
  void overridePriceWinsOverTheDefault() {
    PricingTable both = PricingTable.defaults()
        .withOverrides(PricingTable.builder().model("gpt-4o", NEGOTIATED).build());
    assertThat(both.price("gpt-4o-2024-08-06")).contains(NEGOTIATED);
  }

  @Test
  void overrideKeepsEveryOtherDefault() {
    PricingTable defaults = PricingTable.defaults();
    PricingTable both = defaults.withOverrides(PricingTable.builder().model("my-llm", NEGOTIATED).build());
    assertThat(both.size()).isEqualTo(defaults.size() + 1);
    assertThat(both.price("claude-sonnet-4-5")).isEqualTo(defaults.price("claude-sonnet-4-5"));
    assertThat(both.asOf()).isEqualTo(defaults.asOf());
  }

  @Test
  void overrideAliasWinsOverADefaultAlias() {
    PricingTable both = PricingTable.defaults().withOverrides(PricingTable.builder()
        .model("my-sonnet", NEGOTIATED)
        .alias("claude-3-5-sonnet-latest", "my-sonnet")
        .build());
    assertThat(both.keyOf("claude-3-5-sonnet-latest")).contains("my-sonnet");
  }

  @Test
  void overrideAliasWinsOverADefaultModelKey() {
    PricingTable both = PricingTable.defaults().withOverrides(PricingTable.builder()
        .model("gpt-4o-negotiated", NEGOTIATED)
        .alias("gpt-4o", "gpt-4o-negotiated")
        .build());
    assertThat(both.keyOf("gpt-4o-2024-08-06")).contains("gpt-4o-negotiated");
  }

  @Test
  void overridesDoNotChangeTheOriginalTable() {
    PricingTable defaults = PricingTable.defaults();
    defaults.withOverrides(PricingTable.builder().model("gpt-4o", NEGOTIATED).build());
    assertThat(defaults.price("gpt-4o").orElseThrow().inputPerMillion()).isEqualByComparingTo("2.50");
  }

  @Test
  void toBuilderLetsUsersAliasBundledModelsWithoutRepricingThem() {
    PricingTable t = PricingTable.defaults().toBuilder().alias("my-azure-deployment", "gpt-4o-mini").build();
    assertThat(t.keyOf("my-azure-deployment")).contains("gpt-4o-mini");
  }

  @Test
  void builderRecordsDateAndSource() {
    PricingTable t = PricingTable.builder().model("m", NEGOTIATED)
        .asOf(LocalDate.of(2026, 1, 1)).source("contract 42").build();
    assertThat(t.asOf()).contains(LocalDate.of(2026, 1, 1));
    assertThat(t.source()).contains("contract 42");
  }

  @Test
  void pricingTableIsACostModel() {
    CostModel model = PricingTable.defaults();
    assertThat(model.cost("gpt-4o", TokenUsage.of(1_000_000, 0)).orElseThrow().amount())
        .isEqualByComparingTo("2.50");
  }

  @Test
  void customCostModelCanDecorateATable() {
    PricingTable table = PricingTable.defaults();
    CostModel discounted = (model, usage) -> table.cost(model, usage).map(c -> new Cost(
        c.amount().multiply(new java.math.BigDecimal("0.8")), c.currency(), c.modelKey(), c.breakdown()));
    assertThat(discounted.cost("gpt-4o", TokenUsage.of(1_000_000, 0)).orElseThrow().amount())
        .isEqualByComparingTo("2.00");
  }
}
